"""The rule registry: one rule, one code, one documentation (the function's docstring)."""

from __future__ import annotations

import inspect
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING

from ..errors import Location
from ..model import Finding

if TYPE_CHECKING:
    from .context import CheckContext

SEVERITIES = ("error", "warning", "info")

RuleFunction = Callable[["CheckContext"], Iterable[Finding]]


@dataclass(frozen=True)
class Rule:
    """A registered check: a stable code, a kebab-case name, a severity and its documentation."""

    code: str
    name: str
    severity: str
    family: str
    function: RuleFunction | None  # None: findings made elsewhere (the loader, the silences)
    doc: str  # the documentation: what, why, example, how to fix

    @property
    def section(self) -> str:
        """The codes of its family: ``4xx``, or ``95x`` for a family inside a hundred."""
        return f"{self.code[2:4]}x" if self.code[2:4] in FAMILIES else f"{self.code[2]}xx"

    @property
    def summary(self) -> str:
        return self.doc.split("\n", 1)[0]

    def finding(self, message: str, location: Location | None = None, hint: str = "") -> Finding:
        return Finding(self.code, self.severity, message, location, hint)


FAMILIES = {
    "1": "Syntax",
    "2": "Variables",
    "3": "References",
    "4": "Variants",
    "5": "Output",
    "6": "Defined terms",
    "7": "Style (Dutch and English)",
    "8": "Approvals",
    "9": "Silences and coverage",
    "95": "Translations",  # a family of its own inside the 9xx codes
}

# Filled once, at import time of the rule modules; read-only afterwards.
_RULES: dict[str, Rule] = {}


def rule(code: str, name: str, severity: str) -> Callable[[RuleFunction], RuleFunction]:
    """Register the decorated function as rule `code`; its docstring is the documentation."""

    def register(function: RuleFunction) -> RuleFunction:
        _add(code, name, severity, function, function.__doc__)
        return function

    return register


def declare(code: str, name: str, severity: str, doc: str) -> Rule:
    """Register a rule whose findings are made outside a rule function (loader errors, silences)."""
    return _add(code, name, severity, None, doc)


def _add(code: str, name: str, severity: str, function: RuleFunction | None, doc: str | None) -> Rule:
    if code in _RULES:
        raise ValueError(f"rule {code} registered twice")
    if severity not in SEVERITIES:
        raise ValueError(f"rule {code}: unknown severity {severity}")
    if not doc or not doc.strip():
        raise ValueError(f"rule {code} has no documentation")
    family = FAMILIES.get(code[2:4]) or FAMILIES[code[2]]
    registered = Rule(code, name, severity, family, function, inspect.cleandoc(doc))
    _RULES[code] = registered
    return registered


def get(code: str) -> Rule:
    return _RULES[code]


def all_rules() -> Iterator[Rule]:
    """Every rule, ordered by code."""
    for code in sorted(_RULES):
        yield _RULES[code]


def selected(code: str, select: Iterable[str] | None, ignore: Iterable[str] | None) -> bool:
    """Whether `code` is on: prefixes allowed (`CK5` = every output rule), like ruff."""
    upper = code.upper()
    chosen = True if not select else any(upper.startswith(p.upper()) for p in select)
    return chosen and not any(upper.startswith(p.upper()) for p in ignore or ())
