"""The notebook face of clausekit: the widget studio and the nbconvert exporters.

Only the faces import ipywidgets and nbconvert; the core never does. The form widgets the studio
shares with the questionnaire live in :mod:`toolkit.ui.widgets`. ``Studio`` is imported on first
use, so that loading the exporters (Jupyter Server lists them) needs no widgets.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from .locate import find_library

if TYPE_CHECKING:
    from .studio import Studio


def __getattr__(name: str) -> Any:
    if name == "Studio":
        from .studio import Studio

        return Studio
    raise AttributeError(name)


__all__ = ["Studio", "find_library"]
