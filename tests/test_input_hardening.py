"""Hostile and careless answers files and library files: a clear error with file:line and a hint,
within seconds, never a traceback (issue 11.3). Every case runs the real command line."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from conftest import ROOT

from toolkit import AnswerError, ClauseKitError, Library, Location, validate

TIMEOUT = 60  # generous on a shared machine; the cases below take well under a second each

BILLION_LAUGHS = (
    'a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]\n'
    "b: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]\n"
    "c: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]\n"
    "d: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]\n"
    "e: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d]\n"
    "f: &f [*e,*e,*e,*e,*e,*e,*e,*e,*e]\n"
    "g: &g [*f,*f,*f,*f,*f,*f,*f,*f,*f]\n"
    "h: &h [*g,*g,*g,*g,*g,*g,*g,*g,*g]\n"
    "i: &i [*h,*h,*h,*h,*h,*h,*h,*h,*h]\n"
    "naam: *i\n"
)


def clausekit(*args: str | Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "toolkit", *map(str, args)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=TIMEOUT,
        check=False,
    )


def render(library: Path, answers: Path, out: Path | None = None) -> subprocess.CompletedProcess[str]:
    out = out or answers.parent / "out"
    return clausekit("render", "mini", "--library", library, "--answers", answers, "-o", out)


def assert_user_error(result: subprocess.CompletedProcess[str], where: str, code: int = 1) -> str:
    """Exit ``code``, the message starts at ``where`` (``file:line``), a hint, no traceback."""
    assert "Traceback" not in result.stderr, result.stderr
    assert result.returncode == code, result.stderr
    assert where in result.stderr, result.stderr
    assert "hint:" in result.stderr, result.stderr
    return result.stderr


def answers_file(tmp_path: Path, content: str | bytes, name: str = "answers.yaml") -> Path:
    path = tmp_path / name
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content, encoding="utf-8")
    return path


# -- alias bombs, nesting, size ----------------------------------------------------------------


def test_billion_laughs_answers_file_is_refused_at_its_first_anchor(
    mini_library: Path, tmp_path: Path
) -> None:
    path = answers_file(tmp_path, BILLION_LAUGHS)
    assert len(BILLION_LAUGHS.encode()) < 700
    err = assert_user_error(render(mini_library, path), f"{path}:1:")
    assert "anchors and aliases (&name, *name) are not allowed" in err


def test_alias_bomb_in_a_clause_file_is_refused(mini_library: Path) -> None:
    clause = mini_library / "mini" / "slot.md"
    text = clause.read_text(encoding="utf-8")
    clause.write_text(text.replace("---\n", "---\n" + BILLION_LAUGHS.replace("naam:", "terms:"), 1))
    result = clausekit("questions", "mini", "--library", mini_library)
    err = assert_user_error(result, f"{clause}:2:")
    assert "anchors and aliases (&name, *name) are not allowed" in err


def test_deep_nesting_is_refused_in_yaml_and_json(mini_library: Path, tmp_path: Path) -> None:
    yaml_path = answers_file(tmp_path, "naam: " + "[" * 1000 + "]" * 1000 + "\n")
    assert_user_error(render(mini_library, yaml_path), f"{yaml_path}:1")
    json_path = answers_file(tmp_path, '{"naam": ' + "[" * 1000 + "]" * 1000 + "}", "answers.json")
    assert_user_error(render(mini_library, json_path), f"{json_path}:1")


def test_oversized_answers_file_is_refused_before_parsing(mini_library: Path, tmp_path: Path) -> None:
    path = answers_file(tmp_path, "naam: Acme\n" + "# " + "x" * 2_000_000 + "\n")
    err = assert_user_error(render(mini_library, path), str(path))
    assert "MB" in err


def test_oversized_clause_file_is_refused(mini_library: Path) -> None:
    clause = mini_library / "mini" / "slot.md"
    clause.write_text(clause.read_text(encoding="utf-8") + ("Lange tekst. " * 100_000), encoding="utf-8")
    assert_user_error(clausekit("questions", "mini", "--library", mini_library), str(clause))


# -- encodings ---------------------------------------------------------------------------------


def test_latin1_answers_file_names_the_encoding_and_line(mini_library: Path, tmp_path: Path) -> None:
    path = answers_file(tmp_path, "streng: ja\nnaam: Caf\xe9 Zo\xeb\n".encode("latin-1"))
    err = assert_user_error(render(mini_library, path), f"{path}:2")
    assert "UTF-8" in err


def test_utf16_answers_file_is_named_as_utf16(mini_library: Path, tmp_path: Path) -> None:
    path = answers_file(tmp_path, "naam: Acme\n".encode("utf-16"))
    err = assert_user_error(render(mini_library, path), f"{path}:1")
    assert "UTF-16" in err


def test_utf8_bom_is_accepted_in_answers_and_clause_files(mini_library: Path, tmp_path: Path) -> None:
    clause = mini_library / "mini" / "slot.md"
    clause.write_bytes(b"\xef\xbb\xbf" + clause.read_bytes())
    path = answers_file(tmp_path, b"\xef\xbb\xbfnaam: Acme\n")
    result = render(mini_library, path)
    assert result.returncode == 0, result.stderr
    assert "Acme" in (tmp_path / "out" / "answers.md").read_text(encoding="utf-8")


def test_list_names_a_broken_template_and_lists_the_rest(mini_library: Path) -> None:
    second = mini_library / "tweede"
    second.mkdir()
    (second / "template.yaml").write_bytes("id: tweede\ntitle: Caf\xe9\nversion: 1.0.0\n".encode("latin-1"))
    clause = mini_library / "mini" / "slot.md"
    clause.write_bytes(clause.read_bytes().replace(b"---\n", b"---\n# \xe9\n", 1))
    result = clausekit("list", "--library", mini_library)
    assert "Traceback" not in result.stderr
    assert "mini  1.0.0  nl-NL  Mini-overeenkomst" in result.stdout  # a broken clause: still listed
    assert f"{second / 'template.yaml'}:2" in result.stderr and "UTF-8" in result.stderr
    assert result.returncode == 1


# -- values that are not what they look like ---------------------------------------------------


@pytest.mark.parametrize(
    ("content", "line"),
    [
        ("naam: Acme\nstart: 2027-02-29\n", 2),  # no such day
        ("naam: Acme\naantal: " + "9" * 5000 + "\n", 2),  # over Python's int max str digits
        ("naam: Acme\naantal: 1_000\n", 2),
        ("naam: Acme\naantal: \u0661\u0662\n", 2),  # Arabic-Indic digits
        ("naam: Acme\nstart: 2027-W01-1\n", 2),
        ("naam: Acme\nstart: '20270101'\n", 2),
        ("naam: !!binary aGVsbG8=\n", 1),
        ("naam: !vreemd Acme\n", 1),
        ("naam: true\n", 1),  # a boolean is no name
    ],
    ids=[
        "feb29",
        "digits5000",
        "underscore",
        "arabic-indic",
        "iso-week",
        "basic-date",
        "binary",
        "tag",
        "bool",
    ],
)
def test_odd_values_are_refused_with_line_and_hint(
    mini_library: Path, tmp_path: Path, content: str, line: int
) -> None:
    path = answers_file(tmp_path, content)
    assert_user_error(render(mini_library, path), f"{path}:{line}")
    assert not (tmp_path / "out").exists()


def test_json_answers_refuse_booleans_for_text_huge_ints_and_duplicate_keys(
    mini_library: Path, tmp_path: Path
) -> None:
    path = answers_file(tmp_path, '{\n  "naam": true\n}\n', "a.json")
    assert_user_error(render(mini_library, path), f"{path}:2")
    path = answers_file(tmp_path, '{\n  "naam": "Acme",\n  "aantal": ' + "9" * 5000 + "\n}\n", "b.json")
    assert_user_error(render(mini_library, path), f"{path}:3")
    path = answers_file(tmp_path, '{\n  "naam": "Acme",\n  "naam": "Evil"\n}\n', "c.json")
    err = assert_user_error(render(mini_library, path), f"{path}:3")
    assert "duplicate key 'naam'" in err


@pytest.mark.parametrize("blank", ["   ", "\u200b", "\u200b \u2060\ufeff", "\t\n"])
def test_blank_required_answer_is_no_answer(mini_library: Path, tmp_path: Path, blank: str) -> None:
    path = answers_file(tmp_path, f"naam: {blank!r}\n".replace("'", '"'))
    err = assert_user_error(render(mini_library, path), f"{path}:1")
    assert "heeft een antwoord nodig" in err
    template = Library(mini_library).template("mini")
    with pytest.raises(AnswerError, match="heeft een antwoord nodig"):
        validate(template, {"naam": blank})


def test_plain_numbers_and_dates_still_work(mini_library: Path, tmp_path: Path) -> None:
    template = Library(mini_library).template("mini")
    answers = validate(template, {"naam": "A", "aantal": "+12,5", "start": "01-03-2027"})
    assert answers["aantal"] == 12.5 and str(answers["start"]) == "2027-03-01"
    path = answers_file(tmp_path, "naam: Acme\naantal: 12\nstart: 2027-03-01\n")
    assert render(mini_library, path).returncode == 0


# -- what errors echo --------------------------------------------------------------------------


def test_a_huge_invalid_value_is_echoed_cut(mini_library: Path, tmp_path: Path) -> None:
    path = answers_file(tmp_path, "naam: Acme\npers: " + "x" * 500_000 + "\n")
    err = assert_user_error(render(mini_library, path), f"{path}:2")
    assert len(err) < 2_000 and "…" in err


def test_many_unknown_keys_give_a_bounded_report(mini_library: Path, tmp_path: Path) -> None:
    path = answers_file(tmp_path, "naam: Acme\n" + "".join(f"onbekend{i}: x\n" for i in range(1_500)))
    err = assert_user_error(render(mini_library, path), f"{path}:2")
    assert len(err.splitlines()) < 100 and "more" in err


def test_an_answers_file_of_60000_keys_is_refused_before_parsing(mini_library: Path, tmp_path: Path) -> None:
    """Within the byte budget, 100,000 keys took ruamel 74 s to parse; the line budget stops it first."""
    path = answers_file(tmp_path, "naam: Acme\n" + "".join(f"k{i}: x\n" for i in range(60_000)))
    err = assert_user_error(render(mini_library, path), f"{path}:2001:")
    assert "60,002 regels; er worden er hoogstens 2,000" in err


def test_control_characters_in_keys_are_escaped(mini_library: Path, tmp_path: Path) -> None:
    path = answers_file(tmp_path, 'naam: Acme\n"\\e[31mrood\\a": x\n')
    err = assert_user_error(render(mini_library, path), f"{path}:2")
    assert "\x1b" not in err and "\x07" not in err
    assert "\\x1b[31mrood\\x07" in err


def test_every_error_message_escapes_control_characters() -> None:
    error = ClauseKitError("bad \x1b]0;title\x07 \u202e", Location(Path("a\x1bb.yaml"), 3), "hint \x9b")
    text = error.format()
    assert all(ch not in text for ch in "\x1b\x07\x9b\u202e")
    assert "\\x1b]0;title\\x07" in text and "\\u202e" in text and "a\\x1bb.yaml:3" in text


# -- output paths and the disk -----------------------------------------------------------------


def test_out_pointing_at_a_file_is_a_usage_error(mini_library: Path, tmp_path: Path) -> None:
    path = answers_file(tmp_path, "naam: Acme\n")
    existing = answers_file(tmp_path, "keep me", "existing.txt")
    result = render(mini_library, path, out=existing)
    assert_user_error(result, str(existing), code=2)
    assert existing.read_text(encoding="utf-8") == "keep me"


def test_unwritable_output_is_an_error_naming_the_path(mini_library: Path, tmp_path: Path) -> None:
    path = answers_file(tmp_path, "naam: Acme\n")
    target = Path("/proc/clausekit-cannot-write-here")  # read-only for every user, root too
    result = render(mini_library, path, out=target)
    assert_user_error(result, str(target))


# -- library files that are not what they seem: symbolic links, devices, pipes -----------------
# A template may come from a pull request that CI renders; git stores symbolic links, so a clause
# file can point anywhere on the machine. Each case runs the real command line, under TIMEOUT.


def test_a_clause_file_linked_to_an_endless_device_is_refused_at_once(mini_library: Path) -> None:
    clause = mini_library / "mini" / "slot.md"
    clause.unlink()
    clause.symlink_to("/dev/zero")  # an endless stream of NUL bytes: once read whole, forever
    result = clausekit("check", "mini", "--library", mini_library)  # a finding (CK105) on stdout
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert f"{clause}" in result.stdout and "buiten de bibliotheek" in result.stdout, result.stdout


def test_a_clause_file_linked_outside_the_library_is_refused(mini_library: Path, tmp_path: Path) -> None:
    secret = tmp_path / "secret.md"
    secret.write_text("---\ntitle: Slot\n---\nSECRET-CANARY-4711\n", encoding="utf-8")
    clause = mini_library / "mini" / "slot.md"
    clause.unlink()
    clause.symlink_to(secret)
    answers = answers_file(tmp_path, "naam: Acme\n")
    result = render(mini_library, answers)
    stderr = assert_user_error(result, f"{clause}")
    assert "buiten de bibliotheek" in stderr and "SECRET-CANARY-4711" not in result.stdout + stderr
    assert not (answers.parent / "out").exists()


def test_a_template_yaml_that_is_a_pipe_is_refused_without_waiting(mini_library: Path) -> None:
    import os

    template = mini_library / "mini" / "template.yaml"
    template.unlink()
    os.mkfifo(template)  # opening a pipe for reading waits for a writer that never comes
    result = clausekit("check", "mini", "--library", mini_library)  # a finding (CK105) on stdout
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert f"{template}" in result.stdout and "geen gewoon bestand" in result.stdout, result.stdout


def test_a_link_that_stays_inside_the_library_still_works(mini_library: Path, tmp_path: Path) -> None:
    clause = mini_library / "mini" / "slot.md"
    kept = mini_library / "mini" / "slot-text.txt"
    clause.rename(kept)
    clause.symlink_to(kept.name)
    clauses = Library(mini_library).template("mini").entries  # the link resolves inside the library
    assert clauses[-1].clause.path == clause and clauses[-1].clause.variants[0].body.strip()


@pytest.mark.requires("ssh-keygen")  # the library is approved (signed) first
def test_an_example_linked_outside_the_library_is_not_published(tmp_path: Path) -> None:
    """An example's answers become text in the release: linked to a YAML file elsewhere on the CI
    machine, its values would be published. The publish refuses it, naming the example."""
    from publish_helpers import approved_library

    library = approved_library(tmp_path / "lib")
    secret = tmp_path / "settings.yaml"
    secret.write_text('naam: "SECRET-CANARY-4711"\n', encoding="utf-8")
    (library / "mini" / "examples" / "leak.yaml").symlink_to(secret)
    result = clausekit("publish", "mini", "--library", library, "--out", tmp_path / "dist")
    assert result.returncode != 0 and "Traceback" not in result.stderr
    assert (
        "leak.yaml" in result.stderr + result.stdout
        and "buiten de bibliotheek" in result.stderr + result.stdout
    )
    assert not (tmp_path / "dist" / "mini").exists() or not list(
        (tmp_path / "dist" / "mini").glob("*/manifest.json")
    )


@pytest.mark.parametrize("name", ["checks.yaml", "approvals.yaml", "allowed_signers"])
def test_a_library_file_linked_to_an_endless_device_is_refused(mini_library: Path, name: str) -> None:
    path = mini_library / "mini" / name
    path.unlink(missing_ok=True)
    path.symlink_to("/dev/zero")
    result = clausekit("status", "mini", "--library", mini_library)
    check = clausekit("check", "mini", "--library", mini_library)
    assert "Traceback" not in result.stderr + check.stderr
    assert "buiten de bibliotheek" in result.stdout + result.stderr + check.stdout + check.stderr
