"""What a question type is: one :class:`Kind` with every face of it, from parsing to the widget.

A kind says how an answer is read (``coerce``), what an unanswered optional question holds
(``empty``), what it accepts (``accepted``, for the author's error messages; ``expected`` and
``problem``, for the person answering, in the locale's words), which values the checks try
(``representatives``), how an answer is shown (``display``) and typed back (``typed``), and its
faces: the terminal prompt (``prompt``, ``parse_line``), the ipywidget (``widget``,
``value_of``, ``fill``), the HTML form of ``clausekit web`` (``form_control``, ``form_values``,
``from_form``) and the JSON Schema of its HTTP API (``schema``).
Like docassemble's ``CustomDataType``: one class per type, nothing about
a type anywhere else. The widget faces import ipywidgets inside the method, so the core and the
terminal never load it.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, ClassVar

from ..errors import ClauseKitError, shown
from ..locales import DUTCH, Locale, ui_locale
from ..model import Question

Widget = Any  # an ipywidgets.ValueWidget: ipywidgets is imported inside the faces only, never here


class Kind:
    """One question type. Subclasses set ``name`` and override the faces that differ."""

    name: ClassVar[str]
    has_options: ClassVar[bool] = False  # template.yaml must give ``options:``
    # True when ``representatives`` is the whole domain (booleans, choices): the checks then try
    # exactly those values and do not add the default in front.
    exhaustive: ClassVar[bool] = False

    # -- the core ----------------------------------------------------------------------------
    def coerce(self, question: Question, raw: Any) -> Any:
        """The answer in this type, or a :class:`ClauseKitError` saying what is accepted."""
        raise NotImplementedError

    def empty(self, question: Question) -> Any:
        """The value of an optional question left unanswered."""
        return None

    def is_empty(self, value: Any) -> bool:
        """Whether a typed value says nothing (what the summary shows as not filled in)."""
        return value is None or value == "" or value == ()

    def accepted(self, question: Question) -> str:
        """What the question accepts, as the hint of an author-facing error."""
        raise NotImplementedError

    def representatives(
        self, question: Question, constants: Sequence[Any], words: Locale = DUTCH
    ) -> list[Any]:
        """Values for the checks' answer space; ``constants`` are what the conditions compare it with,
        ``words`` the document's language (a sample text is typed in it)."""
        raise NotImplementedError

    def bad(self, question: Question, raw: Any, what: str, **fields: Any) -> ClauseKitError:
        """The error for an answer that is not of this kind, in the interface's language: ``what`` is a
        text's key (``answer.not_date``) with its ``fields``, or a kind's own words."""
        words = ui_locale()
        said = words.text(what, **fields) if what in words.texts else what
        message = words.text(
            "answer.bad", answer=shown(raw), question=question.id, label=question.label, what=said
        )
        return ClauseKitError(message, None, self.accepted(question))

    # -- words for the person answering ------------------------------------------------------
    def expected(self, question: Question, words: Locale = DUTCH) -> str:
        """What the question accepts, said to the person (also the hint after a wrong answer)."""
        raise NotImplementedError

    def problem(self, question: Question, raw: Any, words: Locale = DUTCH) -> str | None:
        """Why ``raw`` is not an acceptable answer, in the person's words; None when it is."""
        try:
            self.coerce(question, raw)
        except ClauseKitError as exc:
            return self.explain(question, exc, words)
        return None

    def explain(self, question: Question, error: ClauseKitError, words: Locale) -> str:
        """An error of :meth:`coerce` said to the person: what is expected, unless a kind knows better."""
        return self.expected(question, words)

    def display(self, question: Question, value: Any, words: Locale = DUTCH) -> str:
        """A typed answer as the summary shows it (``ja``, ``1 maart 2027``, option labels)."""
        if self.is_empty(value):
            return words.text("kind.unanswered")
        return self.show(question, value, words)

    def show(self, question: Question, value: Any, words: Locale) -> str:
        """A typed answer that is not empty, as the summary shows it."""
        return str(value)

    def typed(self, question: Question, value: Any, words: Locale = DUTCH) -> str:
        """A typed answer as the person would type it (the default shown in a terminal prompt)."""
        if value is None or value == "":
            return ""
        return self.display(question, value, words)

    # -- the terminal ------------------------------------------------------------------------
    def prompt(self, question: Question, words: Locale = DUTCH) -> str:
        """What to type, in a word or two, as the terminal's prompt."""
        return words.text("kind.prompt")

    def parse_line(self, question: Question, line: str, words: Locale = DUTCH) -> Any:
        """A line typed in the terminal (by a person of locale ``words``) as a raw answer."""
        return line

    # -- the widget (ipywidgets is imported inside, never at module level) --------------------
    def widget(self, question: Question, default: Any, words: Locale = DUTCH) -> Widget:
        """The input control, holding ``default`` (a typed value or None)."""
        import ipywidgets as widgets

        return widgets.Text(value="" if default is None else str(default), layout=wide())

    def value_of(self, question: Question, widget: Widget) -> Any:
        """The raw answer a control holds, ready for ``validate`` (None when nothing is chosen)."""
        return widget.value

    def fill(self, question: Question, widget: Widget, typed: Any) -> None:
        """Put a typed answer (or None: nothing) back into the control."""
        if typed is not None:
            widget.value = typed

    # -- the HTML form and the JSON Schema (clausekit web) -------------------------------------
    def form_control(self, question: Question) -> str:
        """Which HTML control asks it: ``text``, ``textarea``, ``number``, ``date``, ``yesno``,
        ``radio`` or ``checkboxes`` (the web face has one macro per control)."""
        return "text"

    def form_values(self, question: Question, raw: Any) -> list[str]:
        """What the control shows for a raw (or typed) answer: the text typed, the options ticked."""
        return [] if raw is None else [str(raw)]

    def from_form(self, question: Question, values: Sequence[str]) -> Any:
        """The raw answer, for :meth:`coerce`, from the values a posted form holds for the control."""
        return values[0] if values else None

    def schema(self, question: Question) -> dict[str, Any]:
        """The JSON Schema (draft 2020-12) of an answer as the HTTP API takes it in JSON."""
        return {"type": "string"}


def wide() -> Any:
    """A layout of its own for each control (a shared one would hide or resize them all at once)."""
    import ipywidgets as widgets

    return widgets.Layout(width="96%")  # 100% plus the widget's margin overflows its column
