"""The templates a site serves: from published bundles and/or a library, each id in one or more
versions, all loaded once when a worker starts (a broken template stops the start, not a visitor)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from ..errors import UsageError
from ..library import Library
from ..model import Template
from ..suggest import suggest


@dataclass(frozen=True)
class Served:
    library: Library
    template: Template

    @property
    def key(self) -> str:
        """What the answers in a form are signed for: a page of one version (or one edition's
        language) is refused by another."""
        key = f"{self.template.id}@{self.template.version}"
        return f"{key}/{self.template.language}" if self.template.is_edition else key


def releases(paths: Sequence[Path]) -> list[Path]:
    """Every bundle folder: a path holding templates is one; one holding releases stands for theirs."""
    found: list[Path] = []
    for path in paths:
        inside = sorted(path.glob("*/*/bundle")) if path.is_dir() else []
        if inside and not Library(path).template_ids():
            found.extend(inside)
        else:
            found.append(path)
    return found


def _version_key(version: str) -> tuple[int | str, ...]:
    return tuple(int(p) if p.isdigit() else p for p in version.replace("-", ".").split("."))


class Catalogue:
    """Template id → its versions, newest last."""

    def __init__(self, libraries: Sequence[Library], wanted: Sequence[str] = ()) -> None:
        self._served: dict[str, dict[str, Served]] = {}
        for library in libraries:
            for template_id in library.template_ids():
                if wanted and template_id not in wanted:
                    continue
                template = library.template(template_id)
                self._served.setdefault(template_id, {}).setdefault(
                    template.version, Served(library, template)
                )
        missing = [t for t in wanted if t not in self._served]
        if missing:
            known = sorted({t for lib in libraries for t in lib.template_ids()})
            raise UsageError(
                f"template '{missing[0]}' is not in the library or bundles", hint=suggest(missing[0], known)
            )

    @classmethod
    def load(cls, library: Path | None, bundles: Sequence[Path], wanted: Sequence[str] = ()) -> Catalogue:
        """``bundles``: bundle folders, or folders of releases (``clausekit publish --out DIR``'s DIR,
        holding ``<template>/<version>/bundle``), which stand for every bundle in them."""
        libraries = [Library(b) for b in releases(bundles)]
        if library is not None:
            libraries.append(Library(library))
        catalogue = cls(libraries, wanted)
        if not catalogue.ids():
            raise UsageError("no template to serve", hint="pass a library with templates or --bundle PATH")
        return catalogue

    def ids(self) -> list[str]:
        return sorted(self._served)

    def versions(self, template_id: str) -> list[str]:
        return sorted(self._served.get(template_id, {}), key=_version_key)

    def get(self, template_id: str, version: str | None = None) -> Served | None:
        """The template in ``version`` (default: the newest); None when not served."""
        versions = self._served.get(template_id)
        if not versions:
            return None
        if version is None:
            return versions[self.versions(template_id)[-1]]
        return versions.get(version)

    def newest(self) -> list[Served]:
        return [s for s in (self.get(t) for t in self.ids()) if s is not None]
