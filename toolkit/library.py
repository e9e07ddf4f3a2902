"""Find and load templates and clauses from a library folder, with file:line on every error."""

from __future__ import annotations

import datetime as dt
import difflib
import re
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Any

from .errors import LoadError, Location, UsageError
from .model import (
    Address,
    Answers,
    Clause,
    ClauseEntry,
    Document,
    Option,
    Question,
    QuestionType,
    Step,
    Template,
    Variant,
)
from .render import Engine
from .yamlio import CommentedMap, item_location, key_location, load_yaml

TEMPLATE_FILE = "template.yaml"
SHARED_DIR = "_shared"
DEFAULT_VARIANT = "default"

_ID = re.compile(r"^[a-z][a-z0-9_-]*$")
_QUESTION_ID = re.compile(r"^[a-z_][a-z0-9_]*$")
_SEMVER = re.compile(r"^\d+\.\d+\.\d+(?:-[0-9A-Za-z.-]+)?$")
_VARIANT_OPEN = re.compile(r"^:::\s*variant\s+(?P<id>\S+)\s*$")
_VARIANT_CLOSE = re.compile(r"^:::\s*$")

TEMPLATE_KEYS = {
    "id", "title", "version", "date", "language", "address", "description", "questions", "clauses",
    "steps",
}  # fmt: skip
QUESTION_KEYS = {
    "id", "label", "type", "options", "default", "required", "help", "max_length", "multiline",
    "min", "max", "when",
}  # fmt: skip
STEP_KEYS = {"id", "title", "intro", "questions"}
CLAUSE_KEYS = {"id", "title", "terms", "variants"}
VARIANT_KEYS = {"when", "label"}
ENTRY_KEYS = {"id", "when"}


def _suggest(name: str, known: Iterator[str] | list[str]) -> str:
    known = list(known)
    close = difflib.get_close_matches(name, known, n=1)
    if close:
        return f"did you mean '{close[0]}'?"
    return "known: " + ", ".join(sorted(known)) if known else "none are defined"


class Library:
    """A folder of templates. Loads lazily and keeps what it loaded."""

    def __init__(self, root: Path | str = "clauses"):
        self.root = Path(root)
        if not self.root.is_dir():
            raise UsageError(
                f"library folder not found: {self.root}",
                hint="pass --library PATH pointing to the folder that holds the templates",
            )
        self._templates: dict[str, Template] = {}
        self.engine = Engine()

    def template_ids(self) -> list[str]:
        """Ids of the templates in this library (folders holding a template.yaml)."""
        return sorted(
            p.name
            for p in self.root.iterdir()
            if p.is_dir() and p.name != SHARED_DIR and (p / TEMPLATE_FILE).is_file()
        )

    def template(self, template_id: str) -> Template:
        """The template with this id; ids are resolved inside the library only, never as paths."""
        if template_id in self._templates:
            return self._templates[template_id]
        known = self.template_ids()
        if not _ID.match(template_id) or template_id not in known:
            raise UsageError(
                f"unknown template '{template_id}' in {self.root}",
                hint=_suggest(template_id, known) + " (run 'clausekit list')",
            )
        template = load_template(self.root / template_id, self.root / SHARED_DIR)
        self.engine.compiled(template)  # Jinja syntax errors are load errors
        self._templates[template_id] = template
        return template

    def validate(
        self,
        template: Template | str,
        raw: Mapping[str, Any],
        locations: Mapping[str, Location] | None = None,
        source: Path | None = None,
    ) -> Answers:
        """Validate answers with this library's compiled conditions."""
        from .answers import validate

        if isinstance(template, str):
            template = self.template(template)
        return validate(template, raw, locations, source, engine=self.engine)

    def render(
        self, template: Template | str, answers: Answers, force: Mapping[str, str] | None = None
    ) -> Document:
        """Assemble a document with this library's compiled templates."""
        if isinstance(template, str):
            template = self.template(template)
        return self.engine.render(template, answers, force)

    def templates(self) -> list[Template]:
        return [self.template(t) for t in self.template_ids()]

    def reload(self) -> None:
        """Forget everything loaded (after files changed on disk)."""
        self._templates.clear()


