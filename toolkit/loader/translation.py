"""A template's editions in other languages: ``translations/<tag>/`` → :class:`Template` views.

The source template (``language:``) holds all the logic: questions and their types, options,
defaults and conditions, the clause list, parts, variants and their ``when``. A translation holds
text only, in files shaped like the source's:

- ``translations/<tag>/template.yaml``: the title and description, and per question its label, help,
  option labels and (a text question's) default, per step its title and intro, per part its title;
- ``translations/<tag>/examples/<name>.yaml``: the text answers of an example in this language (every
  other answer is data and comes from ``examples/<name>.yaml``);
- ``translations/<tag>/<clause>.md`` (``_shared/translations/<tag>/`` for a shared clause): the
  clause's title, terms, variant labels and one body per variant.

An edition is the source template with that text put in; what a translation does not have yet stays
in the source's words and is listed in :attr:`Template.untranslated` (rule CK951 reports it), so an
edition in progress still renders, checks and previews.
"""

from __future__ import annotations

import re
from dataclasses import replace
from pathlib import Path
from types import MappingProxyType
from typing import Any

from babel import Locale as BabelLocale
from babel import UnknownLocaleError

from ..errors import LoadError, Location
from ..fsutil import present
from ..locales import CATALOGUES, ui_locale, ui_text
from ..model import Clause, ClauseEntry, Option, Part, Question, QuestionType, Step, Template, Variant
from ..suggest import suggest
from ..yamlio import CommentedMap, key_location, load_yaml, read_source
from . import fields
from .clause import CLAUSE_KEYS, DEFAULT_VARIANT, load_terms, read_clause_file, split_variants

TRANSLATIONS_DIR = "translations"
TEMPLATE_FILE = "template.yaml"
STRINGS_KEYS = {"title", "description", "questions", "steps", "parts"}
QUESTION_KEYS = {"label", "help", "options", "default"}
STEP_KEYS = {"title", "intro"}
PART_KEYS = {"title"}
CLAUSE_TEXT_KEYS = {"id", "title", "terms", "variants"}
_TAG = re.compile(r"^[A-Za-z]{2,3}(?:-[A-Za-z0-9]{2,8})*$")

Untranslated = list[tuple[str, Location]]


def read_translations(data: CommentedMap, path: Path, language: str) -> tuple[str, ...]:
    """The ``translations:`` of template.yaml: language tags other than the source's, each once."""
    raw = data.get("translations")
    if raw is None:
        return ()
    location = key_location(data, "translations", path)
    if not isinstance(raw, list) or not raw:
        raise LoadError(
            ui_text("load.translations"), location, ui_text("load.write_eg", example="translations: [en-GB]")
        )
    tags: list[str] = []
    for item in raw:
        tag = str(item).strip()
        if not _TAG.match(tag):
            raise LoadError(
                ui_text("load.translations.tag", tag=tag), location, ui_text("load.translations.tag.hint")
            )
        try:
            BabelLocale.parse(tag.replace("-", "_"))
        except (ValueError, UnknownLocaleError):
            raise LoadError(
                ui_text("load.translations.unknown", tag=tag), location, ui_text("load.translations.tag.hint")
            ) from None
        if tag.split("-")[0].lower() not in CATALOGUES:
            raise LoadError(
                ui_text("load.translations.no_words", tag=tag),
                location,
                ui_text("load.translations.no_words.hint", languages=", ".join(sorted(CATALOGUES))),
            )
        if tag.lower() == language.lower() or tag.lower() in (t.lower() for t in tags):
            raise LoadError(
                ui_text("load.translations.twice", tag=tag),
                location,
                ui_text("load.translations.twice.hint"),
                kind="duplicate",
            )
        tags.append(tag)
    return tuple(tags)


def attach_editions(source: Template, shared: Path) -> Template:
    """``source`` with its :attr:`Template.editions` filled in: itself and one view per translation."""
    editions: dict[str, Template] = {}
    source = replace(source, editions=MappingProxyType(editions))
    editions[source.language] = source
    for tag in source.translations:
        editions[tag] = load_edition(source, tag, shared)
    return source


