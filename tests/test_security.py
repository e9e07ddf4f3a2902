"""No clause body reaches beyond plain text: one test per escape route (threats.md, issue 11).

Modelled on Jinja's own ``tests/test_security.py``: every payload is a clause body planted in a
copy of the mini library and rendered through the real pipeline (``Library.render`` and the CLI).
A payload must either render harmless text or stop with a ``ClauseKitError`` naming the clause
file and line; a canary file must never be read into the output nor written.
"""

from __future__ import annotations

import datetime as dt
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import ROOT

from toolkit import ClauseKitError, Library
from toolkit.checks import check

BODY_LINE = 5  # the first body line of the planted doel.md (after four lines of front matter)
TOKEN = "kanarie-7f3a9c"


def plant(library: Path, body: str) -> Path:
    """Replace the body of doel.md (always included) with ``body``; return the file."""
    path = library / "mini" / "doel.md"
    path.write_text(f"---\nid: doel\ntitle: Doel\n---\n{body}\n", encoding="utf-8")
    return path


@pytest.fixture
def canary(tmp_path: Path) -> Path:
    path = tmp_path / "canary.txt"
    path.write_text(TOKEN, encoding="utf-8")
    return path


def render_text(library: Path) -> str:
    """The rendered document's text; raises the library's ClauseKitError when the render refuses."""
    lib = Library(library)
    answers = lib.validate("mini", {"naam": "ACME", "kanalen": ["linkedin", "x"]})
    document = lib.render("mini", answers)
    return "\n".join(sub.markdown for article in document.articles for sub in article.subclauses)


def assert_refused(library: Path, body: str) -> ClauseKitError:
    """The render stops with a clear error at the planted clause's file and line."""
    path = plant(library, body)
    with pytest.raises(ClauseKitError) as info:
        text = render_text(library)
        pytest.fail(f"rendered instead of refusing: {text[:300]!r}")
    error = info.value
    assert error.location is not None and error.location.path == path, str(error)
    assert error.location.line == BODY_LINE, str(error)
    assert error.hint, str(error)
    assert TOKEN not in str(error) and TOKEN not in (error.hint or "")
    return error


# -- the reported escape: helper objects exposing the file system ------------------------------
FILE_READS = [
    '{{ ref.template.path.joinpath("CANARY").read_text() }}',
    '{{ ref.clause.path.joinpath("CANARY").read_text() }}',
    '{{ ref.template.path.parent.joinpath("CANARY").read_bytes() }}',
    '{{ ref.__call__.__globals__["Path"]("CANARY").read_text() }}',
    "{{ ref.numbers }}{{ ref.template.id }}{{ ref.clause.id }}",
]


def test_helper_objects_write_no_file(mini_library: Path, tmp_path: Path) -> None:
    target = tmp_path / "evil.pth"
    assert_refused(mini_library, f'{{{{ ref.template.path.joinpath("{target}").write_text("import os") }}}}')
    assert not target.exists()


