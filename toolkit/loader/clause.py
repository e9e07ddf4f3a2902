"""A clause file → :class:`Clause`: YAML front matter, then one body per ``::: variant`` block."""

from __future__ import annotations

import re
from pathlib import Path

from ..errors import LoadError, Location
from ..locales import ui_locale, ui_text
from ..model import ARTICLE, GENERATE, KINDS, Clause, Variant
from ..suggest import suggest
from ..yamlio import CommentedMap, key_location, load_yaml, read_source
from . import fields

DEFAULT_VARIANT = "default"
CLAUSE_KEYS = {"id", "title", "terms", "variants", "kind", "heading", "lettered", "generate"}
VARIANT_KEYS = {"when", "label"}

_VARIANT_OPEN = re.compile(r"^:::\s*variant\s+(?P<id>\S+)\s*$")
_VARIANT_CLOSE = re.compile(r"^:::\s*$")


def split_front_matter(text: str, path: Path) -> tuple[str, str, int]:
    """Split a clause file into front matter, body and the body's first line number."""
    lines = text.splitlines(keepends=True)
    if not lines or lines[0].strip() != "---":
        raise LoadError(
            ui_text("load.front_matter.missing"), Location(path, 1), ui_text("load.front_matter.missing.hint")
        )
    for index in range(1, len(lines)):
        if lines[index].strip() == "---":
            return "".join(lines[1:index]), "".join(lines[index + 1 :]), index + 2
    raise LoadError(
        ui_text("load.front_matter.open"), Location(path, 1), ui_text("load.front_matter.open.hint")
    )


def read_clause_file(
    path: Path,
    allowed: set[str],
    what: str,
    hint: str,
    source_only: set[str] | None = None,
    within: Path | None = None,
) -> tuple[CommentedMap, str, int, str]:
    """A clause file's front matter (only ``allowed`` keys, ``what`` naming it in the interface's
    words), body, body's first line and clause id (the file name unless ``id`` is given, which must
    then equal it: else the error's hint is the text named ``hint``, fields ``id`` and ``stem``). A
    translation names in ``source_only`` the keys that only the source-language file may set. The
    file must lie in the library folder ``within`` (default: the folder above its own, as for
    ``<library>/<template>/x.md``)."""
    text = read_source(path, within=within or path.parent.parent)
    front, body, body_line = split_front_matter(text, path)
    data = load_yaml(front, path, first_line=2)
    if not isinstance(data, CommentedMap):
        raise LoadError(
            ui_text("load.front_matter.mapping"), Location(path, 2), ui_text("load.front_matter.mapping.hint")
        )
    for key in (str(k) for k in data if str(k) in (source_only or ())):
        raise LoadError(
            ui_text("load.source_only", key=key),
            key_location(data, key, path, 2),
            ui_text("load.source_only.hint", key=key, file=path.name),
        )
    fields.check_keys(data, allowed, path, what, first_line=2)
    clause_id = fields.text(data, "id", path, 2, required=False) or path.stem
    if clause_id != path.stem:
        raise LoadError(
            ui_text("load.clause_id", id=clause_id, file=path.name),
            key_location(data, "id", path, 2),
            ui_text(hint, id=clause_id, stem=path.stem),
        )
    return data, body, body_line, clause_id


def load_clause(path: Path, shared: bool = False) -> Clause:
    """Load one clause file: front matter (YAML) and one body per variant."""
    data, body, body_line, clause_id = read_clause_file(
        path, CLAUSE_KEYS, ui_text("load.what.front_matter"), "load.clause_id.hint"
    )
    terms, definitions = load_terms(data, path)
    kind = str(data.get("kind", ARTICLE))
    if kind not in KINDS:
        raise LoadError(
            ui_text("load.kind", kind=kind),
            key_location(data, "kind", path, 2),
            ui_text("load.one_of", names=", ".join(KINDS), suggestion=suggest(kind, KINDS, ui_locale())),
        )
    heading, lettered = _flag(data, "heading", path, True), _flag(data, "lettered", path, False)
    if lettered and kind != "recitals":
        raise LoadError(
            ui_text("load.lettered", kind=kind),
            key_location(data, "lettered", path, 2),
            ui_text("load.lettered.hint"),
        )
    generate = str(data.get("generate") or "")
    if generate and (kind != "definitions" or generate not in GENERATE):
        raise LoadError(
            ui_text("load.generate", generate=generate, options=", ".join(GENERATE)),
            key_location(data, "generate", path, 2),
            ui_text("load.generate.hint"),
        )
    bodies = split_variants(body, body_line, path)
    variants = _load_variants(data, bodies, path)
    return Clause(
        id=clause_id,
        title=fields.text(data, "title", path, 2),
        path=path,
        location=Location(path, 1),
        variants=variants,
        terms=terms,
        shared=shared,
        kind=kind,
        heading=heading,
        lettered=lettered,
        definitions=definitions,
        generate=generate,
    )