def load_edition(source: Template, tag: str, shared: Path) -> Template:
    """The edition of ``source`` in language ``tag``, from ``translations/<tag>/``."""
    folder = source.path / TRANSLATIONS_DIR / tag
    missing: Untranslated = []
    strings_path = folder / TEMPLATE_FILE
    strings = _strings(strings_path) if present(strings_path) else None
    where = Location(strings_path, 1) if strings is not None else Location(folder, None)
    if strings is None:
        missing.append(("file:template.yaml", where))
    ids = {
        "questions": [q.id for q in source.questions],
        "steps": [s.id for s in source.steps],
        "parts": [p.id for p in source.parts if p.title],
    }
    text = _Text(strings, strings_path, missing, ids)
    title = text.get(strings, "title", source.title, "title", where)
    description = text.get(strings, "description", source.description, "description", where)
    questions = tuple(_question(q, text) for q in source.questions)
    steps = tuple(_step(s, text) for s in source.steps)
    clauses: dict[str, Clause] = {}
    for entry in source.entries:
        base = (shared if entry.clause.shared else source.path) / TRANSLATIONS_DIR / tag
        clauses[entry.clause.id] = translate_clause(
            entry.clause, base / entry.clause.path.name, missing, source.path.parent
        )
    parts = tuple(
        replace(
            part,
            title=_part_title(part, text),
            entries=tuple(_entry(e, clauses) for e in part.entries),
        )
        for part in source.parts
    )
    entries = tuple(entry for part in parts for entry in part.entries)
    return replace(
        source,
        title=title,
        description=description,
        language=tag,
        location=where if strings is not None else source.location,
        questions=_unasked_address(source, questions, entries),
        steps=steps,
        parts=parts,
        entries=entries,
        translations=(),
        editions=MappingProxyType({}),
        source=source,
        untranslated=tuple(missing),
    )


def _unasked_address(
    source: Template, questions: tuple[Question, ...], entries: tuple[ClauseEntry, ...]
) -> tuple[Question, ...]:
    """The edition's questions, the one that sets the form of address (je/u) not asked when nothing in
    the edition reads it: its text never calls ``vorm()`` or names the question, and no condition of
    the template does. An English edition has one "you"; asking an English reader for "je" or "u"
    would ask what the document cannot show. The source's default then stands for it."""
    qid = source.address_question
    if qid is None:
        return questions
    name = re.compile(rf"\b(vorm\s*\(|{re.escape(qid)}\b)")
    bodies = (variant.body for entry in entries for variant in entry.clause.variants)
    conditions = [q.when for q in source.questions] + [e.when for e in source.entries]
    conditions += [v.when for e in source.entries for v in e.clause.variants]
    if any(name.search(text) for text in (*bodies, *(c for c in conditions if c))):
        return questions
    return tuple(replace(q, when="false", when_location=q.location) if q.id == qid else q for q in questions)


def _entry(entry: ClauseEntry, clauses: dict[str, Clause]) -> ClauseEntry:
    return replace(entry, clause=clauses[entry.clause.id])


def _strings(path: Path) -> CommentedMap:
    data = load_yaml(read_source(path, within=path.parents[3]), path)
    if not isinstance(data, CommentedMap):
        raise LoadError(
            ui_text("load.strings.mapping"), Location(path, 1), ui_text("load.strings.mapping.hint")
        )
    fields.check_keys(data, STRINGS_KEYS, path, ui_text("load.what.strings"))
    return data


class _Text:
    """Reads the translated strings of template.yaml, noting what is missing."""

    def __init__(
        self, strings: CommentedMap | None, path: Path, missing: Untranslated, ids: dict[str, list[str]]
    ):
        self.strings, self.path, self.missing = strings, path, missing
        self.sections = {name: self._section(name, known) for name, known in ids.items()}

    def get(self, data: CommentedMap | None, key: str, fallback: str, what: str, where: Location) -> str:
        """The text under ``key`` of ``data``; ``fallback`` (and noted) if the source has text there."""
        value = fields.text(data, key, self.path, required=False) if data is not None else ""
        if value or not fallback:
            return value or fallback
        self.missing.append((what, where))
        return fallback

    def _section(self, name: str, known: list[str]) -> CommentedMap | None:
        """``questions``/``steps``/``parts`` of the strings; an id the source lacks is a load error."""
        if self.strings is None:
            return None
        raw = self.strings.get(name)
        if raw is None:
            return None
        if not isinstance(raw, CommentedMap):
            raise LoadError(
                ui_text("load.strings.section", name=name),
                key_location(self.strings, name, self.path),
                ui_text("load.strings.section.hint", name=name, example=f"{name}: {{<id>: {{…}}}}"),
            )
        for key in raw:
            if str(key) not in known:
                raise LoadError(
                    ui_text("load.strings.unknown", key=key, name=name),
                    key_location(raw, key, self.path),
                    suggest(str(key), known, ui_locale()),
                )
        return raw

    def item(self, name: str, item_id: str, allowed: set[str]) -> CommentedMap | None:
        section = self.sections[name]
        if section is None or section.get(item_id) is None:
            return None
        item = section[item_id]
        if not isinstance(item, CommentedMap):
            raise LoadError(
                ui_text("load.strings.item", item=item_id, name=name),
                key_location(section, item_id, self.path),
                ui_text("load.strings.item.hint"),
            )
        fields.check_keys(
            item, allowed, self.path, ui_text("load.what.strings_item", item=item_id, name=name)
        )
        return item

    def where(self, name: str, item_id: str, fallback: Location) -> Location:
        """Where the text of ``item_id`` stands (or belongs) in the translation."""
        if self.strings is None:
            return fallback
        section = self.sections[name]
        if section is not None and item_id in section:
            return key_location(section, item_id, self.path)
        return Location(self.path, 1)