def _text(data: CommentedMap, key: str, path: Path, first_line: int = 1, required: bool = True) -> str:
    value = data.get(key)
    if value is None or (isinstance(value, str) and not value.strip()):
        if required:
            raise LoadError(
                f"missing '{key}'",
                key_location(data, key, path, first_line),
                f"add a line '{key}: …'",
            )
        return ""
    if not isinstance(value, (str, int, float)) or isinstance(value, bool):
        raise LoadError(
            f"'{key}' must be text", key_location(data, key, path, first_line), "write it as text"
        )
    return str(value).strip()


def _when(data: Any, path: Path, first_line: int = 1) -> tuple[str | None, Location | None]:
    if not isinstance(data, CommentedMap) or data.get("when") is None:
        return None, None
    when = data["when"]
    location = key_location(data, "when", path, first_line)
    if isinstance(when, bool):
        when = "true" if when else "false"
    if not isinstance(when, str) or not when.strip():
        raise LoadError(
            "'when' must be a condition",
            location,
            "write an expression over the answers, e.g. when: ondernemingsraad",
        )
    return when.strip(), location


def _unknown_keys(data: CommentedMap, allowed: set[str]) -> list[str]:
    return [str(k) for k in data if str(k) not in allowed]


def _check_keys(data: CommentedMap, allowed: set[str], path: Path, what: str, first_line: int = 1) -> None:
    for key in _unknown_keys(data, allowed):
        raise LoadError(
            f"unknown key '{key}' in {what}",
            key_location(data, key, path, first_line),
            _suggest(key, sorted(allowed)),
        )


def load_template(folder: Path, shared: Path) -> Template:
    """Load ``folder/template.yaml`` and every clause it lists."""
    path = folder / TEMPLATE_FILE
    data = load_yaml(path.read_text(encoding="utf-8"), path)
    where = Location(path, 1)
    if not isinstance(data, CommentedMap):
        raise LoadError("template.yaml must be a mapping of keys", where, "start with 'id: …'")
    _check_keys(data, TEMPLATE_KEYS, path, "template.yaml")
    template_id = _text(data, "id", path)
    if template_id != folder.name:
        raise LoadError(
            f"template id '{template_id}' does not match its folder '{folder.name}'",
            key_location(data, "id", path),
            "rename the folder or the id so that they are equal",
        )
    version = _text(data, "version", path)
    if not _SEMVER.match(version):
        raise LoadError(
            f"version '{version}' is not a semantic version",
            key_location(data, "version", path),
            "write MAJOR.MINOR.PATCH, e.g. 1.0.0",
        )
    date = data.get("date")
    if date is not None and not isinstance(date, dt.date):
        raise LoadError(f"date '{date}' is not a date", key_location(data, "date", path), "write YYYY-MM-DD")
    questions = _load_questions(data, path)
    address, address_question = _load_address(data, path, questions)
    entries = _load_entries(data, path, folder, shared)
    steps = _load_steps(data, path, questions)
    return Template(
        id=template_id,
        title=_text(data, "title", path),
        version=version,
        language=_text(data, "language", path, required=False) or "nl-NL",
        path=folder,
        location=where,
        questions=questions,
        entries=entries,
        address=address,
        address_question=address_question,
        date=date,
        description=_text(data, "description", path, required=False),
        steps=steps,
    )


