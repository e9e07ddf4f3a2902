"""Import every family of rules, so that each registers itself (in code order)."""

from __future__ import annotations

from . import (  # noqa: F401
    approval_rules,
    output,
    references,
    silences,
    style,
    syntax,
    terms,
    translations,
    variables,
    variants,
)
