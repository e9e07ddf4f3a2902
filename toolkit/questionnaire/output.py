"""What a finished questionnaire produces: the answers file and the documents, written atomically."""

from __future__ import annotations

import io
from collections.abc import Mapping, Sequence
from pathlib import Path

from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap

from ..formats import FORMATS
from ..fsutil import atomic_write
from ..library import Library
from ..locales import Locale, ui_locale
from ..model import Answers, Template

ANSWERS_FILE = "antwoorden.yaml"


def default_formats() -> list[str]:
    """DOCX and PDF when publishing is installed, else Markdown and HTML."""
    wanted: list[str] = [name for name in ("docx", "pdf") if name in FORMATS]
    return wanted or ["md", "html"]


def answers_yaml(template: Template, answers: Answers, ui: Locale | None = None) -> str:
    """The answers as an answers file that ``clausekit render --answers`` reads back unchanged
    (its opening comment in the words of ``ui``, default :func:`~toolkit.locales.ui_locale`)."""
    data = CommentedMap()
    for question in template.questions:
        if question.id in answers.values:
            value = answers.values[question.id]
            data[question.id] = list(value) if isinstance(value, tuple) else value
    words = ui or ui_locale()
    data.yaml_set_start_comment(
        words.text(
            "questionnaire.answers_file", title=template.title, id=template.id, version=template.version
        )
    )
    yaml = YAML(typ="rt", pure=True)
    yaml.default_flow_style = False
    yaml.allow_unicode = True
    buffer = io.StringIO()
    yaml.dump(data, buffer)
    return buffer.getvalue()


def documents(
    library: Library, template: Template, answers: Answers, formats: Sequence[str]
) -> dict[str, bytes]:
    """File name → content of the document in each of ``formats`` (names from FORMATS)."""
    document = library.render(template, answers)
    files = {}
    for name in formats:
        extension, writer = FORMATS[name]
        files[f"{template.id}.{extension}"] = writer(document)
    return files


def write_all(out: Path, files: Mapping[str, bytes | str]) -> list[Path]:
    """Write every file into ``out``, each atomically; everything was produced before the first write."""
    written = []
    for name, content in files.items():
        target = out / name
        atomic_write(target, content)
        written.append(target)
    return written
