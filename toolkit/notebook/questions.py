"""Edit the template's questions from the Bewerken tab: label, help, type, options, default,
required and ``when``, or a new question after the chosen one; validated as the loader and
``clausekit check`` validate them before template.yaml is written (only the changed keys' lines)."""

from __future__ import annotations

import html
from typing import Any

import ipywidgets as widgets

from ..editing.questions import add_question, question_findings, set_question_key, validated
from ..editing.save import save_text
from ..editing.source import ChangedOnDisk, digest
from ..errors import ClauseKitError
from ..kinds import KINDS
from ..locales import Locale, ui_locale
from ..model import Option, Question, Template
from .editor import EditorPanel

FIELDS = ("label", "help", "type", "options", "default", "required", "when")


def parse_options(text: str) -> list[Option]:
    """One option a line: ``value: label`` (or just ``value``)."""
    out = []
    for line in text.splitlines():
        value, _, label = line.partition(":")
        if value.strip():
            out.append(Option(value.strip(), label.strip() or value.strip()))
    return out


def options_text(options: tuple[Option, ...]) -> str:
    return "\n".join(f"{o.value}: {o.label}" if o.label != o.value else o.value for o in options)


def parse_default(kind: str, text: str, ui: Locale) -> Any:
    """The default as typed, as the YAML value of its kind ("" → none; yes in words, true or 1)."""
    text = text.strip()
    if not text:
        return None
    if kind == "boolean":
        return text.lower() in ("true", "1", ui.text("editor.yes").lower())
    if kind == "number":
        number = float(text.replace(",", "."))
        return int(number) if number.is_integer() else number
    if kind == "multichoice":
        return [part.strip() for part in text.split(",") if part.strip()]
    return text


def default_text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list | tuple):
        return ", ".join(map(str, value))
    return str(value)


