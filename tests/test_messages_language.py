"""Messages that were English or Dutch literals and now come from the catalogues: the check command's
refusals, the busy page of ``clausekit serve``, the sandbox's and the renderer's errors; each in the
interface's language, whatever the template's."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import jinja2
import pytest
from conftest import ROOT

from toolkit import ClauseKitError, Library
from toolkit.checks import check
from toolkit.cli import main
from toolkit.errors import LoadError
from toolkit.locales import locale_for
from toolkit.questionnaire.kernels import ServerBusy
from toolkit.questionnaire.serve import JUPYTER_DATA, VOILA_TEMPLATE

CHECKS = ROOT / "tests" / "fixtures" / "checks"
ENGLISH = ROOT / "tests" / "fixtures" / "english"


def busy_page(exception: ServerBusy) -> str:
    """The packaged 503.html as Jupyter Server renders it (its namespace holds the exception), in an
    environment like Voilà's (autoescaping)."""
    folder = JUPYTER_DATA / "voila" / "templates" / VOILA_TEMPLATE
    env = jinja2.Environment(loader=jinja2.FileSystemLoader(folder), autoescape=True)
    return env.get_template("503.html").render(
        status_code=503, status_message="Service Unavailable", message="", exception=exception
    )


@pytest.mark.parametrize(
    ("lang", "expected", "other"),
    [
        ("en", ["It is too busy at the moment.", "Please try again in a few minutes."], "te druk"),
        ("nl", ["Het is op dit moment te druk.", "Probeer het over een paar minuten opnieuw."], "too busy"),
    ],
)
def test_the_busy_page_speaks_the_interface_language(
    monkeypatch: pytest.MonkeyPatch, lang: str, expected: list[str], other: str
) -> None:
    monkeypatch.setenv("CLAUSEKIT_LANG", lang)  # what `clausekit serve --lang` hands the server
    page = busy_page(ServerBusy(2))
    assert f'<html lang="{lang}">' in page
    assert all(text in page for text in expected) and other not in page
    assert f"<title>{expected[0]}</title>" in page


def test_the_busy_page_can_be_asked_in_a_language() -> None:
    assert "too busy" in busy_page(ServerBusy(2, ui=locale_for("en")))


@pytest.mark.parametrize(
    ("lang", "arguments", "expected"),
    [
        ("en", ["check", "ck201", "--select", "201"], "error: '201' is not a rule code\n  hint: codes look"),
        ("nl", ["check", "ck201", "--select", "201"], "fout: '201' is geen regelcode\n  hint: een code"),
        ("en", ["rules", "CK999"], "error: no rule CK999\n  hint: run 'clausekit rules'"),
        ("nl", ["rules", "CK999"], "fout: er is geen regel CK999\n  hint: 'clausekit rules' geeft"),
    ],
)
def test_check_and_rules_refuse_in_the_interface_language(
    capsys: pytest.CaptureFixture[str], lang: str, arguments: list[str], expected: str
) -> None:
    assert main([*arguments, "--library", str(CHECKS), "--lang", lang]) == 2
    assert expected in capsys.readouterr().err


def test_the_studio_reports_refused_answers_in_its_own_language() -> None:
    """The studio's language is its setting, not the process's (CLAUSEKIT_LANG=nl in the tests)."""
    from toolkit.notebook import Studio

    studio = Studio("nda", library=ENGLISH, answers={"party_a": "Acme Ltd"}, watch=False, ui=locale_for("nl"))
    try:
        assert "heeft een antwoord nodig" in studio.status.value
        studio.language.value = "en"
        assert "needs an answer" in studio.status.value and "antwoord" not in studio.status.value
        studio.fields["party_b"].control.value = "Beta"
        studio.fields["party_a"].control.value = ""
        studio.flush()
        assert "party_a" in studio.status.value and "needs an answer" in studio.status.value
    finally:
        studio.close()


def _plant(library: Path, body: str) -> Path:
    """doel.md (always included) with ``body`` as its text, which starts on line 5."""
    path = library / "mini" / "doel.md"
    path.write_text(f"---\nid: doel\ntitle: Doel\n---\n{body}\n", encoding="utf-8")
    return path


# (clause text, English, Dutch, the English hint's start): the sandbox's refusals and limits, the
# renderer's errors; each found at the line of doel.md that says it (line 5, or 6 after a text line).
RENDER_ERRORS = [
    ("Zie {{ ref('bestaat-niet') }}.", "reference to article 'bestaat-niet', which is not a clause",
     "verwijzing naar artikel 'bestaat-niet', dat geen clausule", "give the reference"),
    ("{% include 'x' %}", "{% include %} is not allowed in a clause", "{% include %} is niet toegestaan",
     "clauses may only use"),
    ("Tekst.\n{% for i in range(5000) %}x{% endfor %}", "range() with 5000 numbers (the limit is 1000)",
     "range() met 5000 getallen (de grens is 1000)", "loop over at most 1000"),
    ("{{ 'x' * 200000 }}", "this would make a text of 200000 characters",
     "dit zou een tekst van 200000 tekens", "a clause is legal text"),
    ("{{ naam|attr('upper') }}", "the filter |attr is not allowed in a clause", "het filter |attr is niet",
     "clauses may only use"),
    ("{{ '%s' % naam }}", "formatting text with % is not allowed", "tekst opmaken met % is niet",
     "clauses may"),
    ("{{ naam|datum }}", "the datum filter needs a date", "het filter datum heeft een datum nodig",
     "clauses"),
    ("{% if naam %}", "template syntax error: ", "fout in de sjablooncode: ", "check that every {{ has a }}"),
]  # fmt: skip


