"""Every seed and every recorded crash of the fuzzers, replayed through its target (tests/fuzz/).

A crash the fuzzer found stays fixed here, in the ordinary suite. Crashes whose fix is still on
its way (tests/fuzz/known.py) are expected failures until it lands; then the entry goes.
"""

from __future__ import annotations

import importlib
import sys
from collections.abc import Iterator
from pathlib import Path
from types import ModuleType

import pytest
from conftest import ROOT

FUZZ = ROOT / "tests" / "fuzz"
TARGETS = ("answers", "library", "render")
# Crash inputs that hang rather than raise: never run in the ordinary suite until fixed.
HANGS: dict[str, str] = {}  # "target/file": why it hangs, for a recorded crash that would not stop


@pytest.fixture(autouse=True)
def _pythons_default_recursion_limit() -> Iterator[None]:
    """Replay as `clausekit` runs: importing IPython (other tests do) raises the limit to 3000."""
    before = sys.getrecursionlimit()
    sys.setrecursionlimit(1000)
    yield
    sys.setrecursionlimit(before)


def _target(name: str) -> ModuleType:
    if str(FUZZ) not in sys.path:
        sys.path.insert(0, str(FUZZ))
    return importlib.import_module(f"fuzz_{name}")


def _cases(kind: str) -> list[tuple[str, Path]]:
    return [(t, p) for t in TARGETS for p in sorted((FUZZ / kind / t).glob("*")) if p.is_file()]


@pytest.mark.parametrize(("target", "path"), _cases("corpus"), ids=lambda v: getattr(v, "name", v))
def test_seed_corpus_passes(target: str, path: Path) -> None:
    _target(target).one_input(path.read_bytes())


def _crash_params() -> list[object]:
    marks = {key: [pytest.mark.xfail(run=False, reason=reason)] for key, reason in HANGS.items()}
    return [
        pytest.param(t, p, id=f"{t}/{p.name}", marks=marks.get(f"{t}/{p.name}", []))
        for t, p in _cases("crashes")
    ]


@pytest.mark.parametrize(("target", "path"), _crash_params())
def test_recorded_crash_stays_fixed(target: str, path: Path) -> None:
    """Fixed crashes pass; one still raising the exception known.py records is an expected failure."""
    module = _target(target)
    try:
        module.one_input(path.read_bytes())
        return
    except Exception as exc:
        reason = module.oracle.KNOWN.get(module.oracle.signature(exc))
        if reason is None:
            raise
    # outside the except block: pytest need not format a deep traceback for an expected failure
    pytest.xfail(f"{reason} (known.py; the fix is on another branch)")


def test_every_target_has_seeds_and_a_main() -> None:
    for target in TARGETS:
        assert list((FUZZ / "corpus" / target).iterdir()), target
        assert callable(_target(target).main)


def test_the_render_oracle_catches_an_answer_that_makes_structure(monkeypatch: pytest.MonkeyPatch) -> None:
    """The oracle itself can fail: with the answer escaping switched off, a link is caught."""
    render = _target("render")
    library, template = render.FUZZ
    raw = {"tekst": "[klik](https://evil.example)"}
    render.check(library, template, raw, exact=True)  # escaped: passes
    # toolkit.render is also a function of the package, so patch the module itself
    monkeypatch.setattr(sys.modules["toolkit.render"], "escape_markdown", lambda text: text)
    with pytest.raises(AssertionError):
        render.check(library, template, raw, exact=True)
