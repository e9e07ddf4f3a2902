"""Import every family of rules, so that each registers itself."""

from __future__ import annotations

from . import syntax  # noqa: F401