# -- the classic SSTI gadgets (Jinja's test_security.py, CVE payloads) --------------------------
GADGETS = [
    "{{ ref.__globals__ }}",
    "{{ ref.__closure__ }}",
    "{{ vorm.__globals__ }}",
    "{{ vorm.__code__ }}",
    "{{ vorm.__closure__[0].cell_contents }}",
    "{{ naam.__class__ }}",
    "{{ naam.__class__.__mro__[1].__subclasses__() }}",
    "{{ ''.__class__.__mro__ }}",
    "{{ [].__class__.__base__.__subclasses__() }}",
    "{{ kanalen.__class__ }}",
    "{{ start.__class__ }}",
    "{{ aantal.__class__.__subclasses__() }}",
    "{{ cycler.__init__.__globals__.os.popen('id').read() }}",
    "{{ cycler }}",
    "{{ joiner.__init__.__globals__ }}",
    "{{ joiner() }}",
    "{{ lipsum.__globals__['os'] }}",
    "{{ lipsum() }}",
    "{{ namespace.__init__.__globals__ }}",
    "{% set ns = namespace(a=1) %}{{ ns.a }}",
    "{{ dict(a=1) }}",
    "{{ range.__self__ }}",
    "{{ self.__init__.__globals__ }}",
    "{{ self._TemplateReference__context }}",
    "{% for x in [1] %}{{ loop.__class__.__init__.__globals__ }}{% endfor %}",
    "{% for x in [1] %}{{ loop.cycle.__globals__ }}{% endfor %}",
    "{% for x in [1] %}{{ loop._iterator }}{% endfor %}",
    "{% macro m() %}x{% endmacro %}{{ m._func.__globals__ }}",
    "{% macro m() %}x{% endmacro %}{{ m.__call__ }}",
    "{{ naam|attr('__class__') }}",
    "{{ ref|attr('template') }}",
    "{{ ref['template'] }}",
    "{{ ref['__globals__'] }}",
    "{{ naam['__class__'] }}",
    "{{ kanalen|map(attribute='__class__')|list }}",
    "{{ kanalen|map(attribute='__len__')|list }}",
    "{{ '{0.__class__}'.format(naam) }}",
    "{{ '{0}'.format(naam) }}",
    "{{ '{x.__class__}'.format_map({'x': naam}) }}",
    "{{ '%s and %r' % (naam, ref) }}",
    "{{ '%(a)s' % {'a': naam} }}",
    "{{ '%s'|format(naam) }}",
    "{{ naam.format }}",
    "{{ kanalen.append('evil') }}",
    "{{ start.replace(year=1) }}",
    "{{ naam.encode() }}",
    "{{ config }}",
    "{{ request }}",
    "{{ config.__class__ }}",
    '{% include "CANARY" %}',
    '{% import "CANARY" as x %}',
    '{% from "CANARY" import x %}',
    '{% extends "CANARY" %}',
]


@pytest.mark.parametrize("payload", FILE_READS + GADGETS)
def test_gadget_is_refused(mini_library: Path, canary: Path, payload: str) -> None:
    error = assert_refused(mini_library, payload.replace("CANARY", str(canary)))
    assert "<class" not in str(error) and "<function" not in str(error)


# -- every attribute of every value passed in ------------------------------------------------
def _function() -> None: ...


VALUES: dict[str, object] = {
    "naam": "ACME",
    "streng": False,
    "kanalen": ["linkedin", "x"],
    "aantal": 10,
    "start": dt.date(2027, 1, 1),
    "aanspreekvorm": "u",
    "vorm": _function,
    # ref was an object with .template/.clause/.numbers before issue 11: probe those too
    "ref": _function,
}
EXTRA = {"ref": ["template", "clause", "numbers", "calls"], "vorm": []}
# Methods a clause may call: they return new plain values and touch nothing else.
HARMLESS = {
    "upper", "lower", "title", "capitalize", "strip", "lstrip", "rstrip", "startswith", "endswith",
    "split", "count", "index", "year", "month", "day", "weekday", "isoweekday",
}  # fmt: skip


def test_every_attribute_of_every_value_is_refused_or_harmless(mini_library: Path) -> None:
    probes = [
        (name, attribute)
        for name, value in VALUES.items()
        for attribute in sorted(set(dir(value)) | set(EXTRA.get(name, [])))
    ]
    lines = [f"{name}.{attribute} {{{{ {name}.{attribute} is defined }}}}" for name, attribute in probes]
    plant(mini_library, "\n\n".join(lines))
    text = render_text(mini_library)
    reachable = {line.split(" ")[0] for line in text.split("\n") if line.endswith(" ja")}
    assert len(reachable) + text.count(" nee") == len(probes), text[:500]
    harmful = sorted(r for r in reachable if r.split(".")[1].replace("\\", "") not in HARMLESS)
    assert not harmful, f"attributes reachable from a clause: {harmful}"


