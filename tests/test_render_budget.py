"""Every render is bounded in time, output and loop iterations (issue 11, part 2).

Each denial-of-service payload runs in a subprocess under a timeout, so a regression fails the test
instead of hanging the suite; the command must stop with ``file:line``, a ``hint:`` and exit 1.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from conftest import ROOT

from toolkit import ClauseKitError, Library
from toolkit.checks.config import load_config

BODY_LINE = 5
TIMEOUT = 30  # seconds; the limits stop each payload within a couple of seconds

DOS = {
    "nested-range": "{% for i in range(100000) %}{% for j in range(100000) %}{% endfor %}{% endfor %}",
    "nested-small-ranges": (
        "{% for i in range(900) %}{% for j in range(900) %}{% for k in range(900) %}"
        "{% endfor %}{% endfor %}{% endfor %}"
    ),
    "join-bomb": "{{ range(100000)|join(' '*100000)|length }}",
    "join-bomb-small-range": "{{ range(1000)|join(' '*90000)|length }}",
    "center": "{{ 'a'|center(10**9) }}",
    "indent": "{{ 'a\\nb\\nc'|indent(10**9) }}",
    "replace": "{{ ('a' * 90000)|replace('a', 'b' * 90000)|length }}",
    "wordwrap": "{{ ('a ' * 40000)|wordwrap(1)|wordwrap(1)|length }}",
    "lipsum": "{{ lipsum(10**7) }}",
    "repeat": "{{ 'a' * 10**9 }}",
    "power": "{{ 10**10000 }}",
    "power-tower": "{{ ((9**60)**60)**60 }}",
    "concat-doubling": (
        "{% macro d(s, n) %}{{ d(s ~ s, n - 1) if n else s|length }}{% endmacro %}{{ d('ab', 60) }}"
    ),
    "plus-doubling": (
        "{% macro d(s, n) %}{{ d(s + s, n - 1) if n else s|length }}{% endmacro %}{{ d('ab', 60) }}"
    ),
    "recursive-macro": "{% macro f() %}{{ f() }}{% endmacro %}{{ f() }}",
    "exponential-macro": (
        "{% macro f(n) %}{% if n %}{{ f(n - 1) }}{{ f(n - 1) }}{% endif %}{% endmacro %}{{ f(60) }}"
    ),
    "output-flood": "{% for i in range(1000) %}{{ ('x' * 90000) }}{% endfor %}",
    "string-loop": "{% for a in naam * 9000 %}{% for b in naam * 9000 %}{% endfor %}{% endfor %}",
    "percent-format": "{{ '%999999999s' % 'a' }}",
    "recursive-loop": "{% for x in [[1]] recursive %}{{ loop(x) }}{% endfor %}",
}


def plant(library: Path, body: str) -> Path:
    path = library / "mini" / "doel.md"
    path.write_text(f"---\nid: doel\ntitle: Doel\n---\n{body}\n", encoding="utf-8")
    return path


def run_cli(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "toolkit", *args], cwd=ROOT, capture_output=True, text=True, timeout=TIMEOUT
    )


@pytest.mark.parametrize("name", sorted(DOS))
def test_render_stops_within_budget(mini_library: Path, tmp_path: Path, name: str) -> None:
    path = plant(mini_library, DOS[name])
    answers = tmp_path / "answers.yaml"
    answers.write_text("naam: ACME\n", encoding="utf-8")
    result = run_cli(
        "render", "mini", "--library", str(mini_library), "--answers", str(answers), "--to", "md",
        "-o", str(tmp_path / "out"),
    )  # fmt: skip
    assert result.returncode == 1, (result.returncode, result.stdout[-500:], result.stderr[-2000:])
    assert f"{path}:{BODY_LINE}" in result.stderr, result.stderr[-2000:]
    assert "hint:" in result.stderr
    assert "Traceback" not in result.stderr
    assert len(result.stderr) < 5000


@pytest.mark.parametrize(
    "name", ["nested-range", "join-bomb", "center", "exponential-macro", "recursive-macro"]
)
def test_check_stops_within_budget(mini_library: Path, name: str) -> None:
    """`clausekit check` renders the bodies too: the same limits hold there (a finding, no hang)."""
    path = plant(mini_library, DOS[name])
    result = run_cli("check", "mini", "--library", str(mini_library))
    assert result.returncode == 1, (result.stdout[-2000:], result.stderr[-2000:])
    assert str(path) in result.stdout + result.stderr
    assert "Traceback" not in result.stderr


def test_a_legal_loop_still_renders(mini_library: Path) -> None:
    plant(mini_library, "{% for i in range(200) %}{{ i }},{% endfor %} {{ 'x'|center(20)|length }}")
    lib = Library(mini_library)
    document = lib.render("mini", lib.validate("mini", {"naam": "ACME"}))
    text = document.articles[0].subclauses[0].markdown
    assert "198,199, 20" in text


def test_limit_error_names_file_line_and_hint(mini_library: Path) -> None:
    path = plant(mini_library, "Tekst.\n{{ 'a'|center(10**9) }}")
    lib = Library(mini_library)
    with pytest.raises(ClauseKitError) as info:
        lib.render("mini", lib.validate("mini", {"naam": "ACME"}))
    assert info.value.location is not None
    assert (info.value.location.path, info.value.location.line) == (path, BODY_LINE + 1)
    assert info.value.hint


@pytest.mark.parametrize("setting", ["sample: 1000000000", "bound: 100000000000000"])
def test_checks_yaml_caps(mini_library: Path, setting: str) -> None:
    config = mini_library / "mini" / "checks.yaml"
    config.write_text(f"ignore: []\n{setting}\n", encoding="utf-8")
    with pytest.raises(ClauseKitError) as info:
        load_config(mini_library / "mini")
    assert info.value.location is not None and info.value.location.line == 2
    assert info.value.hint
    result = run_cli("check", "mini", "--library", str(mini_library))
    assert result.returncode == 1
    assert str(config) in result.stdout and " 2:1 " in result.stdout  # grouped by file, then line:column
    assert "Traceback" not in result.stderr


@pytest.mark.parametrize("flag", [["--sample", "1000000000"], ["--bound", "100000000000000"]])
def test_check_flags_are_capped(mini_library: Path, flag: list[str]) -> None:
    result = run_cli("check", "mini", "--library", str(mini_library), *flag)
    assert result.returncode in (1, 2), result.stdout[-1000:]
    assert "hint:" in result.stderr + result.stdout
    assert "Traceback" not in result.stderr


def test_a_document_past_pandocs_memory_limit_is_a_clear_error_not_a_bug_report(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A paragraph past pandoc's heap limit (5 MB for the real 512 MB; here 32 MB and 500 kB, to be
    quick) is said as such, with what to do, not as a bug (found by benchmarks/threats.py)."""
    from toolkit.publish import pandoc
    from toolkit.publish.pdf import markdown_to_typst

    monkeypatch.setattr(pandoc, "MEMORY_LIMIT", "-M32M")
    with pytest.raises(pandoc.PandocError) as caught:
        markdown_to_typst("Tekst " + "abc def ghi " * 45_000)
    assert "memory limit (32MB)" in caught.value.message and "bug" not in caught.value.format()
