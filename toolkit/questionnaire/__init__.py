"""The questionnaire: the steps of a template asked one at a time, in a terminal or a web page.

The step flow and the Dutch wording live in :mod:`toolkit.ui` (the layer under the studio too);
:mod:`.output` and :mod:`.terminal` import no widgets; :mod:`.web` is the Voilà face and imports
ipywidgets.
"""

from __future__ import annotations

from ..ui.flow import Flow, SummaryRow
from .output import ANSWERS_FILE, answers_yaml, default_formats, documents, write_all

# How ``clausekit serve`` tells the web page (:func:`.web.from_environment`) what to show: the
# template, its library, and the edition (the document's language; unset: the template's own).
ENV_TEMPLATE, ENV_LIBRARY, ENV_DOC_LANG = "CLAUSEKIT_TEMPLATE", "CLAUSEKIT_LIBRARY", "CLAUSEKIT_DOC_LANG"

__all__ = [
    "ANSWERS_FILE",
    "ENV_DOC_LANG",
    "ENV_LIBRARY",
    "ENV_TEMPLATE",
    "Flow",
    "SummaryRow",
    "answers_yaml",
    "default_formats",
    "documents",
    "write_all",
]
