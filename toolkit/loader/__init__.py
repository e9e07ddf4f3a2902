"""The library's files → model objects, with file:line on every error.

``template.py`` reads template.yaml (questions, steps, the clause list), ``clause.py`` a clause file
(front matter and variant bodies), ``fields.py`` the typed fields both read. Files are read through
:mod:`toolkit.yamlio`, which bounds their size, encoding and YAML.
"""

from __future__ import annotations

from .clause import DEFAULT_VARIANT, load_clause, split_front_matter
from .template import SHARED_DIR, TEMPLATE_FILE, TemplateInfo, load_template, read_info

__all__ = [
    "DEFAULT_VARIANT",
    "SHARED_DIR",
    "TEMPLATE_FILE",
    "TemplateInfo",
    "load_clause",
    "load_template",
    "read_info",
    "split_front_matter",
]
