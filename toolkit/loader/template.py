"""template.yaml → :class:`Template`: questions, form of address, steps and the clause list."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from pathlib import Path

from ..errors import LoadError, Location
from ..fsutil import present
from ..kinds import KINDS, known
from ..locales import DEFAULT_TAG
from ..model import SCHEMES, Address, Clause, ClauseEntry, Option, Part, Question, Step, Template
from ..suggest import suggest
from ..yamlio import CommentedMap, item_location, key_location, load_yaml, read_source
from . import fields
from .clause import load_clause
from .translation import attach_editions, read_translations

TEMPLATE_FILE = "template.yaml"
SHARED_DIR = "_shared"

_QUESTION_ID = re.compile(r"^[a-z_][a-z0-9_]*$")
_SEMVER = re.compile(r"^\d+\.\d+\.\d+(?:-[0-9A-Za-z.-]+)?$")

TEMPLATE_KEYS = {
    "id", "title", "version", "date", "language", "address", "description", "questions", "clauses",
    "steps", "parts", "numbering", "translations",
}  # fmt: skip
QUESTION_KEYS = {
    "id", "label", "type", "options", "default", "required", "help", "max_length", "multiline",
    "min", "max", "when",
}  # fmt: skip
STEP_KEYS = {"id", "title", "intro", "questions"}
ENTRY_KEYS = {"id", "when"}
PART_KEYS = {"id", "title", "numbering", "fixed", "when", "subclauses", "clauses"}
SUBCLAUSE_STYLES = ("decimal", "none")


@dataclass(frozen=True)
class TemplateInfo:
    """What ``clausekit list`` shows of a template, read from template.yaml alone."""

    id: str
    version: str
    language: str
    title: str
    translations: tuple[str, ...] = ()

    @property
    def languages(self) -> tuple[str, ...]:
        return (self.language, *self.translations)


def _mapping(path: Path) -> CommentedMap:
    data = load_yaml(read_source(path, TEMPLATE_FILE, within=path.parent.parent), path)
    if not isinstance(data, CommentedMap):
        raise LoadError("template.yaml must be a mapping of keys", Location(path, 1), "start with 'id: …'")
    return data


def read_info(folder: Path) -> TemplateInfo:
    """Id, version, language and title from ``folder/template.yaml``, without loading any clause."""
    path = folder / TEMPLATE_FILE
    data = _mapping(path)
    language = fields.text(data, "language", path, required=False) or DEFAULT_TAG
    return TemplateInfo(
        id=fields.text(data, "id", path),
        version=fields.text(data, "version", path),
        language=language,
        title=fields.text(data, "title", path),
        translations=read_translations(data, path, language),
    )


def load_template(folder: Path, shared: Path) -> Template:
    """Load ``folder/template.yaml`` and every clause it lists."""
    path = folder / TEMPLATE_FILE
    data = _mapping(path)
    where = Location(path, 1)
    fields.check_keys(data, TEMPLATE_KEYS, path, "template.yaml")
    template_id = fields.text(data, "id", path)
    if template_id != folder.name:
        raise LoadError(
            f"template id '{template_id}' does not match its folder '{folder.name}'",
            key_location(data, "id", path),
            "rename the folder or the id so that they are equal",
        )
    version = fields.matching(
        data, "version", path, _SEMVER, "is not a semantic version", "write MAJOR.MINOR.PATCH, e.g. 1.0.0"
    )
    date = data.get("date")
    if date is not None and not isinstance(date, dt.date):
        raise LoadError(f"date '{date}' is not a date", key_location(data, "date", path), "write YYYY-MM-DD")
    questions = _load_questions(data, path)
    address, address_question = _load_address(data, path, questions)
    numbering = _scheme(data, path, "article")
    parts = _load_parts(data, path, folder, shared, numbering)
    entries = tuple(entry for part in parts for entry in part.entries)
    steps = _load_steps(data, path, questions)
    language = fields.text(data, "language", path, required=False) or DEFAULT_TAG
    source = Template(
        id=template_id,
        title=fields.text(data, "title", path),
        version=version,
        language=language,
        path=folder,
        location=where,
        questions=questions,
        entries=entries,
        address=address,
        address_question=address_question,
        date=date,
        description=fields.text(data, "description", path, required=False),
        steps=steps,
        parts=parts,
        numbering=numbering,
        translations=read_translations(data, path, language),
    )
    return attach_editions(source, shared)


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
        fields.check_keys(item, STEP_KEYS, path, "a step")
        ids = item.get("questions") or []
        if not isinstance(ids, list) or not ids:
            raise LoadError(
                "a step must list its questions", location, "add 'questions: [id, …]' to the step"
            )
        for qid in map(str, ids):
            if qid not in known:
                raise LoadError(f"step asks unknown question '{qid}'", location, suggest(qid, known))
            if qid in placed:
                raise LoadError(
                    f"question '{qid}' stands in two steps (first at line {placed[qid].line})",
                    location,
                    "ask every question in one step",
                )
            placed[qid] = location
        step_id = fields.text(item, "id", path)
        if any(step.id == step_id for step in steps):
            raise LoadError(f"duplicate step id '{step_id}'", location, "give every step its own id")
        steps.append(
            Step(
                id=step_id,
                title=fields.text(item, "title", path),
                questions=tuple(map(str, ids)),
                location=location,
                intro=fields.text(item, "intro", path, required=False),
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
                suggest(question_id, [q.id for q in questions]),
            )
        question = matches[0]
        if question.type != "choice" or set(question.option_values()) != {"je", "u"}:
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
        fields.check_keys(item, QUESTION_KEYS, path, "a question")
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
    qid = fields.matching(
        item, "id", path, _QUESTION_ID, "is not a valid question id",
        "use lowercase letters, digits and underscores, starting with a letter",
    )  # fmt: skip
    type_text = fields.text(item, "type", path)
    kind = KINDS.get(type_text)
    if kind is None:
        raise LoadError(
            f"unknown question type '{type_text}'", key_location(item, "type", path), "use one of: " + known()
        )
    when, when_location = fields.when(item, path)
    options: list[Option] = []
    raw_options = item.get("options") or []
    if not isinstance(raw_options, list):
        raise LoadError(
            f"the options of question '{qid}' must be a list",
            key_location(item, "options", path),
            "write each option on its own line starting with '- '",
        )
    for raw in raw_options:
        if isinstance(raw, CommentedMap):
            options.append(Option(str(raw.get("value")), str(raw.get("label", raw.get("value")))))
        else:
            options.append(Option(str(raw), str(raw)))
    if kind.has_options and not options:
        raise LoadError(
            f"question '{qid}' of type {kind.name} has no options",
            location,
            "add 'options:' with a list of values",
        )
    return Question(
        id=qid,
        label=fields.text(item, "label", path),
        type=kind.name,
        location=location,
        options=tuple(options),
        default=item.get("default"),
        required=bool(item.get("required", False)),
        help=fields.text(item, "help", path, required=False),
        max_length=int(fields.number(item, "max_length", path, integer=True) or 500),
        multiline=bool(item.get("multiline", False)),
        minimum=fields.number(item, "min", path),
        maximum=fields.number(item, "max", path),
        when=when,
        when_location=when_location,
    )


def _scheme(data: CommentedMap, path: Path, default: str) -> str:
    """The ``numbering:`` of the template or a part, one of :data:`SCHEMES`."""
    raw = data.get("numbering")
    if raw is None:
        return default
    if str(raw) not in SCHEMES:
        raise LoadError(
            f"unknown numbering scheme '{raw}'",
            key_location(data, "numbering", path),
            "use one of: " + ", ".join(SCHEMES) + "; " + suggest(str(raw), SCHEMES),
        )
    return str(raw)


def _load_parts(
    data: CommentedMap, path: Path, folder: Path, shared: Path, numbering: str
) -> tuple[Part, ...]:
    """``parts:``, or the flat ``clauses:`` list as one part with the template's numbering."""
    seen: dict[str, Location] = {}
    if "parts" not in data:
        entries = _load_entries(data, path, folder, shared, seen, "", None, None)
        return (Part(id="", entries=entries, location=Location(path, 1), numbering=numbering),)
    if "clauses" in data:
        raise LoadError(
            "the template has both 'clauses:' and 'parts:'",
            key_location(data, "clauses", path),
            "list the clauses under the parts (parts: - id: … clauses: […]) and remove 'clauses:'",
        )
    raw = data.get("parts")
    if not isinstance(raw, list) or not raw:
        raise LoadError(
            "'parts' must be a list of parts",
            key_location(data, "parts", path),
            "write '- id: …' items, each with 'clauses: […]'",
        )
    parts: list[Part] = []
    part_ids: dict[str, Location] = {}
    for index, item in enumerate(raw):
        location = item_location(raw, index, path)
        if not isinstance(item, CommentedMap):
            raise LoadError(
                "a part must be a mapping", location, "write '- id: …' with 'clauses: […]' under it"
            )
        fields.check_keys(item, PART_KEYS, path, "a part")
        part_id = fields.text(item, "id", path)
        if not fields.ID.match(part_id):
            raise LoadError(
                f"'{part_id}' is not a valid part id",
                key_location(item, "id", path),
                "use lowercase letters, digits, '-' and '_', starting with a letter",
            )
        if part_id in part_ids:
            raise LoadError(
                f"duplicate part id '{part_id}' (first at line {part_ids[part_id].line})",
                location,
                "give every part its own id",
            )
        part_ids[part_id] = location
        when, when_location = fields.when(item, path)
        style = str(item.get("subclauses", "decimal"))
        if style not in SUBCLAUSE_STYLES:
            raise LoadError(
                f"unknown sub-clause numbering '{style}'",
                key_location(item, "subclauses", path),
                "write subclauses: decimal (3.1, 3.2) or subclauses: none",
            )
        fixed = item.get("fixed", False)
        if not isinstance(fixed, bool):
            raise LoadError(
                f"'fixed' must be true or false, not '{fixed}'",
                key_location(item, "fixed", path),
                "write fixed: true to keep the numbers whatever the answers leave out",
            )
        entries = _load_entries(item, path, folder, shared, seen, part_id, when, when_location)
        parts.append(
            Part(
                id=part_id,
                entries=entries,
                location=location,
                title=fields.text(item, "title", path, required=False),
                numbering=_scheme(item, path, numbering),
                fixed=fixed,
                when=when,
                when_location=when_location,
                subclauses=style,
            )
        )
    return tuple(parts)


