"""Tables in clause text: pandoc's pipe and grid tables, recognised once for every stage.

The core splits articles into sub-clauses (a table is never a sub-clause of its own), the HTML writer
draws them, and the checks look only at what a reader sees in a cell (never at the padding, the
pipes or the alignment row). pandoc reads the same Markdown for DOCX and PDF.
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass
from typing import Literal

Align = Literal["", "left", "center", "right"]

_RULE_CHARACTERS = frozenset("|:- \t")
_CAPTION = re.compile(r"(?:Table)?:[ \t]")  # pandoc's caption, in the block right under a table
# A grid table's border (first and last line, and between rows): +---+---+, the header's +===+.
_GRID_RULE = re.compile(r"^[ \t]*\+(?:[-=:]+\+)+[ \t]*$")
# A pipe row's cells: an escaped character, a pipe, or a run of anything else.
_PIPE_TOKEN = re.compile(r"\\.|\||[^\\|]+", re.S)
_ROW = re.compile(r"([\ue000-\uf8ff]*)(.*?)([\ue000-\uf8ff]*)", re.S)  # private-use marks around a row


@dataclass(frozen=True)
class Table:
    """A table as its cells' Markdown: ``header`` is empty when the table has none."""

    header: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    aligns: tuple[Align, ...]
    grid: bool  # a grid table's cells hold blocks (paragraphs, lists), a pipe table's one line


def _is_rule(line: str) -> bool:
    """A pipe table's alignment row: only pipes, colons, dashes and spaces, with a pipe and a dash.

    (Set arithmetic, not a regular expression: a long line of spaces must cost one pass, not n².)
    """
    return "|" in line and "-" in line and set(line) <= _RULE_CHARACTERS


def is_table(block: str) -> bool:
    """Whether a block (text between blank lines) is a pipe or a grid table."""
    lines = block.strip("\n").split("\n")
    if _GRID_RULE.match(lines[0]):
        return True
    if _is_rule(lines[0]):
        return True  # a table without a header row
    return len(lines) > 1 and "|" in lines[0] and _is_rule(lines[1])


def is_caption(block: str, previous: str | None) -> bool:
    """Whether ``block`` is the caption of the table ``previous`` (``: Partijen`` right under it)."""
    return previous is not None and bool(_CAPTION.match(block)) and is_table(previous)


def split_before_tables(block: str) -> list[str]:
    """A block whose paragraph runs straight into a table, as the paragraph and the table.

    pandoc only sees a table after a blank line (markdown-it also without one): separating them
    makes every output agree that the table is a table.
    """
    lines = block.split("\n")
    for i in range(1, len(lines)):
        header = i + 1 < len(lines) and "|" in lines[i] and _is_rule(lines[i + 1])
        if _GRID_RULE.match(lines[i]) or header:
            if is_table("\n".join(lines[:i])):
                return [block]
            return ["\n".join(lines[:i]), "\n".join(lines[i:])]
    return [block]


def prefix_first_paragraph(markdown: str, prefix: str) -> str:
    """``markdown`` with ``prefix`` (a sub-clause's number) before its first block that is not a table
    (or a table's caption)."""
    blocks = markdown.split("\n\n")
    for i, block in enumerate(blocks):
        if not is_table(block) and not is_caption(block, blocks[i - 1] if i else None):
            blocks[i] = prefix + block
            return "\n\n".join(blocks)
    return "\n\n".join([prefix.strip(), *blocks])


def _pipe_cells(line: str) -> list[str]:
    """A row's cells; private-use characters outside the outer pipes (the studio's logic markers) are
    kept, in the first or last cell."""
    row = _ROW.fullmatch(line.strip())
    assert row is not None  # every part of the pattern may be empty
    before, line, after = row.group(1), row.group(2).strip(), row.group(3)
    cells, current = [], ""
    for token in _PIPE_TOKEN.findall(line):
        if token == "|":
            cells.append(current)
            current = ""
        else:
            current += token
    cells.append(current)
    if line.startswith("|"):
        cells = cells[1:]
    if line.endswith("|") and not line.endswith("\\|") and len(cells) > 1:
        cells = cells[:-1]
    cells = [c.strip() for c in cells]
    cells[0], cells[-1] = before + cells[0], cells[-1] + after
    return cells


def _align(rule: str) -> Align:
    rule = rule.strip()
    left, right = rule.startswith(":"), rule.endswith(":")
    return "center" if left and right else "left" if left else "right" if right else ""


def _pipe_table(lines: list[str]) -> Table:
    headless = _is_rule(lines[0])
    rule = 0 if headless else 1
    aligns = tuple(_align(c) for c in _pipe_cells(lines[rule]))
    width = len(aligns)

    def fit(cells: list[str]) -> tuple[str, ...]:
        return tuple((cells + [""] * width)[:width])

    header = () if headless else fit(_pipe_cells(lines[0]))
    return Table(header, tuple(fit(_pipe_cells(line)) for line in lines[rule + 1 :]), aligns, grid=False)


def _grid_table(lines: list[str]) -> Table:
    first = lines[0].strip()
    bounds = [i for i, char in enumerate(first) if char == "+"]
    columns = list(itertools.pairwise(bounds))
    aligns: tuple[Align, ...] = tuple("" for _ in columns)
    rows: list[tuple[str, ...]] = []
    header: tuple[str, ...] = ()
    current: list[list[str]] = [[] for _ in columns]
    for raw in lines[1:]:
        line = raw.strip()
        if _GRID_RULE.match(line):
            row = tuple("\n".join(cell).strip() for cell in current)
            if "=" in line:
                header = row
                aligns = tuple(_align(line[a + 1 : b]) for a, b in columns)
            else:
                rows.append(row)
            current = [[] for _ in columns]
            continue
        for cell, (a, b) in zip(current, columns, strict=True):
            cell.append(line[a + 1 : b].strip())
    return Table(header, tuple(rows), aligns, grid=True)


def parse_table(block: str) -> Table:
    """The cells of a block that :func:`is_table` accepts."""
    lines = [line for line in block.strip("\n").split("\n") if line.strip()]
    return _grid_table(lines) if _GRID_RULE.match(lines[0]) else _pipe_table(lines)


def table_blocks(text: str) -> list[tuple[int, int]]:
    """The (start, end) offsets of every table block in ``text``."""
    spans: list[tuple[int, int]] = []
    lines: list[str] = []
    position = start = 0
    for line in [*text.split("\n"), ""]:
        if line.strip():
            start = start if lines else position
            lines.append(line)
        elif lines:
            for block in split_before_tables("\n".join(lines)):
                if is_table(block):
                    spans.append((start, start + len(block)))
                start += len(block) + 1
            lines = []
        position += len(line) + 1
    return spans


def cell_text_only(text: str) -> str:
    """``text`` with each table's structure (pipes, borders, alignment rows, padding) blanked out.

    Offsets are kept (every structural character becomes a newline), so a finding in the result
    points at the same place in ``text``: checks on spacing see what a reader sees in the cells.
    """
    chars = list(text)
    for start, end in table_blocks(text):
        position = start
        for line in text[start:end].split("\n"):
            keep = [False] * len(line)
            if not (_is_rule(line) or _GRID_RULE.match(line)):
                for cell in re.finditer(r"(?:\\.|[^|\\])+", line):
                    content = cell.group()
                    left = len(content) - len(content.lstrip())
                    right = len(content.rstrip())
                    for i in range(cell.start() + left, cell.start() + right):
                        keep[i] = True
            for i, kept in enumerate(keep):
                if not kept:
                    chars[position + i] = "\n"
            position += len(line) + 1
    return "".join(chars)
