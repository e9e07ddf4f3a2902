"""Shared helpers of the publish tests: an approved copy of the mini library, text from DOCX and PDF."""

from __future__ import annotations

import datetime as dt
import re
import shutil
import zipfile
from pathlib import Path

import docx
from pypdf import PdfReader

from toolkit import Library
from toolkit.approvals import approve

FIXTURES = Path(__file__).resolve().parent / "fixtures"
WHEN = dt.datetime(2026, 2, 1, 9, 30, tzinfo=dt.UTC)
HOSTILE = (
    "Zoë & Ëlif B.V. # $x$ *b* [x](y) <script>alert(1)</script> `code` {=openxml} @ref "
    '#import "evil.typ" \\ ]) #{1+1} _u_'
)
EXAMPLE = (
    "naam: " + '"' + HOSTILE.replace("\\", "\\\\").replace('"', '\\"') + '"\n'
    "streng: true\npers: afdeling\nperschef: Ïne `rm` $HOME\nkanalen: [linkedin, tiktok]\n"
)


def approved_library(target: Path) -> Path:
    """A copy of the mini library with one (hostile) example, fully approved."""
    shutil.copytree(FIXTURES / "mini", target)
    examples = target / "mini" / "examples"
    examples.mkdir()
    (examples / "acme.yaml").write_text(EXAMPLE, encoding="utf-8")
    approve(Library(target).template("mini"), None, by="Eva de Vries", when=WHEN)
    return target


def docx_text(path: Path) -> list[tuple[str, str]]:
    """(style, text) of every paragraph."""
    return [
        (p.style.name if p.style is not None else "", p.text) for p in docx.Document(str(path)).paragraphs
    ]


def docx_part(path: Path, name: str) -> str:
    with zipfile.ZipFile(path) as archive:
        return archive.read(name).decode("utf-8")


def pdf_text(path: Path) -> str:
    return "\n".join(page.extract_text() or "" for page in PdfReader(path).pages)


def squeeze(text: str) -> str:
    """Text without line-end hyphenation and whitespace, to compare justified PDF text."""
    return re.sub(r"\s+", "", re.sub(r"-\n", "", text))
