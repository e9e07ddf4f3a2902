"""The question → widget mapping (toolkit.ui.widgets) under the studio and the questionnaire."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import ipywidgets as widgets
import pytest

from toolkit import Library
from toolkit.errors import Location
from toolkit.model import Option, Question, QuestionType
from toolkit.ui.widgets import field_for, fill, value_of, widget_for

HERE = Location(Path("template.yaml"), 1)


def question(kind: QuestionType, **kw: object) -> Question:
    return Question(id="q", label="Vraag <b>", type=kind, location=HERE, **kw)  # type: ignore[arg-type]


OPTIONS = (Option("a", "Alpha"), Option("b", "Beta"))


@pytest.mark.parametrize(
    ("q", "cls", "given", "expected"),
    [
        (question(QuestionType.TEXT), widgets.Text, "Acme", "Acme"),
        (question(QuestionType.TEXT, multiline=True), widgets.Textarea, "a\nb", "a\nb"),
        (question(QuestionType.BOOLEAN), widgets.Checkbox, True, True),
        (question(QuestionType.CHOICE, options=OPTIONS, default="a"), widgets.ToggleButtons, "b", "b"),
        (question(QuestionType.CHOICE, options=OPTIONS), widgets.Dropdown, "b", "b"),
        (question(QuestionType.MULTICHOICE, options=OPTIONS), widgets.SelectMultiple, ["b", "a"], ["a", "b"]),
        (question(QuestionType.DATE), widgets.DatePicker, "01-02-2027", dt.date(2027, 2, 1)),
        (question(QuestionType.NUMBER), widgets.FloatText, "12", 12),
        (question(QuestionType.NUMBER, minimum=1, maximum=5), widgets.BoundedFloatText, 2.5, 2.5),
    ],
)
def test_each_type_gets_its_widget_and_round_trips(
    q: Question, cls: type, given: object, expected: object
) -> None:
    control = widget_for(q)
    assert type(control) is cls
    fill(q, control, given)
    assert value_of(q, control) == expected


def test_defaults_are_in_the_widgets(flagship_library: Library) -> None:
    template = flagship_library.template("richtlijnen-social-media")
    raw = {q.id: value_of(q, widget_for(q)) for q in template.questions}
    assert raw["aanspreekvorm"] == "u"
    assert raw["ondernemingsraad"] is False
    assert raw["organisatie"] == ""
    assert raw["ingangsdatum"] is None


def test_field_escapes_label_help_and_messages() -> None:
    q = question(QuestionType.TEXT, help="<script>x</script>", required=True)
    field = field_for(q)
    html_parts = [c.value for c in field.children if isinstance(c, widgets.HTML)]
    assert "Vraag &lt;b&gt;" in html_parts[0] and "<b>" not in html_parts[0]
    field.set_message(["antwoord <img src=x> is fout"])
    assert "&lt;img src=x&gt;" in field.message.value
    assert field.help is not None and field.help.layout.display == "none"
    toggle = next(c for c in field.children if isinstance(c, widgets.ToggleButton))
    toggle.value = True
    assert field.help.layout.display is None and "&lt;script&gt;" in field.help.value
    field.show(False)
    assert field.layout.display == "none"
    field.show(True)
    assert field.layout.display is None
