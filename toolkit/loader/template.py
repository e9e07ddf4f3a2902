"""template.yaml → :class:`Template`: questions, form of address, steps and the clause list."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from pathlib import Path

from ..errors import LoadError, Location
from ..fsutil import present
from ..kinds import KINDS, known
from ..locales import DEFAULT_TAG, ui_locale, ui_text
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
        raise LoadError(
            ui_text("load.template.mapping"), Location(path, 1), ui_text("load.template.mapping.hint")
        )
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
            ui_text("load.template_id", id=template_id, folder=folder.name),
            key_location(data, "id", path),
            ui_text("load.template_id.hint"),
        )
    version = fields.matching(data, "version", path, _SEMVER, "load.version", "load.version.hint")
    date = data.get("date")
    if date is not None and not isinstance(date, dt.date):
        raise LoadError(
            ui_text("load.date", date=date), key_location(data, "date", path), ui_text("load.date.hint")
        )
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
        raise LoadError(ui_text("load.steps"), key_location(data, "steps", path), ui_text("load.items.hint"))
    known = [q.id for q in questions]
    placed: dict[str, Location] = {}
    steps: list[Step] = []
    for index, item in enumerate(raw):
        location = item_location(raw, index, path)
        if not isinstance(item, CommentedMap):
            raise LoadError(ui_text("load.step.mapping"), location, ui_text("load.step.mapping.hint"))
        fields.check_keys(item, STEP_KEYS, path, ui_text("load.what.step"))
        ids = item.get("questions") or []
        if not isinstance(ids, list) or not ids:
            raise LoadError(ui_text("load.step.questions"), location, ui_text("load.step.questions.hint"))
        for qid in map(str, ids):
            if qid not in known:
                raise LoadError(
                    ui_text("load.step.unknown", question=qid), location, suggest(qid, known, ui_locale())
                )
            if qid in placed:
                raise LoadError(
                    ui_text("load.step.twice", question=qid, line=placed[qid].line),
                    location,
                    ui_text("load.step.twice.hint"),
                    kind="duplicate",
                )
            placed[qid] = location
        step_id = fields.text(item, "id", path)
        if any(step.id == step_id for step in steps):
            raise LoadError(
                ui_text("load.step.duplicate", step=step_id),
                location,
                ui_text("load.step.duplicate.hint"),
                kind="duplicate",
            )
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
            ui_text("load.step.missing", questions=", ".join(missing)),
            key_location(data, "steps", path),
            ui_text("load.step.missing.hint"),
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
                ui_text("load.address.unknown", question=question_id),
                location,
                suggest(question_id, [q.id for q in questions], ui_locale()),
            )
        question = matches[0]
        if question.type != "choice" or set(question.option_values()) != {"je", "u"}:
            raise LoadError(
                ui_text("load.address.question", question=question_id),
                question.location,
                ui_text("load.address.question.hint"),
            )
        return Address(question.default or "u"), question_id
    try:
        return Address(str(raw)), None
    except ValueError:
        raise LoadError(
            ui_text("load.address", address=raw),
            location,
            ui_text("load.address.hint", example=ui_text("load.address.example")),
        ) from None


def _load_questions(data: CommentedMap, path: Path) -> tuple[Question, ...]:
    raw = data.get("questions") or []
    if not isinstance(raw, list):
        raise LoadError(
            ui_text("load.questions"), key_location(data, "questions", path), ui_text("load.items.hint")
        )
    questions: list[Question] = []
    seen: dict[str, Location] = {}
    for index, item in enumerate(raw):
        location = item_location(raw, index, path)
        if not isinstance(item, CommentedMap):
            raise LoadError(ui_text("load.question.mapping"), location, ui_text("load.question.mapping.hint"))
        fields.check_keys(item, QUESTION_KEYS, path, ui_text("load.what.question"))
        question = _load_question(item, path, location)
        if question.id in seen:
            raise LoadError(
                ui_text("load.question.duplicate", question=question.id, line=seen[question.id].line),
                location,
                ui_text("load.question.duplicate.hint"),
                kind="duplicate",
            )
        seen[question.id] = location
        questions.append(question)
    return tuple(questions)


def _load_question(item: CommentedMap, path: Path, location: Location) -> Question:
    qid = fields.matching(
        item, "id", path, _QUESTION_ID, "load.question.id", "load.question.id.hint",
    )  # fmt: skip
    type_text = fields.text(item, "type", path)
    kind = KINDS.get(type_text)
    if kind is None:
        raise LoadError(
            ui_text("load.question.type", type=type_text),
            key_location(item, "type", path),
            ui_text("load.use_one_of", names=known()),
        )
    when, when_location = fields.when(item, path)
    options: list[Option] = []
    raw_options = item.get("options") or []
    if not isinstance(raw_options, list):
        raise LoadError(
            ui_text("load.question.options", question=qid),
            key_location(item, "options", path),
            ui_text("load.question.options.hint"),
        )
    for raw in raw_options:
        if isinstance(raw, CommentedMap):
            options.append(Option(str(raw.get("value")), str(raw.get("label", raw.get("value")))))
        else:
            options.append(Option(str(raw), str(raw)))
    if kind.has_options and not options:
        raise LoadError(
            ui_text("load.question.no_options", question=qid, type=kind.name),
            location,
            ui_text("load.question.no_options.hint"),
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
            ui_text("load.numbering", scheme=raw),
            key_location(data, "numbering", path),
            ui_text(
                "load.one_of", names=", ".join(SCHEMES), suggestion=suggest(str(raw), SCHEMES, ui_locale())
            ),
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
            ui_text("load.parts.both"), key_location(data, "clauses", path), ui_text("load.parts.both.hint")
        )
    raw = data.get("parts")
    if not isinstance(raw, list) or not raw:
        raise LoadError(ui_text("load.parts"), key_location(data, "parts", path), ui_text("load.parts.hint"))
    parts: list[Part] = []
    part_ids: dict[str, Location] = {}
    for index, item in enumerate(raw):
        location = item_location(raw, index, path)
        if not isinstance(item, CommentedMap):
            raise LoadError(ui_text("load.part.mapping"), location, ui_text("load.part.mapping.hint"))
        fields.check_keys(item, PART_KEYS, path, ui_text("load.what.part"))
        part_id = fields.text(item, "id", path)
        if not fields.ID.match(part_id):
            raise LoadError(
                ui_text("load.part.id", part=part_id),
                key_location(item, "id", path),
                ui_text("load.part.id.hint"),
            )
        if part_id in part_ids:
            raise LoadError(
                ui_text("load.part.duplicate", part=part_id, line=part_ids[part_id].line),
                location,
                ui_text("load.part.duplicate.hint"),
                kind="duplicate",
            )
        part_ids[part_id] = location
        when, when_location = fields.when(item, path)
        style = str(item.get("subclauses", "decimal"))
        if style not in SUBCLAUSE_STYLES:
            raise LoadError(
                ui_text("load.part.subclauses", style=style),
                key_location(item, "subclauses", path),
                ui_text("load.part.subclauses.hint"),
            )
        fixed = item.get("fixed", False)
        if not isinstance(fixed, bool):
            raise LoadError(
                ui_text("load.flag", key="fixed", value=fixed),
                key_location(item, "fixed", path),
                ui_text("load.part.fixed.hint"),
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
        where = ui_text("load.part.no_clauses", part=part_id) if part_id else ui_text("load.no_clauses")
        raise LoadError(where, key_location(data, "clauses", path), ui_text("load.no_clauses.hint"))
    entries: list[ClauseEntry] = []
    for index, item in enumerate(raw):
        location = item_location(raw, index, path)
        if isinstance(item, CommentedMap):
            fields.check_keys(item, ENTRY_KEYS, path, ui_text("load.what.entry"))
            clause_id = fields.text(item, "id", path)
            when, when_location = fields.when(item, path)
        else:
            clause_id, when, when_location = str(item), None, None
        if clause_id in seen:
            raise LoadError(
                ui_text("load.entry.twice", clause=clause_id, line=seen[clause_id].line),
                location,
                ui_text("load.entry.twice.hint"),
                kind="duplicate",
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
        raise LoadError(ui_text("load.entry.id", clause=clause_id), location, ui_text("load.entry.id.hint"))
    for base, is_shared in ((folder, False), (shared, True)):
        candidate = base / f"{clause_id}.md"
        if present(candidate):
            return load_clause(candidate, shared=is_shared)
    known = sorted({p.stem for base in (folder, shared) if base.is_dir() for p in base.glob("*.md")})
    raise LoadError(
        ui_text("load.entry.unknown", clause=clause_id),
        location,
        ui_text(
            "load.entry.unknown.hint",
            file=f"{folder.name}/{clause_id}.md",
            shared=f"{SHARED_DIR}/{clause_id}.md",
            suggestion=suggest(clause_id, known, ui_locale()),
        ),
    )