def _load_steps(data: CommentedMap, path: Path, questions: tuple[Question, ...]) -> tuple[Step, ...]:
    """The questionnaire's pages; every question must stand in exactly one step."""
    raw = data.get("steps")
    if raw is None:
        return ()
    if not isinstance(raw, list):
        raise LoadError("'steps' must be a list", key_location(data, "steps", path), "write '- id: …' items")
    known = [q.id for q in questions]
    placed: dict[str, Location] = {}
    steps: list[Step] = []
    for index, item in enumerate(raw):
        location = item_location(raw, index, path)
        if not isinstance(item, CommentedMap):
            raise LoadError("a step must be a mapping", location, "write '- id: …' with title and questions")
        _check_keys(item, STEP_KEYS, path, "a step")
        ids = item.get("questions") or []
        if not isinstance(ids, list) or not ids:
            raise LoadError(
                "a step must list its questions", location, "add 'questions: [id, …]' to the step"
            )
        for qid in map(str, ids):
            if qid not in known:
                raise LoadError(f"step asks unknown question '{qid}'", location, _suggest(qid, known))
            if qid in placed:
                raise LoadError(
                    f"question '{qid}' stands in two steps (first at line {placed[qid].line})",
                    location,
                    "ask every question in one step",
                )
            placed[qid] = location
        step_id = _text(item, "id", path)
        if any(step.id == step_id for step in steps):
            raise LoadError(f"duplicate step id '{step_id}'", location, "give every step its own id")
        steps.append(
            Step(
                id=step_id,
                title=_text(item, "title", path),
                questions=tuple(map(str, ids)),
                location=location,
                intro=_text(item, "intro", path, required=False),
            )
        )
    missing = [q for q in known if q not in placed]
    if missing:
        raise LoadError(
            "questions in no step: " + ", ".join(missing),
            key_location(data, "steps", path),
            "add each question to one of the steps",
        )
    return tuple(steps)


def _load_address(
    data: CommentedMap, path: Path, questions: tuple[Question, ...]
) -> tuple[Address, str | None]:
    raw = data.get("address", "u")
    location = key_location(data, "address", path)
    if isinstance(raw, CommentedMap):
        question_id = str(raw.get("question", ""))
        matches = [q for q in questions if q.id == question_id]
        if not matches:
            raise LoadError(
                f"address refers to unknown question '{question_id}'",
                location,
                _suggest(question_id, [q.id for q in questions]),
            )
        question = matches[0]
        if question.type is not QuestionType.CHOICE or set(question.option_values()) != {"je", "u"}:
            raise LoadError(
                f"question '{question_id}' cannot set the form of address",
                question.location,
                "make it a choice with exactly the options 'je' and 'u'",
            )
        return Address(question.default or "u"), question_id
    try:
        return Address(str(raw)), None
    except ValueError:
        raise LoadError(
            f"address '{raw}' is not 'je' or 'u'",
            location,
            "write address: je, address: u, or address: {question: <id of a je/u choice>}",
        ) from None


def _load_questions(data: CommentedMap, path: Path) -> tuple[Question, ...]:
    raw = data.get("questions") or []
    if not isinstance(raw, list):
        raise LoadError(
            "'questions' must be a list", key_location(data, "questions", path), "write '- id: …' items"
        )
    questions: list[Question] = []
    seen: dict[str, Location] = {}
    for index, item in enumerate(raw):
        location = item_location(raw, index, path)
        if not isinstance(item, CommentedMap):
            raise LoadError("a question must be a mapping", location, "write '- id: …' with label and type")
        _check_keys(item, QUESTION_KEYS, path, "a question")
        question = _load_question(item, path, location)
        if question.id in seen:
            raise LoadError(
                f"duplicate question id '{question.id}' (first at line {seen[question.id].line})",
                location,
                "give every question its own id",
            )
        seen[question.id] = location
        questions.append(question)
    return tuple(questions)


def _load_question(item: CommentedMap, path: Path, location: Location) -> Question:
    qid = _text(item, "id", path)
    if not _QUESTION_ID.match(qid):
        raise LoadError(
            f"question id '{qid}' is not a valid name",
            key_location(item, "id", path),
            "use lowercase letters, digits and underscores, starting with a letter",
        )
    type_text = _text(item, "type", path)
    try:
        qtype = QuestionType(type_text)
    except ValueError:
        raise LoadError(
            f"unknown question type '{type_text}'",
            key_location(item, "type", path),
            "use one of: " + ", ".join(t.value for t in QuestionType),
        ) from None
    when, when_location = _when(item, path)
    options: list[Option] = []
    raw_options = item.get("options") or []
    for raw in raw_options:
        if isinstance(raw, CommentedMap):
            options.append(Option(str(raw.get("value")), str(raw.get("label", raw.get("value")))))
        else:
            options.append(Option(str(raw), str(raw)))
    if qtype in (QuestionType.CHOICE, QuestionType.MULTICHOICE) and not options:
        raise LoadError(
            f"question '{qid}' of type {qtype.value} has no options",
            location,
            "add 'options:' with a list of values",
        )
    return Question(
        id=qid,
        label=_text(item, "label", path),
        type=qtype,
        location=location,
        options=tuple(options),
        default=item.get("default"),
        required=bool(item.get("required", False)),
        help=_text(item, "help", path, required=False),
        max_length=int(item.get("max_length", 500)),
        multiline=bool(item.get("multiline", False)),
        minimum=item.get("min"),
        maximum=item.get("max"),
        when=when,
        when_location=when_location,
    )


