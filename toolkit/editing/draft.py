"""Render a template with one variant's text (or condition) replaced: the unsaved edit, in memory.

:class:`DraftEngine` is the core's sandboxed :class:`~toolkit.render.Engine`; a draft is a copy of
the template's model with the edited variant replaced (never a temporary file), and only the edited
body is compiled again: the other bodies and conditions come from the compiled original.
"""

from __future__ import annotations

from dataclasses import replace
from enum import Enum

from ..model import Template
from ..render import Compiled, Engine


class Keep(Enum):
    KEEP = 0  # "leave the condition as it is"


KEEP = Keep.KEEP


def replaced(
    template: Template, clause_id: str, variant_id: str, body: str, when: str | Keep | None = KEEP
) -> Template:
    """A copy of ``template`` whose variant ``clause_id:variant_id`` has ``body`` (and ``when``)."""
    clause = template.clause(clause_id)
    old = clause.variant(variant_id)
    new = replace(old, body=body) if isinstance(when, Keep) else replace(old, body=body, when=when or None)
    new_clause = replace(clause, variants=tuple(new if v.id == variant_id else v for v in clause.variants))
    entries = tuple(
        replace(e, clause=new_clause) if e.clause.id == clause_id else e for e in template.entries
    )
    return replace(template, entries=entries)


class DraftEngine(Engine):
    """An engine that also renders drafts: the template with one variant edited, compiled cheaply."""

    def __init__(self) -> None:
        super().__init__()
        self._draft: Compiled | None = None

    def draft(
        self, template: Template, clause_id: str, variant_id: str, body: str, when: str | Keep | None = KEEP
    ) -> Template:
        """The edited copy of ``template``; a body that does not compile raises LoadError at its line."""
        base = super().compiled(template)
        draft = replaced(template, clause_id, variant_id, body, when)
        clause = draft.clause(clause_id)
        variant = clause.variant(variant_id)
        bodies = dict(base.bodies)
        bodies[(clause_id, variant_id)] = self.body(clause, variant)
        conditions = dict(base.conditions)
        if not isinstance(when, Keep):  # else the original's compiled condition holds
            key = (clause_id, variant_id)
            if variant.when:
                conditions[key] = self.condition(variant.when, variant.when_location or variant.location)
            else:
                conditions.pop(key, None)
        self._draft = Compiled(template=draft, bodies=bodies, conditions=conditions, questions=base.questions)
        return draft

    def compiled(self, template: Template) -> Compiled:
        if self._draft is not None and self._draft.template is template:
            return self._draft
        return super().compiled(template)
