"""One ipywidget per question, and back: the form of the studio and of the Voilà questionnaire.

``widget_for(question)`` builds the bare input control (no label: long Dutch labels do not fit in
a widget's ``description``); ``field_for(question)`` wraps it with its label, help text on demand
and a line for validation messages. ``value_of(question, widget)`` reads the raw answer to pass to
:func:`toolkit.answers.validate`, and ``fill(question, widget, value)`` puts a saved answer back.
:func:`download_link` offers a made file in the page itself.
"""

from __future__ import annotations

import base64
import datetime as dt
import html
import mimetypes
from collections.abc import Sequence
from typing import Any

import ipywidgets as widgets

from ..answers import coerce
from ..errors import ClauseKitError
from ..locales import Locale, ui_locale
from ..model import Question, QuestionType

# Choices with at most this many short options are shown as toggle buttons, others as a dropdown.
TOGGLE_MAX_OPTIONS = 3
TOGGLE_MAX_LABEL = 24
TEXT_TYPES = (widgets.Text, widgets.Textarea)  # typed into key by key (debounced by the studio)
MIME_TYPES = {
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "pdf": "application/pdf",
    "html": "text/html",
    "md": "text/markdown",
}


def _wide() -> widgets.Layout:
    """A layout of its own for each control (a shared one would hide or resize them all at once)."""
    return widgets.Layout(width="96%")  # 100% plus the widget's margin overflows its column


def _typed_default(question: Question) -> Any:
    """The question's default in its own type, or None when it has none (or a bad one)."""
    if question.default is None:
        return None
    try:
        return coerce(question, question.default)
    except ClauseKitError:
        return None


def _options(question: Question) -> list[tuple[str, str]]:
    return [(option.label, option.value) for option in question.options]


def widget_for(question: Question, ui: Locale | None = None) -> widgets.ValueWidget:
    """The input control for ``question``, of the right kind for its type, holding its default
    (``ui``: the interface's words, default :func:`~toolkit.locales.ui_locale`)."""
    default = _typed_default(question)
    kind = question.type
    control: widgets.ValueWidget
    if kind is QuestionType.TEXT:
        cls = widgets.Textarea if question.multiline else widgets.Text
        control = cls(value=default or "", layout=_wide())
    elif kind is QuestionType.BOOLEAN:
        control = widgets.Checkbox(
            value=bool(default), description=(ui or ui_locale()).text("yes"), indent=False
        )
    elif kind is QuestionType.CHOICE:
        short = all(len(option.label) <= TOGGLE_MAX_LABEL for option in question.options)
        if default is not None and short and len(question.options) <= TOGGLE_MAX_OPTIONS:
            control = widgets.ToggleButtons(options=_options(question), value=default)
        else:
            control = widgets.Dropdown(options=_options(question), value=default, layout=_wide())
    elif kind is QuestionType.MULTICHOICE:
        control = widgets.SelectMultiple(
            options=_options(question),
            value=tuple(default or ()),
            rows=min(len(question.options), 8),
            layout=_wide(),
        )
    elif kind is QuestionType.DATE:
        control = widgets.DatePicker(value=default)
    else:
        bounded = question.minimum is not None and question.maximum is not None
        start = default if default is not None else (question.minimum or 0)
        if bounded:
            control = widgets.BoundedFloatText(value=start, min=question.minimum, max=question.maximum)
        else:
            control = widgets.FloatText(value=start)
    control.add_class("ck-input")
    return control


def value_of(question: Question, widget: widgets.ValueWidget) -> Any:
    """The raw answer a control holds, ready for ``validate`` (None when nothing is chosen)."""
    value = widget.value
    kind = question.type
    if kind is QuestionType.TEXT:
        return str(value or "")
    if kind is QuestionType.BOOLEAN:
        return bool(value)
    if kind is QuestionType.MULTICHOICE:
        return list(value or ())
    if kind is QuestionType.NUMBER:
        if value is None:
            return None
        number = float(value)
        return int(number) if number.is_integer() else number
    return value  # choice: option value or None; date: datetime.date or None


def fill(question: Question, widget: widgets.ValueWidget, value: Any) -> None:
    """Put a (saved, typed or raw) answer back into its control; unusable values are ignored."""
    try:
        typed = coerce(question, value) if value is not None and value != "" else None
    except ClauseKitError:
        return
    kind = question.type
    if kind is QuestionType.TEXT:
        widget.value = typed or ""
    elif kind is QuestionType.BOOLEAN:
        widget.value = bool(typed)
    elif kind is QuestionType.MULTICHOICE:
        widget.value = tuple(typed or ())
    elif kind is QuestionType.DATE:
        widget.value = typed if isinstance(typed, dt.date) else None
    elif typed is not None:
        widget.value = typed


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
    mime = MIME_TYPES.get(extension) or mimetypes.guess_type(name)[0] or "application/octet-stream"
    encoded = base64.b64encode(data).decode("ascii")
    return (
        f'<a class="ck-download ck-download-{html.escape(extension)}" download="{html.escape(name)}"'
        f' href="data:{mime};base64,{encoded}">{html.escape(label)}</a>'
    )