class QuestionEditor:
    """Choose a question, change its fields, save; or add a new question after it."""

    def __init__(self, editor: EditorPanel, ui: Locale | None = None):
        self.ui = ui = ui or ui_locale()
        self.editor = editor
        self.template: Template | None = None
        self.opened = ""  # the digest of template.yaml when the question was chosen
        wide = {"width": "95%"}
        self.question = widgets.Dropdown(description=ui.text("editor.questions.question"), layout=wide)
        self.label = widgets.Text(description=ui.text("editor.questions.label"), layout=wide)
        self.help = widgets.Textarea(description=ui.text("editor.questions.help"), layout=wide)
        self.type = widgets.Dropdown(options=sorted(KINDS), description=ui.text("editor.questions.type"))
        self.options = widgets.Textarea(
            description=ui.text("editor.questions.options"), placeholder="streng: Streng", layout=wide
        )
        self.default = widgets.Text(description=ui.text("editor.questions.default"))
        self.required = widgets.Checkbox(description=ui.text("editor.questions.required"))
        self.when = widgets.Text(description=ui.text("editor.questions.when"), layout=wide)
        self.save_button = widgets.Button(description=ui.text("editor.questions.save"), icon="save")
        self.new_id = widgets.Text(description=ui.text("editor.questions.new_id"), placeholder="thuiswerk")
        self.add_button = widgets.Button(description=ui.text("editor.questions.add"), icon="plus")
        self.message = widgets.HTML()
        self.question.observe(lambda _c: self.show(), names="value")
        for widget, name in ((self.question, "question"), (self.label, "label"), (self.type, "type")):
            widget.add_class(f"ck-q-{name}")
        self.help.add_class("ck-q-help")
        self.new_id.add_class("ck-q-new")
        self.save_button.on_click(lambda _b: self.save())
        self.add_button.on_click(lambda _b: self.add())
        title = html.escape(ui.text("editor.questions.title"))
        self.box = widgets.VBox(
            [
                widgets.HTML(f'<div class="ck-tools-title">{title}</div>'),
                self.question,
                self.label,
                self.help,
                widgets.HBox([self.type, self.required]),
                self.options,
                self.default,
                self.when,
                self.save_button,
                widgets.HBox([self.new_id, self.add_button]),
                self.message,
            ]
        )
        self.box.add_class("ck-questions")

    def install(self, template: Template) -> None:
        self.template = template
        current = self.question.value
        self.question.options = [(f"{q.label} ({q.id})", q.id) for q in template.questions]
        ids = [q.id for q in template.questions]
        self.question.value = current if current in ids else (ids[0] if ids else None)
        self.show()

    def chosen(self) -> Question | None:
        if self.template is None or not self.question.value:
            return None
        return self.template.question(self.question.value)

    def show(self) -> None:
        """Fill the fields from the chosen question; remember template.yaml as it is now."""
        question = self.chosen()
        if question is None or self.template is None:
            return
        self.opened = digest(self.template.location.path.read_bytes())
        self.label.value, self.help.value, self.type.value = question.label, question.help, question.type
        self.options.value = options_text(question.options)
        self.default.value = default_text(question.default)
        self.required.value, self.when.value = question.required, question.when or ""

    def _values(self) -> dict[str, Any]:
        kind = self.type.value
        return {
            "label": self.label.value.strip(),
            "help": " ".join(self.help.value.split()),
            "type": kind,
            "options": parse_options(self.options.value) if KINDS[kind].has_options else None,
            "default": parse_default(kind, self.default.value, self.ui),
            "required": self.required.value,
            "when": self.when.value.strip() or None,
        }

    def edited_text(self) -> str:
        """template.yaml with the changed keys of the chosen question rewritten."""
        question = self.chosen()
        assert question is not None and self.template is not None
        path = self.template.location.path
        text = path.read_bytes().decode("utf-8")
        old = {
            "label": question.label,
            "help": " ".join(question.help.split()),
            "type": question.type,
            "options": list(question.options) or None,
            "default": question.default,
            "required": question.required,
            "when": question.when,
        }
        for key, value in self._values().items():
            if value != old[key]:
                text = set_question_key(text, path, question.id, key, value)
        return text

    def _write(self, make: Any) -> bool:
        """Validate the text ``make()`` returns, as the loader and the checks do; write it."""
        if self.template is None:
            return False
        path = self.template.location.path
        try:
            text = make()
            draft = validated(self.template, text)
            problems = [
                f for f in question_findings(self.template.path.parent, draft) if f.severity == "error"
            ]
            if problems:
                listed = "".join(
                    f"<li><code>{html.escape(f.code)}</code> {html.escape(str(f.location or ''))}: "
                    f"{html.escape(f.message)}</li>"
                    for f in problems
                )
                self.message.value = f'<ul class="ck-error">{listed}</ul>'
                return False
            save_text(path, text, self.opened)
        except ChangedOnDisk:
            said = self.ui.text("editor.changed_on_disk", file=path.name)
            self.message.value = f'<p class="ck-error">{html.escape(said)}</p>'
            return False
        except (ClauseKitError, ValueError) as exc:
            shown = exc.format() if isinstance(exc, ClauseKitError) else str(exc)
            self.message.value = f'<pre class="ck-error">{html.escape(shown)}</pre>'
            return False
        self.message.value = (
            f'<p class="ck-ok">{html.escape(self.ui.text("editor.saved", file=path.name))}</p>'
        )
        said = self.message.value
        self.editor.on_saved(self.editor.clause_id, self.editor.variant_id)
        self.message.value = said
        return True

    def save(self) -> bool:
        return self.chosen() is not None and self._write(self.edited_text)

    def add(self) -> bool:
        """A new question after the chosen one, with the label, type and options in the fields."""
        question = self.chosen()
        if question is None or self.template is None:
            return False
        new_id = self.new_id.value.strip()
        path = self.template.location.path
        values = self._values()

        def make() -> str:
            text = path.read_bytes().decode("utf-8")
            text = add_question(
                text, path, new_id, values["label"], values["type"], values["options"] or (), question.id
            )
            for key in ("help", "default", "required", "when"):
                text = set_question_key(text, path, new_id, key, values[key])
            return text

        done = self._write(make)
        if done:
            self.new_id.value = ""
            self.question.value = new_id
        return done
