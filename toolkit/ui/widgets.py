"""One ipywidget per question, and back: the form of the studio and of the Voilà questionnaire.

``widget_for(question)`` builds the bare input control (no label: long Dutch labels do not fit in
a widget's ``description``); ``field_for(question)`` wraps it with its label, help text on demand
and a line for validation messages. ``value_of(question, widget)`` reads the raw answer to pass to
:func:`toolkit.answers.validate`, and ``fill(question, widget, value)`` puts a saved answer back.
:func:`download_link` offers a made file in the page itself.
"""

from __future__ import annotations

import base64
import html
import mimetypes
from collections.abc import Sequence
from typing import Any

import ipywidgets as widgets

from ..answers import coerce
from ..errors import ClauseKitError
from ..formats import REGISTRY
from ..kinds import kind_of
from ..locales import Locale, ui_locale
from ..model import Question

TEXT_TYPES = (widgets.Text, widgets.Textarea)  # typed into key by key (debounced by the studio)


def _typed_default(question: Question) -> Any:
    """The question's default in its own type, or None when it has none (or a bad one)."""
    if question.default is None:
        return None
    try:
        return coerce(question, question.default)
    except ClauseKitError:
        return None


def widget_for(question: Question, ui: Locale | None = None) -> widgets.ValueWidget:
    """The input control for ``question``, of the right kind for its type, holding its default
    (``ui``: the interface's words, default :func:`~toolkit.locales.ui_locale`)."""
    control = kind_of(question).widget(question, _typed_default(question), ui or ui_locale())
    control.add_class("ck-input")
    return control


def value_of(question: Question, widget: widgets.ValueWidget) -> Any:
    """The raw answer a control holds, ready for ``validate`` (None when nothing is chosen)."""
    return kind_of(question).value_of(question, widget)


def fill(question: Question, widget: widgets.ValueWidget, value: Any) -> None:
    """Put a (saved, typed or raw) answer back into its control; unusable values are ignored."""
    try:
        typed = coerce(question, value) if value is not None and value != "" else None
    except ClauseKitError:
        return
    kind_of(question).fill(question, widget, typed)


class Field(widgets.VBox):  # type: ignore[misc]
    """A question's label, control, help text on demand and a message line, stacked."""

    def __init__(
        self, question: Question, control: widgets.ValueWidget | None = None, ui: Locale | None = None
    ):
        ui = ui or ui_locale()
        self.question = question
        self.control = control if control is not None else widget_for(question, ui)
        mark = html.escape(ui.text("ui.required_mark"))
        star = f' <span class="ck-required" title="{mark}">*</span>' if question.required else ""
        label = widgets.HTML(f'<label class="ck-label">{html.escape(question.label)}{star}</label>')
        children: list[widgets.Widget] = [label, self.control]
        self.help: widgets.HTML | None = None
        if question.help:  # the help text, shown on demand
            text = f'<div class="ck-help">{html.escape(question.help)}</div>'
            self.help = widgets.HTML(text, layout=widgets.Layout(display="none"))
            toggle = widgets.ToggleButton(description=ui.text("ui.help"), icon="info-circle")
            toggle.layout.width = "auto"
            toggle.add_class("ck-help-toggle")
            toggle.observe(self._toggle_help, names="value")
            children += [toggle, self.help]
        self.message = widgets.HTML("")
        self.message.add_class("ck-message")
        children.append(self.message)
        super().__init__(children=children)
        self.add_class("ck-field")
        self.add_class(f"ck-field-{question.id}")

    def _toggle_help(self, change: dict[str, Any]) -> None:
        if self.help is not None:
            self.help.layout.display = None if change["new"] else "none"

    @property
    def value(self) -> Any:
        return value_of(self.question, self.control)

    def show(self, visible: bool) -> None:
        """Hide the field (a question whose ``when`` is false) or show it again."""
        self.layout.display = None if visible else "none"

    def set_message(self, messages: Sequence[str]) -> None:
        """Show validation messages under the control (escaped: they quote the answer)."""
        self.message.value = "".join(f'<div class="ck-error">{html.escape(text)}</div>' for text in messages)


def field_for(question: Question, ui: Locale | None = None) -> Field:
    """The question as a labelled field (control, help text on demand, message line)."""
    return Field(question, ui=ui)


def download_link(name: str, data: bytes, label: str) -> str:
    """An ``<a download>`` holding the file itself (a data: URI, so no server route is needed)."""
    extension = name.rsplit(".", 1)[-1]
    known = {fmt.extension: fmt.mime for fmt in REGISTRY.values()}
    mime = known.get(extension) or mimetypes.guess_type(name)[0] or "application/octet-stream"
    encoded = base64.b64encode(data).decode("ascii")
    return (
        f'<a class="ck-download ck-download-{html.escape(extension)}" download="{html.escape(name)}"'
        f' href="data:{mime};base64,{encoded}">{html.escape(label)}</a>'
    )