def test_harmless_methods_still_work(mini_library: Path) -> None:
    plant(
        mini_library,
        "{{ naam.upper() }} {{ naam.lower() }} {{ start.year }} {{ kanalen|length }} "
        "{{ kanalen|join('/') }} {{ 'x' if naam.startswith('AC') }} {{ aantal * 2 }} {{ aantal % 3 }} "
        "{% for k in kanalen %}[{{ loop.index }}{{ k|upper }}]{% endfor %} {{ start|datum }} "
        "{{ kanalen|opsomming }} {{ vorm('je', 'u') }} {{ ref('geheim') }}",
    )
    text = render_text(mini_library)
    assert (
        "ACME acme 2027 2 linkedin/x x 20 1 [1LINKEDIN][2X] 1 januari 2027 linkedin en x u "
        "[artikel 2](#ck-geheim)" in text
    )


def test_context_refuses_values_that_are_not_plain(mini_library: Path) -> None:
    """Answers reach a clause only as str, int, float, bool, date or a list of text."""
    lib = Library(mini_library)
    answers = lib.validate("mini", {"naam": "ACME"})
    template = lib.template("mini")
    with pytest.raises(ClauseKitError, match="naam"):
        lib.engine.context(template, type(answers)("mini", {**answers.values, "naam": Path("/etc")}))


# -- through the command line: file:line, a hint, exit 1, never a traceback, never the canary ----
@pytest.mark.parametrize(
    "payload",
    [
        '{{ ref.template.path.joinpath("CANARY").read_text() }}',
        "{{ cycler.__init__.__globals__.os.popen('cat CANARY').read() }}",
        "{{ '{0.__class__}'.format(naam) }}",
        '{% include "CANARY" %}',
    ],
)
def test_cli_refuses_with_location_and_hint(
    mini_library: Path, canary: Path, tmp_path: Path, payload: str
) -> None:
    path = plant(mini_library, payload.replace("CANARY", str(canary)))
    answers = tmp_path / "answers.yaml"
    answers.write_text("naam: ACME\n", encoding="utf-8")
    out = tmp_path / "out"
    result = subprocess.run(
        [sys.executable, "-m", "toolkit", "render", "mini", "--library", str(mini_library),
         "--answers", str(answers), "--to", "md,html", "-o", str(out), "--lang", "en"],
        cwd=ROOT, capture_output=True, text=True, timeout=120,
    )  # fmt: skip
    assert result.returncode == 1, result.stdout + result.stderr
    assert f"{path}:{BODY_LINE}" in result.stderr
    assert "hint:" in result.stderr
    assert "the id of a question" not in result.stderr  # the hint says what clauses may use instead
    assert "Traceback" not in result.stderr
    assert TOKEN not in result.stdout + result.stderr
    written = [p.read_text(encoding="utf-8") for p in out.glob("*")] if out.exists() else []
    assert not any(TOKEN in text for text in written)


# -- the check rule ------------------------------------------------------------------------------
@pytest.mark.parametrize(
    "payload",
    [
        '{{ ref.template.path.joinpath("/etc/hostname").read_text() }}',
        "{{ vorm.__globals__ }}",
        "{{ naam.__class__ }}",
        "{{ naam|attr('upper') }}",
        "{{ '%s' % naam }}",
        "{{ '{}'.format(naam) }}",
        "{{ cycler }}",
        "{{ lipsum(5) }}",
        "{{ range(10**9)|length }}",
    ],
)
def test_check_reports_the_payload(mini_library: Path, payload: str) -> None:
    path = plant(mini_library, payload)
    result = check(Library(mini_library), "mini")
    errors = [f for f in result.findings if f.severity == "error" and f.location and f.location.path == path]
    assert errors, [f"{f.code} {f.message}" for f in result.findings]
    assert any(f.location is not None and f.location.line == BODY_LINE for f in errors)