def _flag(data: CommentedMap, key: str, path: Path, default: bool) -> bool:
    value = data.get(key, default)
    if not isinstance(value, bool):
        raise LoadError(
            ui_text("load.flag", key=key, value=value),
            key_location(data, key, path, 2),
            ui_text("load.flag.hint", key=key),
        )
    return value


def load_terms(data: CommentedMap, path: Path) -> tuple[tuple[str, ...], tuple[tuple[str, str], ...]]:
    """``terms: [Werkgever, …]``, or ``terms: {Werkgever: "de organisatie …"}`` with definitions."""
    raw = data.get("terms") or []
    if isinstance(raw, CommentedMap):
        pairs = []
        for term, definition in raw.items():
            if not isinstance(definition, str) or not definition.strip():
                raise LoadError(
                    ui_text("load.definition", term=term),
                    key_location(raw, term, path, 2),
                    ui_text("load.write", example=f'{term}: "de … die …"'),
                )
            pairs.append((str(term), " ".join(definition.split())))
        return tuple(t for t, _d in pairs), tuple(pairs)
    if not isinstance(raw, list):
        raise LoadError(
            ui_text("load.terms"),
            key_location(data, "terms", path, 2),
            ui_text(
                "load.terms.hint",
                list="terms: [Werkgever, …]",
                mapping='terms: {Werkgever: "de organisatie …"}',
            ),
        )
    return tuple(str(t) for t in raw), ()


def split_variants(body: str, first_line: int, path: Path) -> dict[str, tuple[str, int]]:
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
                        ui_text("load.variant.two_bodies", variant=current),
                        Location(path, number),
                        ui_text("load.variant.two_bodies.hint"),
                        kind="duplicate",
                    )
            elif line.strip():
                raise LoadError(
                    ui_text("load.variant.outside"),
                    Location(path, number),
                    ui_text("load.variant.outside.hint"),
                )
        elif _VARIANT_CLOSE.match(line.strip()):
            bodies[current] = ("".join(collected), start)
            current = None
        elif opening:
            raise LoadError(
                ui_text("load.variant.nested", variant=opening["id"], open=current),
                Location(path, number),
                ui_text("load.variant.nested.hint"),
            )
        else:
            collected.append(line)
    if current is not None:
        raise LoadError(
            ui_text("load.variant.open", variant=current),
            Location(path, start - 1),
            ui_text("load.variant.open.hint"),
        )
    return bodies


def _load_variants(data: CommentedMap, bodies: dict[str, tuple[str, int]], path: Path) -> tuple[Variant, ...]:
    declared = data.get("variants")
    if declared is None:
        if set(bodies) != {DEFAULT_VARIANT}:
            raise LoadError(
                ui_text("load.variants.undeclared"),
                Location(path, 2),
                ui_text("load.variants.undeclared.hint"),
            )
        text, line = bodies[DEFAULT_VARIANT]
        return (Variant(id=DEFAULT_VARIANT, body=text, location=Location(path, line)),)
    location = key_location(data, "variants", path, 2)
    if not isinstance(declared, CommentedMap) or not declared:
        raise LoadError(
            ui_text("load.variants.mapping"),
            location,
            ui_text("load.write_eg", example="variants: {standaard: {when: …}, streng: {when: …}}"),
        )
    variants: list[Variant] = []
    for variant_id, spec in declared.items():
        spec_location = key_location(declared, variant_id, path, 2)
        if spec is not None and not isinstance(spec, CommentedMap):
            raise LoadError(
                ui_text("load.variant.mapping", variant=variant_id),
                spec_location,
                ui_text("load.variant.mapping.hint"),
            )
        if isinstance(spec, CommentedMap):
            what = ui_text("load.what.variant", variant=variant_id)
            fields.check_keys(spec, VARIANT_KEYS, path, what, first_line=2)
        when, when_location = fields.when(spec, path, 2)
        if str(variant_id) not in bodies:
            raise LoadError(
                ui_text("load.variant.no_body", variant=variant_id),
                spec_location,
                ui_text("load.variant.no_body.hint", variant=variant_id),
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
            ui_text("load.variant.undeclared", variant=extra),
            Location(path, bodies[extra][1] - 1),
            ui_text("load.variant.undeclared.hint", variant=extra),
        )
    return tuple(variants)