def _load_entries(data: CommentedMap, path: Path, folder: Path, shared: Path) -> tuple[ClauseEntry, ...]:
    raw = data.get("clauses")
    if not isinstance(raw, list) or not raw:
        raise LoadError(
            "the template lists no clauses",
            key_location(data, "clauses", path),
            "add 'clauses:' with the clause ids in document order",
        )
    entries: list[ClauseEntry] = []
    seen: dict[str, Location] = {}
    for index, item in enumerate(raw):
        location = item_location(raw, index, path)
        if isinstance(item, CommentedMap):
            _check_keys(item, ENTRY_KEYS, path, "a clause entry")
            clause_id = _text(item, "id", path)
            when, when_location = _when(item, path)
        else:
            clause_id, when, when_location = str(item), None, None
        if clause_id in seen:
            raise LoadError(
                f"clause '{clause_id}' is listed twice (first at line {seen[clause_id].line})",
                location,
                "list every clause once",
            )
        seen[clause_id] = location
        clause = _find_clause(clause_id, folder, shared, location)
        entries.append(ClauseEntry(clause=clause, location=location, when=when, when_location=when_location))
    return tuple(entries)


def _find_clause(clause_id: str, folder: Path, shared: Path, location: Location) -> Clause:
    if not _ID.match(clause_id):
        raise LoadError(
            f"'{clause_id}' is not a valid clause id",
            location,
            "use lowercase letters, digits, '-' and '_'",
        )
    for base, is_shared in ((folder, False), (shared, True)):
        candidate = base / f"{clause_id}.md"
        if candidate.is_file():
            return load_clause(candidate, shared=is_shared)
    known = sorted({p.stem for base in (folder, shared) if base.is_dir() for p in base.glob("*.md")})
    raise LoadError(
        f"unknown clause '{clause_id}'",
        location,
        f"create {folder.name}/{clause_id}.md or {SHARED_DIR}/{clause_id}.md; " + _suggest(clause_id, known),
    )


def split_front_matter(text: str, path: Path) -> tuple[str, str, int]:
    """Split a clause file into front matter, body and the body's first line number."""
    lines = text.splitlines(keepends=True)
    if not lines or lines[0].strip() != "---":
        raise LoadError(
            "a clause file must start with front matter between '---' lines",
            Location(path, 1),
            "begin the file with ---, then id and title, then --- again",
        )
    for index in range(1, len(lines)):
        if lines[index].strip() == "---":
            return "".join(lines[1:index]), "".join(lines[index + 1 :]), index + 2
    raise LoadError(
        "the front matter is not closed", Location(path, 1), "add a line '---' after the front matter"
    )


def load_clause(path: Path, shared: bool = False) -> Clause:
    """Load one clause file: front matter (YAML) and one body per variant."""
    text = path.read_text(encoding="utf-8")
    front, body, body_line = split_front_matter(text, path)
    data = load_yaml(front, path, first_line=2)
    if not isinstance(data, CommentedMap):
        raise LoadError(
            "the front matter must be a mapping", Location(path, 2), "write 'id: …' and 'title: …'"
        )
    _check_keys(data, CLAUSE_KEYS, path, "the front matter", first_line=2)
    clause_id = _text(data, "id", path, 2, required=False) or path.stem
    if clause_id != path.stem:
        raise LoadError(
            f"clause id '{clause_id}' does not match its file name '{path.name}'",
            key_location(data, "id", path, 2),
            f"rename the file to {clause_id}.md or change the id",
        )
    terms = data.get("terms") or []
    if not isinstance(terms, list):
        raise LoadError(
            "'terms' must be a list", key_location(data, "terms", path, 2), "write terms: [Werkgever, …]"
        )
    bodies = _split_variants(body, body_line, path)
    variants = _load_variants(data, bodies, path)
    return Clause(
        id=clause_id,
        title=_text(data, "title", path, 2),
        path=path,
        location=Location(path, 1),
        variants=variants,
        terms=tuple(str(t) for t in terms),
        shared=shared,
    )


