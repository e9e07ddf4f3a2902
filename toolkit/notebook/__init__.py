"""The notebook face of clausekit: the widget studio, its form, and the nbconvert exporters.

Only this package imports ipywidgets and nbconvert; the core never does. ``Studio`` is imported
on first use, so that loading the exporters (Jupyter Server lists them) needs no widgets.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from .locate import find_library

if TYPE_CHECKING:
    from .form import Field, field_for, fill, value_of, widget_for
    from .studio import Studio

_LAZY = {
    "Studio": "studio",
    "Field": "form",
    "field_for": "form",
    "fill": "form",
    "value_of": "form",
    "widget_for": "form",
}


def __getattr__(name: str) -> Any:
    if name in _LAZY:
        from importlib import import_module

        return getattr(import_module(f"{__name__}.{_LAZY[name]}"), name)
    raise AttributeError(name)


__all__ = ["Field", "Studio", "field_for", "fill", "find_library", "value_of", "widget_for"]
