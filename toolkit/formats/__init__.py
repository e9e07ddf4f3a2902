"""The output formats, by name, and the one way every face writes a document's files.

A format is one module here holding a :class:`Format`; ``_MODULES`` registers it. From that record
``clausekit render --to``, the interview, the questionnaire, the studio's export buttons, the nbconvert
exporters (``clausekit_<name>``, also listed in pyproject's entry points) and releases (formats with an
edition writer) all offer it.
"""

from __future__ import annotations

import os
import secrets
from collections.abc import Iterable, Mapping
from importlib import import_module
from pathlib import Path

from ..errors import ClauseKitError, UsageError
from ..fsutil import atomic_write
from ..model import Document
from .base import PUBLISH_MODULES, EditionWriter, Format, Writer

__all__ = [
    "FORMATS",
    "PUBLISH_MODULES",
    "REGISTRY",
    "EditionWriter",
    "Format",
    "Writer",
    "export_order",
    "find",
    "parse_formats",
    "render_documents",
    "write_documents",
    "write_files",
]

_MODULES = ("markdown", "html", "docx", "pdf")  # the registration: one line per format module

# Every registered format, installed or not (for the hint that names the missing extra).
REGISTRY: dict[str, Format] = {
    fmt.name: fmt for fmt in (import_module(f"{__name__}.{module}").FORMAT for module in _MODULES)
}
# Only what this installation can really write, so the faces offer nothing that would fail.
FORMATS: dict[str, Format] = {name: fmt for name, fmt in REGISTRY.items() if fmt.installed}


def export_order() -> tuple[str, ...]:
    """Installed formats, the released documents (DOCX, PDF) before the previews."""
    return tuple(sorted(FORMATS, key=lambda name: not FORMATS[name].released))


def find(name: str) -> Format:
    """The installed format ``name``, or a UsageError naming the missing extra or the choices."""
    fmt = REGISTRY.get(name)
    if fmt is not None and not fmt.installed:
        raise UsageError(
            f"output format '{name}' needs the {fmt.extra} extra",
            hint=f"pip install -e '.[{fmt.extra}]' (pandoc, Typst and python-docx)",
        )
    if fmt is None:
        raise UsageError(f"unknown output format '{name}'", hint="choose from: " + ", ".join(FORMATS))
    return fmt


def parse_formats(text: str) -> list[str]:
    """``"md,html"`` → ``["md", "html"]``, refusing unknown names."""
    names = [n.strip().lower() for n in text.split(",") if n.strip()]
    for name in names:
        find(name)
    if not names:
        raise UsageError("no output format given", hint="e.g. --to md,html")
    return names


def render_documents(document: Document, formats: Iterable[str | Format], stem: str) -> dict[str, bytes]:
    """File name (``stem.extension``) → content; every format is rendered in memory, nothing written."""
    files: dict[str, bytes] = {}
    for item in formats:
        fmt = item if isinstance(item, Format) else find(item)
        files[f"{stem}.{fmt.extension}"] = fmt.write(document)
    return files


def write_documents(
    folder: Path,
    document: Document,
    formats: Iterable[str | Format],
    stem: str,
    extra: Mapping[str, bytes | str] | None = None,
) -> list[Path]:
    """Render ``document`` in every format, then write them (and ``extra`` files) all or none."""
    files: dict[str, bytes | str] = dict(extra or {})
    files.update(render_documents(document, formats, stem))
    return write_files(folder, files)


def write_files(folder: Path, files: Mapping[str, bytes | str]) -> list[Path]:
    """Write every file into ``folder``, all or none.

    Each is first written in full to a hidden file beside its target (fsynced), then all are renamed
    into place; if anything fails, the files replaced so far get their old content back and the
    new ones are removed, so a reader never sees a mixture of two renders.
    """
    targets = [folder / name for name in files]
    _check_targets(folder, targets)
    token = secrets.token_hex(4)
    staged: list[tuple[Path, Path]] = []
    try:
        for target, data in zip(targets, files.values(), strict=True):
            temp = target.with_name(f".{target.name}.{token}.new")
            staged.append((temp, target))
            atomic_write(temp, data)
        _replace_all(staged, token)
    except OSError as exc:
        raise ClauseKitError(
            f"cannot write the documents into {folder}: {exc.strerror or exc}",
            None,
            "check that the folder is writable and the disk is not full; nothing was written",
        ) from exc
    finally:
        for temp, _ in staged:
            temp.unlink(missing_ok=True)
    return targets


def _check_targets(folder: Path, targets: list[Path]) -> None:
    if folder.exists() and not folder.is_dir():
        raise UsageError(f"{folder} is a file, not a folder", hint="give a folder for the documents (-o DIR)")
    for target in targets:
        if target.is_dir():
            raise UsageError(f"{target} is a folder", hint="remove it or choose another output folder")


def _replace_all(staged: list[tuple[Path, Path]], token: str) -> None:
    """Rename every staged file onto its target; on failure, put back what was there before."""
    done: list[tuple[Path, Path | None]] = []
    try:
        for temp, target in staged:
            backup = None
            if target.exists():
                backup = target.with_name(f".{target.name}.{token}.old")
                os.link(target, backup)  # the old content, kept until every rename succeeded
            done.append((target, backup))
            os.replace(temp, target)
    except BaseException:
        for target, backup in reversed(done):
            if backup is not None and backup.exists():
                os.replace(backup, target)
            elif backup is None:
                target.unlink(missing_ok=True)
        raise
    finally:
        for _, backup in done:
            if backup is not None:
                backup.unlink(missing_ok=True)