@pytest.mark.parametrize(("body", "english", "dutch", "hint"), RENDER_ERRORS)
def test_sandbox_and_render_errors_in_the_interface_language_with_their_line(
    mini_library: Path, monkeypatch: pytest.MonkeyPatch, body: str, english: str, dutch: str, hint: str
) -> None:
    path = _plant(mini_library, body)
    line = 5 + body.count("\n")
    for lang, expected, other in (("en", english, dutch), ("nl", dutch, english)):
        monkeypatch.setenv("CLAUSEKIT_LANG", lang)
        library = Library(mini_library)
        with pytest.raises(ClauseKitError) as caught:
            template = library.template("mini")
            library.render(template, library.validate(template, {"naam": "Acme"}))
        error = caught.value
        assert expected in error.message and other not in error.message, error.format()
        assert error.location is not None and (error.location.path, error.location.line) == (path, line)
        assert error.hint and (
            error.hint.startswith(hint) if lang == "en" else not error.hint.startswith(hint)
        )


def test_a_render_error_on_the_command_line_in_english(mini_library: Path, tmp_path: Path) -> None:
    path = _plant(mini_library, "Zie {{ ref('bestaat-niet') }}.")
    answers = tmp_path / "answers.yaml"
    answers.write_text("naam: ACME\n", encoding="utf-8")
    arguments = ["render", "mini", "--library", str(mini_library), "--answers", str(answers), "--to", "md"]
    for lang, expected in (("en", "which is not a clause of this template"), ("nl", "dat geen clausule van")):
        result = subprocess.run(
            [sys.executable, "-m", "toolkit", *arguments, "-o", str(tmp_path / lang), "--lang", lang],
            cwd=ROOT, capture_output=True, text=True, timeout=120,
        )  # fmt: skip
        assert result.returncode == 1 and f"{path}:5: " in result.stderr and expected in result.stderr


