"""Findings as text (grouped by file), JSON, GitHub workflow annotations, and the rules as Markdown."""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any

from ..locales import Locale, ui_locale
from ..model import Finding
from .registry import FAMILIES, all_rules, get

FORMATS = ("text", "json", "github")
SEVERITIES = ("error", "warning", "info")


def _counts(findings: Sequence[Finding]) -> dict[str, int]:
    return {s: sum(1 for f in findings if f.severity == s) for s in SEVERITIES}


def summary_line(template_id: str, findings: Sequence[Finding], words: Locale) -> str:
    """``mini: 0 errors, 1 warning, 0 infos`` in the words of the interface."""
    counts = _counts(findings)
    return words.text(
        "check.summary",
        template=template_id,
        counts=", ".join(words.plural(f"check.summary.{s}", counts[s]) for s in SEVERITIES),
    )


def as_text(results: Sequence[Any], ui: Locale | None = None) -> str:
    """Readable in a terminal: per file its findings by line, then a line per template; in the words
    of ``ui`` (default: the interface's locale)."""
    words = ui or ui_locale()
    severity = {s: words.text(f"severity.{s}") for s in SEVERITIES}
    width = max(len(word) for word in severity.values())
    out: list[str] = []
    for result in results:
        by_file: dict[str, list[Finding]] = {}
        for finding in result.findings:
            by_file.setdefault(
                str(finding.location.path) if finding.location else result.template_id, []
            ).append(finding)
        for path, findings in by_file.items():
            out.append(path)
            for f in findings:
                where = ""
                if f.location and f.location.line is not None:
                    where = f"{f.location.line}" + (f":{f.location.column}" if f.location.column else "")
                shown = severity.get(f.severity, f.severity)
                out.append(f"  {where:>7}  {shown:<{width}}  {f.code} {get(f.code).name}: {f.message}")
                if f.hint:
                    out.append(f"  {'':>7}  {'':<{width}}  hint: {f.hint}")
            out.append("")
        line = summary_line(result.template_id, result.findings, words)
        if result.coverage is not None:
            line += f"\n  {result.describe_coverage()}"
        out.append(line)
    return "\n".join(out) + "\n"


def finding_json(finding: Finding) -> dict[str, Any]:
    loc = finding.location
    return {
        "code": finding.code,
        "name": get(finding.code).name,
        "severity": finding.severity,
        "message": finding.message,
        "path": str(loc.path) if loc else None,
        "line": loc.line if loc else None,
        "column": loc.column if loc else None,
        "hint": finding.hint,
    }


def as_json(results: Sequence[Any]) -> str:
    every = [f for r in results for f in r.findings]
    data = {
        "templates": [
            {
                "template": r.template_id,
                "coverage": r.coverage,
                "findings": [finding_json(f) for f in r.findings],
            }
            for r in results
        ],
        "summary": _counts(every),
    }
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


def _escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(text: str) -> str:
    return _escape_data(text).replace(":", "%3A").replace(",", "%2C")


def as_github(results: Sequence[Any]) -> str:
    """GitHub Actions workflow commands: `::error file=…,line=…,title=CK…::message`."""
    lines = []
    for result in results:
        for f in result.findings:
            command = {"error": "error", "warning": "warning"}.get(f.severity, "notice")
            props = []
            if f.location:
                props.append(f"file={_escape_property(str(f.location.path))}")
                if f.location.line is not None:
                    props.append(f"line={f.location.line}")
                if f.location.column is not None:
                    props.append(f"col={f.location.column}")
            props.append("title=" + _escape_property(f"{f.code} {get(f.code).name}"))
            message = f.message + (f"\nhint: {f.hint}" if f.hint else "")
            lines.append(f"::{command} {','.join(props)}::{_escape_data(message)}")
    return "\n".join(lines) + ("\n" if lines else "")


def rules_text() -> str:
    """Every rule with its documentation, for `clausekit rules`."""
    out = []
    for r in all_rules():
        out.append(f"{r.code} {r.name} ({r.severity})")
        out.extend("    " + line if line else "" for line in r.doc.splitlines())
        out.append("")
    return "\n".join(out)


def rules_markdown() -> str:
    """docs/rules.md: generated from the rule docstrings (`clausekit rules --markdown`)."""
    out = [
        "# The rules of `clausekit check`",
        "",
        "<!-- Generated by `clausekit rules --markdown > docs/rules.md` from the rule docstrings"
        " in toolkit/checks/. Do not edit by hand. -->",
        "",
        "Every finding names its rule. Switch rules off with `--ignore CODES` (prefixes allowed:"
        " `--ignore CK7`), per template with `ignore: [CK702]` in `checks.yaml` beside"
        " `template.yaml`, or for one line with a comment that gives the reason, on the line"
        " itself or on its own line just above it:",
        "",
        "```",
        "{# clausekit: ignore CK503 reden: de dubbele spatie staat zo in de wettekst #}",
        "```",
        "",
        "| code | name | severity | what |",
        "| --- | --- | --- | --- |",
    ]
    rules = list(all_rules())
    for r in rules:
        summary = r.summary.replace("|", "\\|")
        out.append(f"| [{r.code}](#{r.code.lower()}-{r.name}) | {r.name} | {r.severity} | {summary} |")
    family = ""
    for r in rules:
        if r.family != family:
            family = r.family
            out += ["", f"## {r.section} {family}"]
        out += ["", f"### {r.code} {r.name}", "", f"Severity: **{r.severity}**.", "", r.doc]
    assert set(FAMILIES.values()) >= {r.family for r in rules}
    return "\n".join(out) + "\n"
