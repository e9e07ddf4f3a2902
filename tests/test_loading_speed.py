"""Loading fast without losing anything: libyaml's parser gives the data and the places ruamel's
round-trip loader gave; compiled clause bodies are reused while their text is unchanged; ``list``
compiles nothing."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap as RuamelMap
from ruamel.yaml.comments import CommentedSeq as RuamelSeq
from ruamel.yaml.error import MarkedYAMLError

from toolkit import Library
from toolkit.errors import LoadError
from toolkit.loader import split_front_matter
from toolkit.yamlio import CommentedMap, CommentedSeq, load_yaml, plain

ROOT = Path(__file__).resolve().parent.parent
YAML_FILES = sorted(
    p
    for folder in (ROOT / "clauses", ROOT / "tests" / "fixtures")
    for p in folder.rglob("*")
    if p.suffix in (".yaml", ".yml", ".md")
    and p.is_file()
    # a Markdown file without front matter (a document, not a clause) holds no YAML
    and not (p.suffix == ".md" and not p.read_text(encoding="utf-8").startswith("---"))
)


def _places(data: Any, found: list[tuple[Any, ...]], at: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    """Every key's and item's (line, column), the way the loaders ask for them."""
    if isinstance(data, CommentedMap | RuamelMap):
        for key in data:
            found.append((at, key, tuple(data.lc.key(key))))
            _places(data[key], found, (*at, key))
    elif isinstance(data, CommentedSeq | RuamelSeq):
        for index, value in enumerate(data):
            found.append((at, index, tuple(data.lc.item(index))))
            _places(value, found, (*at, index))
    return found


def _text(path: Path) -> str:
    text = path.read_text(encoding="utf-8")
    if path.suffix == ".md":
        return split_front_matter(text, path)[0] if text.startswith("---") else ""
    return text


@pytest.mark.parametrize("path", YAML_FILES, ids=lambda p: str(p.relative_to(ROOT)))
def test_same_data_and_places_as_ruamels_round_trip_loader(path: Path) -> None:
    text = _text(path)
    try:
        reference = YAML(typ="rt", pure=True).load(text)
    except MarkedYAMLError as exc:  # a broken file on purpose: refused at the same line
        with pytest.raises(LoadError) as caught:
            load_yaml(text, path)
        mark = exc.problem_mark or exc.context_mark
        assert mark is not None and caught.value.location is not None
        assert caught.value.location.line == mark.line + 1
        return
    loaded = load_yaml(text, path)
    assert plain(loaded) == plain(reference)
    assert _places(loaded, []) == _places(reference, [])


def test_yaml_numbers_dates_and_nulls_as_before(tmp_path: Path) -> None:
    text = "a: 1_000\nb: 0x1F\nc: 12\nd: -1.5e3\ne: .inf\nf: 2027-01-01\ng:\nh: ~\ni: yes\nj: True\nk: '12'\n"
    data = plain(load_yaml(text, tmp_path / "x.yaml"))
    assert data == {
        "a": "1_000",
        "b": "0x1F",
        "c": 12,
        "d": -1500.0,
        "e": float("inf"),
        "f": __import__("datetime").date(2027, 1, 1),
        "g": None,
        "h": None,
        "i": "yes",
        "j": True,
        "k": "12",
    }


def test_reloading_an_unchanged_template_reuses_its_compiled_bodies(tmp_path: Path) -> None:
    shutil.copytree(ROOT / "tests" / "fixtures" / "mini", tmp_path / "lib")
    library = Library(tmp_path / "lib")
    first = library.engine.compiled(library.template("mini"))
    library.reload()
    second = library.engine.compiled(library.template("mini"))
    assert second.template is not first.template
    assert all(
        second.bodies[key].root_render_func.__code__ is first.bodies[key].root_render_func.__code__
        for key in first.bodies
    )
    clause = tmp_path / "lib" / "mini" / "slot.md"
    clause.write_text(clause.read_text(encoding="utf-8") + "\nNieuw.\n", encoding="utf-8")
    library.reload()
    third = library.engine.compiled(library.template("mini"))
    changed = [
        key
        for key in first.bodies
        if third.bodies[key].root_render_func.__code__ is not first.bodies[key].root_render_func.__code__
    ]
    assert changed and all(clause_id == "slot" for clause_id, _ in changed)


def test_list_compiles_nothing_and_loads_no_jinja() -> None:
    script = (
        "import sys; from toolkit.cli import main; status = main(['list']); "
        "print('jinja2' in sys.modules, 'toolkit.render' in sys.modules); sys.exit(status)"
    )
    done = subprocess.run(
        [sys.executable, "-c", script], cwd=ROOT, capture_output=True, text=True, timeout=120
    )
    assert done.returncode == 0, done.stderr
    assert "richtlijnen-social-media" in done.stdout
    assert done.stdout.strip().splitlines()[-1] == "False False"


@pytest.mark.parametrize(
    "value", ["2027-01-01 10:00:00 x", "2027-01-01T10:00:00Zabc", "2027-01-01 10:00:00.5 +01:00:99"]
)
def test_a_date_with_trailing_text_is_text_as_ruamel_reads_it(value: str) -> None:
    """Found by the answers fuzzer: a value that starts like a timestamp but is none crashed the
    C loader's timestamp reading (AttributeError) instead of staying text."""
    assert load_yaml(f"a: {value}\n", None) == {"a": value} == YAML(typ="rt", pure=True).load(f"a: {value}\n")