def _joined(part_when: str | None, entry_when: str | None) -> str | None:
    """The whole condition of an entry in a conditional part."""
    if part_when is None or entry_when is None:
        return part_when or entry_when
    return f"({part_when}) and ({entry_when})"


def _load_entries(
    data: CommentedMap,
    path: Path,
    folder: Path,
    shared: Path,
    seen: dict[str, Location],
    part_id: str,
    part_when: str | None,
    part_when_location: Location | None,
) -> tuple[ClauseEntry, ...]:
    raw = data.get("clauses")
    if not isinstance(raw, list) or not raw:
        where = "the part '" + part_id + "' lists no clauses" if part_id else "the template lists no clauses"
        raise LoadError(
            where,
            key_location(data, "clauses", path),
            "add 'clauses:' with the clause ids in document order",
        )
    entries: list[ClauseEntry] = []
    for index, item in enumerate(raw):
        location = item_location(raw, index, path)
        if isinstance(item, CommentedMap):
            fields.check_keys(item, ENTRY_KEYS, path, "a clause entry")
            clause_id = fields.text(item, "id", path)
            when, when_location = fields.when(item, path)
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
        entries.append(
            ClauseEntry(
                clause=clause,
                location=location,
                when=_joined(part_when, when),
                when_location=when_location or part_when_location,
                part=part_id,
            )
        )
    return tuple(entries)


def _find_clause(clause_id: str, folder: Path, shared: Path, location: Location) -> Clause:
    if not fields.ID.match(clause_id):
        raise LoadError(
            f"'{clause_id}' is not a valid clause id",
            location,
            "use lowercase letters, digits, '-' and '_'",
        )
    for base, is_shared in ((folder, False), (shared, True)):
        candidate = base / f"{clause_id}.md"
        if present(candidate):
            return load_clause(candidate, shared=is_shared)
    known = sorted({p.stem for base in (folder, shared) if base.is_dir() for p in base.glob("*.md")})
    raise LoadError(
        f"unknown clause '{clause_id}'",
        location,
        f"create {folder.name}/{clause_id}.md or {SHARED_DIR}/{clause_id}.md; " + suggest(clause_id, known),
    )
