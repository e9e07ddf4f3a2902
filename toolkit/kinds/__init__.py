"""The question types, one module each: a registry of :class:`Kind` by the name template.yaml uses.

Every module of this package that defines ``KIND`` is registered when the package is imported,
so a new built-in type is one module; a kind defined elsewhere (a plug-in, a test) joins with
:func:`register`. Nothing outside this package branches on a question's type: it asks
:func:`kind_of` and calls the kind.
"""

from __future__ import annotations

import importlib
import pkgutil
from collections.abc import Mapping
from types import MappingProxyType

from ..errors import ClauseKitError
from ..model import Question
from .base import Kind

_REGISTRY: dict[str, Kind] = {}
KINDS: Mapping[str, Kind] = MappingProxyType(_REGISTRY)
"""Every registered kind by name (read-only; change it with :func:`register`)."""


def register(kind: Kind) -> Kind:
    """Make ``kind`` known under ``kind.name`` (replacing a kind of that name); returns it."""
    _REGISTRY[kind.name] = kind
    return kind


def unregister(name: str) -> None:
    """Forget the kind called ``name`` (a plug-in's or a test's); unknown names are ignored."""
    _REGISTRY.pop(name, None)


def known() -> str:
    """The registered names, for a hint: ``boolean, choice, …``."""
    return ", ".join(sorted(KINDS))


def kind_of(question: Question) -> Kind:
    """The kind of ``question``; a type nobody registered is an error, never a silent default."""
    kind = KINDS.get(question.type)
    if kind is None:
        raise ClauseKitError(
            f"unknown question type '{question.type}' of question '{question.id}'",
            question.location,
            "use one of: " + known(),
        )
    return kind


def _discover() -> None:
    for module in pkgutil.iter_modules(__path__):
        kind = getattr(importlib.import_module(f"{__name__}.{module.name}"), "KIND", None)
        if isinstance(kind, Kind):
            register(kind)


_discover()

__all__ = ["KINDS", "Kind", "kind_of", "known", "register", "unregister"]
