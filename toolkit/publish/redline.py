"""``clausekit diff``: a redline between two versions of a template's review edition.

The DOCX has real Word tracked changes (w:ins / w:del that a lawyer can accept or reject), made by
python-redlines' Docxodus engine (a compiled comparer shipped in its wheel). The HTML is a side-by-side
diff of the same text made with difflib. Both compare the review edition without approval lines, so
that only the wording, the conditions and the structure show up as changes.
"""

from __future__ import annotations

import difflib
import html
from dataclasses import dataclass
from pathlib import Path

from ..errors import ClauseKitError, UsageError
from ..library import Library
from ..locales import locale_for
from ..model import Template
from .docx import markdown_to_docx
from .markdown import document_meta, review_markdown, source_epoch
from .pandoc import FILTER, READER, run_pandoc
from .zipfix import iso_stamp

WORKING = "working"
BUNDLE = "bundle"  # a release's folder of approved sources (release.py builds on this module)


class RedlineError(ClauseKitError):
    """The comparison engine failed."""


class _HtmlDiff(difflib.HtmlDiff):
    """difflib's side-by-side table with fixed anchor names: difflib numbers them with a counter shared
    by every HtmlDiff of the process, so the same two texts would give a different page each time."""

    def _make_prefix(self) -> None:
        self._prefix = ["from_", "to_"]


@dataclass(frozen=True)
class Side:
    label: str  # "1.0.0" or "working"
    template: Template

    @property
    def markdown(self) -> str:
        return review_markdown(self.template, ())


def published_template(dist: Path, template_id: str, version: str) -> Template:
    """The template as published in ``dist/<template>/<version>/bundle``."""
    bundle = dist / template_id / version / BUNDLE
    if not bundle.is_dir():
        folder = dist / template_id
        found = folder.iterdir() if folder.is_dir() else iter(())
        known = sorted(p.name for p in found if p.is_dir() and not p.name.startswith("."))
        raise UsageError(
            f"version {version} of {template_id} is not published in {dist}",
            hint=("published versions: " + ", ".join(known)) if known else "run 'clausekit publish' first",
        )
    return Library(bundle).template(template_id)


def side(library: Library, dist: Path, template_id: str, version: str) -> Side:
    if version == WORKING:
        return Side(WORKING, library.template(template_id))
    return Side(version, published_template(dist, template_id, version))


def redline_docx(old: Side, new: Side, author: str = "clausekit") -> bytes:
    epoch = max(source_epoch(old.template), source_epoch(new.template))
    words = locale_for(new.template.language)
    meta = document_meta(new.template, words.text("document.changes_since", version=old.label))
    before = markdown_to_docx(old.markdown, meta, epoch)
    after = markdown_to_docx(new.markdown, meta, epoch)
    try:
        from python_redlines import DocxodusEngine  # type: ignore[import-untyped]
    except ImportError as exc:
        raise RedlineError("python-redlines is not installed", hint='pip install -e ".[publish]"') from exc
    try:
        result, _, _ = DocxodusEngine().run_redline(
            author, original=before, modified=after, date_time=iso_stamp(epoch)
        )
    except Exception as exc:  # EngineExecutionError and friends: keep the engine's message
        raise RedlineError(f"the redline engine failed: {exc}", hint="compare the HTML diff instead") from exc
    return bytes(result)


def plain_text(markdown: str) -> str:
    """The review edition as plain text, one paragraph per line (what the HTML diff compares)."""
    args = ["--from", READER, "--to", "plain", "--wrap=none", f"--lua-filter={FILTER}"]
    return run_pandoc(args, markdown.encode("utf-8")).decode("utf-8")


def redline_html(old: Side, new: Side) -> str:
    words = locale_for(new.template.language)
    before = words.text("document.version_short", version=old.label)
    after = words.text("document.version_short", version=new.label)
    title = html.escape(f"{new.template.title}: {before} → {after}")
    differ = _HtmlDiff(wrapcolumn=80)
    page = differ.make_file(
        plain_text(old.markdown).splitlines(),
        plain_text(new.markdown).splitlines(),
        fromdesc=before,
        todesc=after,
        context=True,
        numlines=2,
    )
    page = page.replace("<title></title>", f"<title>{title}</title>")
    return page.replace("<html>", f'<html lang="{html.escape(words.tag)}">', 1)