def _split_variants(body: str, first_line: int, path: Path) -> dict[str, tuple[str, int]]:
    """Map variant id → (body text, first line). A body without markers is the one default variant."""
    lines = body.splitlines(keepends=True)
    if not any(_VARIANT_OPEN.match(line.strip()) for line in lines):
        return {DEFAULT_VARIANT: (body, first_line)}
    bodies: dict[str, tuple[str, int]] = {}
    current: str | None = None
    start = 0
    collected: list[str] = []
    for offset, line in enumerate(lines):
        number = first_line + offset
        opening = _VARIANT_OPEN.match(line.strip())
        if current is None:
            if opening:
                current, start, collected = opening["id"], number + 1, []
                if current in bodies:
                    raise LoadError(
                        f"variant '{current}' has two bodies",
                        Location(path, number),
                        "give every variant one '::: variant …' block",
                    )
            elif line.strip():
                raise LoadError(
                    "text outside a variant block",
                    Location(path, number),
                    "put all text between '::: variant NAME' and ':::'",
                )
        elif _VARIANT_CLOSE.match(line.strip()):
            bodies[current] = ("".join(collected), start)
            current = None
        elif opening:
            raise LoadError(
                f"variant '{opening['id']}' starts before variant '{current}' is closed",
                Location(path, number),
                "close each variant with a line ':::'",
            )
        else:
            collected.append(line)
    if current is not None:
        raise LoadError(
            f"variant '{current}' is not closed",
            Location(path, start - 1),
            "end the variant with a line ':::'",
        )
    return bodies


def _load_variants(data: CommentedMap, bodies: dict[str, tuple[str, int]], path: Path) -> tuple[Variant, ...]:
    declared = data.get("variants")
    if declared is None:
        if set(bodies) != {DEFAULT_VARIANT}:
            raise LoadError(
                "the body has variant blocks but the front matter declares no variants",
                Location(path, 2),
                "add 'variants:' with a 'when' condition for each variant",
            )
        text, line = bodies[DEFAULT_VARIANT]
        return (Variant(id=DEFAULT_VARIANT, body=text, location=Location(path, line)),)
    location = key_location(data, "variants", path, 2)
    if not isinstance(declared, CommentedMap) or not declared:
        raise LoadError(
            "'variants' must map each variant id to its condition",
            location,
            "write e.g. variants: {standaard: {when: …}, streng: {when: …}}",
        )
    variants: list[Variant] = []
    for variant_id, spec in declared.items():
        spec_location = key_location(declared, variant_id, path, 2)
        if spec is not None and not isinstance(spec, CommentedMap):
            raise LoadError(
                f"variant '{variant_id}' must be a mapping",
                spec_location,
                "write 'when: …' (and optionally 'label: …') under it",
            )
        if isinstance(spec, CommentedMap):
            _check_keys(spec, VARIANT_KEYS, path, f"variant '{variant_id}'", first_line=2)
        when, when_location = _when(spec, path, 2)
        if str(variant_id) not in bodies:
            raise LoadError(
                f"variant '{variant_id}' has no body",
                spec_location,
                f"add a block '::: variant {variant_id}' … ':::' below the front matter",
            )
        text, line = bodies[str(variant_id)]
        label = str(spec.get("label", "")) if isinstance(spec, CommentedMap) else ""
        variants.append(
            Variant(
                id=str(variant_id),
                body=text,
                location=Location(path, line),
                when=when,
                when_location=when_location,
                label=label or str(variant_id),
            )
        )
    for extra in set(bodies) - {v.id for v in variants}:
        raise LoadError(
            f"variant block '{extra}' is not declared in the front matter",
            Location(path, bodies[extra][1] - 1),
            f"add '{extra}: {{when: …}}' under 'variants:'",
        )
    return tuple(variants)