def test_a_refused_construct_is_a_template_syntax_finding_in_every_language(
    mini_library: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The checks sort a load error by its kind, not by its (translated) words."""
    _plant(mini_library, "{% include 'x' %}")
    for lang in ("en", "nl"):
        monkeypatch.setenv("CLAUSEKIT_LANG", lang)
        result = check(Library(mini_library), "mini", select=["CK1"])
        assert [f.code for f in result.findings if f.location and f.location.line == 5] == ["CK101"]


# (file, old, new, line, rule, English, Dutch): the loader's errors at file:line, sorted by kind
LOAD_ERRORS = [
    ("template.yaml", "    label: Kanalen", "    labl: Kanalen", 17, "CK103",
     "unknown key 'labl' in a question", "onbekende sleutel 'labl' in een vraag"),
    ("template.yaml", "  - id: streng", "  - id: naam", 12, "CK104",
     "duplicate question id 'naam' (first at line 8)", "dubbele vraag-id 'naam' (eerst op regel 8)"),
    ("template.yaml", "version: 1.0.0", "version: een", 3, "CK105",
     "version 'een' is not a semantic version", "version 'een' is geen semantische versie"),
    ("geheim.md", "  gewoon:\n    label: Gewoon", "  gewoon:\n    label: Gewoon\n  extra: {}", 9, "CK105",
     "variant 'extra' has no body", "variant 'extra' heeft geen tekst"),
]  # fmt: skip


@pytest.mark.parametrize(("name", "old", "new", "line", "code", "english", "dutch"), LOAD_ERRORS)
def test_load_errors_in_the_interface_language_with_their_line_and_rule(
    mini_library: Path,
    monkeypatch: pytest.MonkeyPatch,
    name: str,
    old: str,
    new: str,
    line: int,
    code: str,
    english: str,
    dutch: str,
) -> None:
    path = mini_library / "mini" / name
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    for lang, expected, other in (("en", english, dutch), ("nl", dutch, english)):
        monkeypatch.setenv("CLAUSEKIT_LANG", lang)
        with pytest.raises(LoadError) as caught:
            Library(mini_library).template("mini")
        error = caught.value
        assert error.message == expected and error.hint and other not in error.format()
        assert error.location is not None and (error.location.path, error.location.line) == (path, line)
        findings = check(Library(mini_library), "mini", select=["CK1"]).findings
        assert (code, expected) in {(f.code, f.message) for f in findings}


def test_a_suggestion_in_a_load_error_speaks_the_interface_language(
    mini_library: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = mini_library / "mini" / "template.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("    label: Kanalen", "    labl: Kanalen"))
    monkeypatch.setenv("CLAUSEKIT_LANG", "nl")
    with pytest.raises(LoadError) as caught:
        Library(mini_library).template("mini")
    assert caught.value.hint == "bedoelt u 'label'?"


@pytest.mark.parametrize(
    ("lang", "message", "hint"),
    [
        ("en", "unknown key 'ignor' in checks.yaml", "known: bound, forbidden_words"),
        ("nl", "onbekende sleutel 'ignor' in checks.yaml", "bekend: bound, forbidden_words"),
    ],
)
def test_a_mistake_in_checks_yaml_in_the_interface_language(
    mini_library: Path, monkeypatch: pytest.MonkeyPatch, lang: str, message: str, hint: str
) -> None:
    (mini_library / "mini" / "checks.yaml").write_text("ignor: [CK702]\n", encoding="utf-8")
    monkeypatch.setenv("CLAUSEKIT_LANG", lang)
    (finding,) = [f for f in check(Library(mini_library), "mini").findings if f.code == "CK103"]
    assert finding.message == message and finding.hint.startswith(hint)
    assert finding.location is not None and finding.location.line == 1


@pytest.mark.parametrize(
    ("lang", "expected"),
    [
        ("en", ["Check templates. Exit code 1", "only these rules, e.g. CK3,CK501"]),
        ("nl", ["Controleer sjablonen. Afsluitcode 1", "alleen deze regels, bijvoorbeeld CK3,CK501"]),
    ],
)
def test_the_help_of_check_speaks_the_language_asked_for(
    capsys: pytest.CaptureFixture[str], lang: str, expected: list[str]
) -> None:
    for arguments in (["check", "--help", "--lang", lang], [f"--lang={lang}", "check", "--help"]):
        with pytest.raises(SystemExit):
            main(arguments)
        shown = capsys.readouterr().out
        assert all(text in shown for text in expected), shown


def test_the_checks_workers_speak_the_callers_interface(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A render failure found by the two worker processes reads in the caller's language (a studio's
    setting, not the environment's), the same as the one found in the caller's own process."""
    from toolkit.checks import CheckConfig
    from toolkit.locales import interface

    folder = tmp_path / "groot"
    folder.mkdir()
    lines = ["id: groot", "title: Groot", "version: 1.0.0", "address: u", "questions:"]
    for q in range(4):
        lines += [
            f"  - id: q{q}",
            f"    label: Vraag {q}",
            "    type: choice",
            "    options: [a, b, c, d, e]",
        ]
    (folder / "template.yaml").write_text("\n".join([*lines, "clauses: [tekst]"]) + "\n", encoding="utf-8")
    body = '{% if q0 == "e" %}{{ q1|datum }}{% endif %}Tekst {{ q1 }} {{ q2 }} {{ q3 }}.'
    (folder / "tekst.md").write_text(f"---\nid: tekst\ntitle: Tekst\n---\n{body}\n", encoding="utf-8")
    monkeypatch.setenv("CLAUSEKIT_LANG", "nl")
    config = CheckConfig(workers=2, seconds=120)
    with interface(locale_for("en")):
        result = check(Library(tmp_path), "groot", select=["CK505"], config=config)
    assert result.coverage is not None and result.coverage["combinations"] == 6**4  # > PROBE: the workers ran
    messages = {f.message for f in result.findings}
    assert messages and all("the datum filter needs a date" in m for m in messages), messages


@pytest.mark.parametrize(
    ("lang", "expected"),
    [
        ("en", ["answers.yaml is not UTF-8: byte 0xE9 on this line", "hint: save the file as UTF-8"]),
        ("nl", ["answers.yaml is geen UTF-8: byte 0xE9 op deze regel", "hint: sla het bestand op als UTF-8"]),
    ],
)
def test_a_file_that_cannot_be_read_is_named_in_the_interface_language(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], lang: str, expected: list[str]
) -> None:
    answers = tmp_path / "answers.yaml"
    answers.write_bytes("party_a: Caf\u00e9\n".encode("latin-1"))
    library = ["--library", str(ENGLISH)]
    assert main(["--lang", lang, "render", "nda", *library, "-a", str(answers), "-o", str(tmp_path)]) == 1
    err = capsys.readouterr().err
    assert f"{answers}:1:" in err and all(text in err for text in expected), err


@pytest.mark.parametrize(("lang", "expected"), [("en", "invalid YAML: "), ("nl", "ongeldige YAML: ")])
def test_invalid_yaml_is_named_in_the_interface_language(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], lang: str, expected: str
) -> None:
    answers = tmp_path / "answers.yaml"
    answers.write_text("party_a: [Acme\n", encoding="utf-8")
    library = ["--library", str(ENGLISH)]
    assert main(["--lang", lang, "render", "nda", *library, "-a", str(answers), "-o", str(tmp_path)]) == 1
    assert expected in capsys.readouterr().err