def _question(question: Question, text: _Text) -> Question:
    item = text.item("questions", question.id, QUESTION_KEYS)
    where = text.where("questions", question.id, question.location)
    label = text.get(item, "label", question.label, f"question:{question.id}:label", where)
    help_text = text.get(item, "help", question.help, f"question:{question.id}:help", where)
    default = question.default
    if item is not None and "default" in item:
        if question.type != QuestionType.TEXT:
            raise LoadError(
                ui_text("load.strings.default", type=question.type, question=question.id),
                key_location(item, "default", text.path),
                ui_text("load.strings.default.hint"),
            )
        default = fields.text(item, "default", text.path, required=False) or None
    elif question.type == QuestionType.TEXT and isinstance(question.default, str) and question.default:
        text.missing.append((f"question:{question.id}:default", where))
    return replace(
        question,
        label=label,
        help=help_text,
        default=default,
        options=_options(question, item, text, where),
    )


def _options(
    question: Question, item: CommentedMap | None, text: _Text, where: Location
) -> tuple[Option, ...]:
    if not question.options:
        return ()
    raw = item.get("options") if item is not None else None
    if raw is not None and not isinstance(raw, CommentedMap):
        raise LoadError(
            ui_text("load.strings.options", question=question.id),
            key_location(item, "options", text.path) if item is not None else where,
            ui_text("load.strings.options.hint", example="options: {<value>: <label>, …}"),
        )
    values = list(question.option_values())
    for value in raw or {}:
        if str(value) not in values:
            raise LoadError(
                ui_text("load.strings.option", value=value, question=question.id),
                key_location(raw, value, text.path),
                suggest(str(value), values, ui_locale()),
            )
    options = []
    for option in question.options:
        label = raw.get(option.value) if raw is not None else None
        if label is None or not str(label).strip():
            text.missing.append((f"option:{question.id}:{option.value}", where))
            options.append(option)
        else:
            options.append(Option(option.value, str(label).strip()))
    return tuple(options)


def _step(step: Step, text: _Text) -> Step:
    item = text.item("steps", step.id, STEP_KEYS)
    where = text.where("steps", step.id, step.location)
    return replace(
        step,
        title=text.get(item, "title", step.title, f"step:{step.id}:title", where),
        intro=text.get(item, "intro", step.intro, f"step:{step.id}:intro", where),
    )


def _part_title(part: Part, text: _Text) -> str:
    if not part.title:
        return ""
    item = text.item("parts", part.id, PART_KEYS)
    return text.get(
        item, "title", part.title, f"part:{part.id}:title", text.where("parts", part.id, part.location)
    )


def translate_clause(source: Clause, path: Path, missing: Untranslated, library: Path) -> Clause:
    """``source`` with the text of the translated clause file at ``path`` (the source's, noted as
    missing, where the translation has none)."""
    if not present(path):
        missing.append((f"clause:{source.id}", Location(path, None)))
        return source
    data, body, body_line, _id = read_clause_file(
        path,
        CLAUSE_TEXT_KEYS,
        ui_text("load.what.translation_front_matter"),
        "load.translation.clause_id.hint",
        source_only=CLAUSE_KEYS - CLAUSE_TEXT_KEYS,
        within=library,
    )
    terms, definitions = load_terms(data, path)
    if source.terms and "terms" not in data:
        missing.append((f"terms:{source.id}", Location(path, 2)))
        terms, definitions = source.terms, source.definitions
    title = fields.text(data, "title", path, 2, required=False)
    if not title:
        missing.append((f"clause-title:{source.id}", Location(path, 2)))
    bodies = split_variants(body, body_line, path)
    labels = _variant_labels(data, source, path)
    variants = tuple(_variant(source, variant, bodies, labels, path, missing) for variant in source.variants)
    extra = sorted(set(bodies) - {v.id for v in source.variants})
    if extra and not (extra == [DEFAULT_VARIANT] and len(source.variants) > 1):
        raise LoadError(
            ui_text("load.translation.variant", variant=extra[0], clause=source.id),
            Location(path, bodies[extra[0]][1] - 1),
            ui_text("load.translation.variant.hint", variants=", ".join(v.id for v in source.variants)),
        )
    if extra:
        raise LoadError(
            ui_text("load.translation.blocks", clause=source.id),
            Location(path, body_line),
            ui_text("load.translation.blocks.hint", variant=source.variants[0].id),
        )
    return replace(
        source,
        title=title or source.title,
        path=path,
        location=Location(path, 1),
        variants=variants,
        terms=terms,
        definitions=definitions,
    )


