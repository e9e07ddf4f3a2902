"""What a finished questionnaire produces: the answers file and the documents, written atomically."""

from __future__ import annotations

import io
from collections.abc import Mapping, Sequence
from pathlib import Path

from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap

from ..formats import FORMATS, render_documents, write_files
from ..library import Library
from ..locales import Locale, ui_locale
from ..model import Answers, Template

ANSWERS_FILE = "antwoorden.yaml"


def default_formats() -> list[str]:
    """The released documents (DOCX and PDF) when publishing is installed, else the previews."""
    released = [name for name, fmt in FORMATS.items() if fmt.released]
    return released or list(FORMATS)


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
    return render_documents(library.render(template, answers), formats, template.id)


def write_all(out: Path, files: Mapping[str, bytes | str]) -> list[Path]:
    """Write every file into ``out``, all or none (the answers file and the documents of one run)."""
    return write_files(out, files)
