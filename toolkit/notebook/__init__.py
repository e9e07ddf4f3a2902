"""The notebook face of clausekit: the widget studio, its form, and the nbconvert exporters.

Only this package imports ipywidgets and nbconvert; the core never does.
"""

from __future__ import annotations

from .form import Field, field_for, fill, value_of, widget_for
from .studio import Studio, find_library

__all__ = ["Field", "Studio", "field_for", "fill", "find_library", "value_of", "widget_for"]