def _variant_labels(data: CommentedMap, source: Clause, path: Path) -> dict[str, str]:
    raw = data.get("variants")
    if raw is None:
        return {}
    ids = [v.id for v in source.variants]
    if not isinstance(raw, CommentedMap):
        raise LoadError(
            ui_text("load.translation.labels"),
            key_location(data, "variants", path, 2),
            ui_text("load.write", example="variants: {<id>: {label: …}}"),
        )
    labels: dict[str, str] = {}
    for variant_id, spec in raw.items():
        where = key_location(raw, variant_id, path, 2)
        if str(variant_id) not in ids:
            raise LoadError(
                ui_text("load.translation.label_variant", variant=variant_id, clause=source.id),
                where,
                suggest(str(variant_id), ids, ui_locale()),
            )
        if isinstance(spec, CommentedMap) and "when" in spec:
            raise LoadError(
                ui_text("load.source_only", key="when"),
                key_location(spec, "when", path, 2),
                ui_text("load.translation.when.hint", file=source.path.name),
            )
        if isinstance(spec, CommentedMap):
            what = ui_text("load.what.variant", variant=variant_id)
            fields.check_keys(spec, {"label"}, path, what, first_line=2)
            labels[str(variant_id)] = fields.text(spec, "label", path, 2, required=False)
        elif spec is not None:
            labels[str(variant_id)] = str(spec).strip()
    return labels


def _variant(
    source: Clause,
    variant: Variant,
    bodies: dict[str, tuple[str, int]],
    labels: dict[str, str],
    path: Path,
    missing: Untranslated,
) -> Variant:
    found = bodies.get(variant.id)
    if found is None and len(source.variants) == 1:
        found = bodies.get(DEFAULT_VARIANT)
    if found is None or not found[0].strip():
        missing.append((f"variant:{source.id}:{variant.id}", Location(path, 1)))
        return variant
    text, line = found
    label = labels.get(variant.id) or variant.label
    return replace(variant, body=text, location=Location(path, line), label=label)


def example_answers(edition: Template, path: Path) -> tuple[dict[str, Any], dict[str, Location]]:
    """The answers of the file ``path`` as ``edition`` shows them. An example of the template
    (``examples/<name>.yaml``, a library file) has its text answers replaced by those of
    ``translations/<tag>/examples/<name>.yaml`` when there is one; any other answers file is read as
    it is.

    The translated file may only give text answers the source example gives too: choices, dates,
    numbers and yes/no are data, the same in every language.
    """
    from ..answers import load_answers_file  # validation's module: not for 'clausekit list'

    if path.resolve().parent != edition.examples_dir.resolve():
        return load_answers_file(path)
    raw, locations = load_answers_file(path, within=edition.path.parent)
    translated = example_translation(edition, path)
    if translated is None:
        return raw, locations
    words, places = load_answers_file(translated, within=edition.path.parent)
    for key, value in words.items():
        question = next((q for q in edition.questions if q.id == key), None)
        if question is None or question.type != QuestionType.TEXT or key not in raw:
            raise LoadError(
                ui_text("load.translation.example", key=key, file=path.name),
                places.get(key, Location(translated, 1)),
                ui_text("load.translation.example.hint", file=f"examples/{path.name}"),
            )
        raw[key] = value
        locations[key] = places.get(key, Location(translated, 1))
    return raw, locations


def example_translation(edition: Template, path: Path) -> Path | None:
    """``translations/<tag>/examples/<name>`` of an edition, if that file is there."""
    if not edition.is_edition:
        return None
    candidate = edition.path / TRANSLATIONS_DIR / edition.language / "examples" / path.name
    return candidate if present(candidate) else None
