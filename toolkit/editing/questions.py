"""A question of template.yaml edited in place (label, help, type, options, default, required,
``when``) or added after another, and the edit validated as the loader and ``clausekit check`` do.

Only the lines of the keys that change are rewritten; a new question is also placed in the step
of the question it follows (the questionnaire asks every question in exactly one step).
"""

from __future__ import annotations

import json
import re
import textwrap
from collections.abc import Sequence
from dataclasses import replace
from pathlib import Path
from typing import Any

from ..errors import Location
from ..loader.template import _load_questions, _load_steps
from ..model import Finding, Option, Template
from ..yamlio import load_yaml
from .articles import Item, items
from .source import EditError, Line, yaml_scalar

_FLOW_PLAIN = re.compile(r"^[\w][\w .'()/-]*$")
KEY_ORDER = ("id", "label", "type", "options", "when", "default", "required", "max_length", "help")
QUESTION_RULES = ("CK201", "CK202", "CK203")


def _flow(value: str) -> str:
    """A scalar inside a flow mapping or list: plain when safe, else double-quoted."""
    return (
        value
        if _FLOW_PLAIN.match(value) and value.lower() not in ("true", "false", "null")
        else json.dumps(value, ensure_ascii=False)
    )


def render(key: str, value: Any, indent: int, nl: str = "\n") -> str:
    """``key: value`` as template.yaml writes it (options one per line, long help folded)."""
    pad = " " * indent
    if isinstance(value, bool):
        return f"{pad}{key}: {'true' if value else 'false'}{nl}"
    if isinstance(value, int | float):
        return f"{pad}{key}: {value}{nl}"
    if key == "options":
        out = [f"{pad}{key}:{nl}"]
        for option in value:
            out.append(f"{pad}  - {{value: {_flow(option.value)}, label: {_flow(option.label)}}}{nl}")
        return "".join(out)
    if isinstance(value, list | tuple):
        return f"{pad}{key}: [{', '.join(_flow(str(v)) for v in value)}]{nl}"
    text = str(value)
    if key == "help" and len(text) > 80:
        wrapped = textwrap.wrap(text, width=96, break_long_words=False, break_on_hyphens=False)
        return f"{pad}{key}: >-{nl}" + "".join(f"{pad}  {line}{nl}" for line in wrapped)
    return f"{pad}{key}: {yaml_scalar(text)}{nl}"


def _keys(all_lines: list[Line], item: Item) -> dict[str, tuple[int, int]]:
    """Key → (first, end) line indices inside a question item (``id`` on the dash line)."""
    indent = item.indent + 2
    found: dict[str, tuple[int, int]] = {"id": (item.first, item.first + 1)}
    current = "id"
    for index in range(item.first + 1, item.end):
        text = all_lines[index].text
        match = re.match(r"^([A-Za-z_]+):", text[indent:]) if text[:indent] == " " * indent else None
        if match:
            current = match.group(1)
            found[current] = (index, index + 1)
        elif text.strip():
            found[current] = (found[current][0], index + 1)
    return found


def _item(text: str, path: Path, question_id: str) -> tuple[list[Line], Item]:
    all_lines, found = items(text, path, "questions")
    for item in found:
        if item.clause_id == question_id:
            return all_lines, item
    raise EditError(f"template.yaml has no question '{question_id}'", Location(path), None)


def set_question_key(text: str, path: Path, question_id: str, key: str, value: Any) -> str:
    """template.yaml's text with one key of a question set (None, "" or False for ``required``: removed)."""
    if key == "id":
        raise EditError("a question's id is not renamed here", Location(path), "the answers files use it")
    all_lines, item = _item(text, path, question_id)
    nl = "\r\n" if "\r\n" in text else "\n"
    keys = _keys(all_lines, item)
    new = (
        ""
        if value is None or value == "" or (key == "required" and value is False)
        else render(key, value, item.indent + 2, nl)
    )
    if key in keys:
        first, end = keys[key]
        if first == item.first:
            raise EditError("the question's first line cannot change", Location(path, first + 1), None)
        return text[: all_lines[first].start] + new + text[all_lines[end - 1].end :]
    if not new:
        return text
    # a new key goes after the last key that comes before it in the usual order
    order = KEY_ORDER.index(key) if key in KEY_ORDER else len(KEY_ORDER)
    before = [k for k in keys if (KEY_ORDER.index(k) if k in KEY_ORDER else len(KEY_ORDER)) < order]
    anchor = max((keys[k][1] for k in before), default=item.first + 1)
    at = all_lines[anchor - 1].end
    return text[:at] + new + text[at:]


def add_question(
    text: str,
    path: Path,
    question_id: str,
    label: str,
    kind: str,
    options: Sequence[Option] = (),
    after: str | None = None,
) -> str:
    """template.yaml's text with a new question after ``after`` (default: last), in its step too."""
    all_lines, found = items(text, path, "questions")
    if any(item.clause_id == question_id for item in found):
        raise EditError(f"question '{question_id}' exists already", Location(path), "choose another id")
    if not re.match(r"^[a-z][a-z0-9_]*$", question_id):
        raise EditError(
            f"'{question_id}' cannot be a question id",
            Location(path),
            "use lowercase letters, digits and underscores, starting with a letter",
        )
    nl = "\r\n" if "\r\n" in text else "\n"
    anchor = next((i for i in found if i.clause_id == after), found[-1]) if found else None
    if anchor is None:
        raise EditError("template.yaml has no questions to add to", Location(path), None)
    pad = " " * anchor.indent
    block = f"{pad}- id: {question_id}{nl}" + render("label", label, anchor.indent + 2, nl)
    block += render("type", kind, anchor.indent + 2, nl)
    if options:
        block += render("options", list(options), anchor.indent + 2, nl)
    at = all_lines[anchor.end - 1].end
    text = text[:at] + block + text[at:]
    step = re.compile(rf"^(\s+questions: \[)(.*\b{re.escape(anchor.clause_id)}\b)([^\]]*\]\s*)$", re.M)
    return step.sub(lambda m: f"{m.group(1)}{m.group(2)}, {question_id}{m.group(3)}", text, count=1)


def validated(template: Template, text: str) -> Template:
    """The template with the questions and steps of template.yaml's new ``text`` (LoadError if they
    do not load, exactly as the loader refuses them)."""
    path = template.location.path
    data = load_yaml(text, path)
    questions = _load_questions(data, path)
    steps = _load_steps(data, path, questions)
    return replace(template, questions=questions, steps=steps)


def question_findings(root: Path, draft: Template) -> list[Finding]:
    """The checks on answers (CK201 undefined answer, CK202 unused question, CK203 unknown option)
    for the draft template, as ``clausekit check`` reports them."""
    from ..checks import check_template
    from ..library import Library

    return check_template(Library(root), draft, select=list(QUESTION_RULES))
