"""The notebook face of clausekit: the widget studio, its form, and the nbconvert exporters.

Only this package imports ipywidgets and nbconvert; the core never does.
"""

from __future__ import annotations

from .form import Field, field_for, fill, value_of, widget_for

__all__ = ["Field", "field_for", "fill", "value_of", "widget_for"]
