"""The terminal interview: the same steps as the web page, asked line by line in the person's language.

Plain ``input()`` (with readline's line editing when there is one): it behaves under any
terminal, pty or pipe. ``?`` shows the help text, ``<`` goes back one step, an empty line
keeps the answer shown between brackets.
"""

from __future__ import annotations

from collections.abc import Callable
from enum import Enum
from typing import Any

from ..errors import AnswerError
from ..kinds import kind_of
from ..locales import Locale
from ..model import Answers, Question, Step
from ..ui.flow import Flow

HELP, BACK = "?", "<"


class Move(Enum):
    NEXT = "next"
    BACK = "back"


class Interview:
    """Asks a :class:`Flow`'s steps through ``ask`` (a prompt → a line) and ``say`` (a line out), in
    the words of ``ui`` (default: the flow's interface locale)."""

    def __init__(
        self,
        flow: Flow,
        ask: Callable[[str], str] = input,
        say: Callable[[str], None] = print,
        ui: Locale | None = None,
    ) -> None:
        self.flow, self.ask, self.say = flow, ask, say
        self.words = ui or flow.ui

    def run(self) -> Answers:
        """Ask every step, then show the summary until the customer agrees; EOFError or
        KeyboardInterrupt (Ctrl-D, Ctrl-C) pass through to the caller."""
        template = self.flow.template
        self.say(self.words.text("interview.title", title=template.title))
        self.say(self.words.text("interview.instructions"))
        index = 0
        while True:
            steps = self.flow.steps()
            if index >= len(steps):
                answers, index = self.confirm(steps)
                if answers is not None:
                    return answers
                continue
            step = steps[index]
            move = self.ask_step(step, index, len(steps))
            if move is Move.BACK:
                if index == 0:
                    self.say(self.words.text("interview.first_step"))
                index = max(0, index - 1)
            else:
                # the answers may have added or removed later steps: continue after this one
                index = self.flow.steps().index(step) + 1

    def ask_step(self, step: Step, index: int, count: int) -> Move:
        self.say("")
        self.say(self.words.text("ui.step", number=index + 1, count=count, title=step.title))
        if step.intro:
            self.say(step.intro)
        for question_id in step.questions:
            # asked or not is decided now, after the answers given earlier in this step
            if not self.flow.is_asked(question_id):
                continue
            if self.ask_question(self.flow.template.question(question_id)) is Move.BACK:
                return Move.BACK
        return Move.NEXT

    def ask_question(self, question: Question) -> Move:
        self.say("")
        mark = f" ({self.words.text('ui.required_mark')})" if question.required else ""
        self.say(question.label + mark)
        kind = kind_of(question)
        if kind.has_options:
            for number, option in enumerate(question.options, start=1):
                self.say(f"  {number}. {option.label}")
        while True:
            shown = kind.typed(question, self.flow.shown(question), self.words)
            prompt = kind.prompt(question, self.words) + (f" [{shown}]" if shown else "") + ": "
            line = self.ask(prompt).strip()
            if line == HELP:
                self.say(question.help or self.words.text("interview.no_help"))
                continue
            if line == BACK:
                return Move.BACK
            value: Any = kind.parse_line(question, line, self.words) if line else _keep(self.flow, question)
            message = self.flow.answer(question.id, value)
            if message is None:
                return Move.NEXT
            self.say("  " + self.words.text("interview.refused", message=message))

    def confirm(self, steps: tuple[Step, ...]) -> tuple[Answers | None, int]:
        """Show the summary; return the answers when confirmed, else the step to go to."""
        self.say("")
        self.say(self.words.text("ui.summary"))
        rows = self.flow.summary()
        for number, step in enumerate(steps, start=1):
            self.say(f"{number}. {step.title}")
            for row in rows:
                if row.step == step:
                    self.say(f"     {row.question.label}: {row.text}")
        yes = self.words.text("yes")
        question = self.words.text("interview.confirm", yes=yes, count=len(steps))
        while True:
            line = self.ask(question).strip().lower()
            if line in ("", yes.lower(), yes[:1].lower()):
                try:
                    return self.flow.answers(), len(steps)
                except AnswerError as exc:
                    self.say(self.words.text("interview.not_done"))
                    self.say(exc.format())
                    return None, self.flow.first_incomplete() or 0
            if line == BACK:
                return None, len(steps) - 1
            if line.isdigit() and 1 <= int(line) <= len(steps):
                return None, int(line) - 1
            self.say("  " + self.words.text("interview.yes_or_step", yes=yes, count=len(steps)))


def _keep(flow: Flow, question: Question) -> Any:
    """An empty line keeps the answer shown: the one given before, else the default."""
    return flow.raw.get(question.id)
