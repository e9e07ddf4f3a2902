"""Characters in answers: refused at validation, in Dutch, when the PDF cannot show them or when they
would change the direction of the approved text around them (see toolkit/charset.py)."""

from __future__ import annotations

import functools
import io
import json
import re
import struct
import unicodedata
import warnings
from pathlib import Path
from typing import Any

import pytest
from conftest import REGENERATE
from publish_helpers import squeeze
from pypdf import PdfReader

from toolkit import Library
from toolkit.charset import COVERAGE_FILE, INVISIBLE, RIGHT_TO_LEFT, printable
from toolkit.cli import main
from toolkit.errors import AnswerError

REFUSED = {
    "emoji": "Acme 😀",
    "CJK": "株式会社",
    "Thai": "บริษัท",
    "fullwidth": "ＡＣＭＥ",
    "noncharacter": "Acme\uffff",
    "bidi override": "Acme\u202eLTD",
    "bidi isolate": "Acme\u2067x\u2069",
    "direction mark": "Acme\u200f",
    "zero-width space": "Ac\u200bme",
    "soft hyphen": "Ac\u00adme",
    "byte-order mark": "\ufeffAcme",
    "Hebrew": "שלום",
    "Arabic-Indic digits": "Acme ١٢",
}
ALLOWED = "Ĳsselmeer Zoë & Ñandú B.V. — „citaat” ‘x’ € 1.250,00 § 3 « » ½ ° © café"


@pytest.fixture
def library(mini_library: Path) -> Library:
    return Library(mini_library)


@pytest.mark.parametrize("kind", sorted(REFUSED))
def test_a_refused_character_is_named_with_the_question(kind: str, library: Library) -> None:
    template = library.template("mini")
    answer = REFUSED[kind]
    with pytest.raises(AnswerError) as caught:
        library.validate(template, {"naam": answer})
    bad = next(c for c in answer if c not in "Acme LTDx ")
    message = caught.value.format()
    assert f"U+{ord(bad):04X} {unicodedata.name(bad, '(zonder naam)')}" in message
    assert "'naam' (Naam van de organisatie)" in message and "het antwoord op" in message  # Dutch


def test_latin_with_diacritics_and_typographic_marks_are_allowed_and_print(library: Library) -> None:
    from toolkit.publish.pdf import to_pdf

    template = library.template("mini")
    answers = library.validate(template, {"naam": ALLOWED, "pers": "afdeling", "perschef": "Ïne\nvan Dijk"})
    pdf = to_pdf(library.render(template, answers))
    text = "\n".join(page.extract_text() or "" for page in PdfReader(io.BytesIO(pdf)).pages)
    assert squeeze(f"Deze regeling geldt voor {ALLOWED}.") in squeeze(text)


def test_render_with_an_emoji_writes_nothing_and_says_why_in_dutch(
    mini_library: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    answers = tmp_path / "a.yaml"
    answers.write_text('naam: "Acme 😀"\n', encoding="utf-8")
    out = tmp_path / "out"
    args = ["render", "mini", "--library", str(mini_library), "--answers", str(answers), "-o", str(out)]
    assert main([*args, "--to", "md,html,docx,pdf"]) == 1
    error = capsys.readouterr().err
    assert f"{answers}:1" in error and "U+1F600 GRINNING FACE" in error
    assert "de PDF niet kan weergeven" in error
    assert "bug" not in error and "Traceback" not in error
    assert not out.exists()


@pytest.mark.parametrize("answer", ["Acme 5", "Acme (B.V.) 12", "12-3 «x»", "Ĳssel, 4.", "→ x"])
def test_text_after_an_allowed_answer_keeps_its_order_in_the_pdf(library: Library, answer: str) -> None:
    from toolkit.publish.pdf import to_pdf

    template = library.template("mini")
    answers = library.validate(template, {"naam": answer})
    pdf = to_pdf(library.render(template, answers))
    text = "\n".join(page.extract_text() or "" for page in PdfReader(io.BytesIO(pdf)).pages)
    assert squeeze(f"Deze regeling geldt voor {answer}.") in squeeze(text)
    assert re.findall(r"Artikel \d", text) == ["Artikel 1", "Artikel 2", "Artikel 3"]


def test_every_printable_character_prints_in_pdf_a() -> None:
    """No over-claim: the whole coverage list compiles in PDF/A, in regular, bold and italic."""
    codes = sorted(printable())
    assert len(codes) > 5000 and all(c in printable() for c in map(ord, ALLOWED))
    for style in ("", "strong", "emph"):
        assert _typst_accepts(codes, style)


# -- the coverage file: what Typst's bundled fonts show, checked against the installed Typst -------


def _bundled_fonts_cmap() -> set[int]:
    """Every code point in the cmap of a font bundled inside the typst module (found by its sfnt header)."""
    fonttools = pytest.importorskip("fontTools.ttLib")
    import typst

    binary = next(Path(typst.__file__).parent.glob("_typst*.so")).read_bytes()
    codes: set[int] = set()
    for match in re.finditer(rb"OTTO|\x00\x01\x00\x00", binary):
        start = match.start()
        tables = struct.unpack(">H", binary[start + 4 : start + 6])[0]
        if not 5 <= tables <= 40:
            continue
        records = [binary[start + 12 + 16 * i : start + 28 + 16 * i] for i in range(tables)]
        if not all(re.fullmatch(rb"[A-Za-z0-9/ _]{4}", r[:4]) for r in records):
            continue
        end = max(sum(struct.unpack(">II", r[8:16])) for r in records)
        try:
            font = fonttools.TTFont(io.BytesIO(binary[start : start + end]))
            codes |= set(font.getBestCmap())
        except Exception:  # bytes that only look like a font header
            continue
    return codes


@functools.cache
def _compiler() -> Any:
    import typst

    return typst.Compiler(ignore_system_fonts=True)  # one compiler: its fonts are loaded once


def _typst_accepts(codes: list[int], style: str) -> bool:
    from toolkit.publish.pdf import PDF_STANDARDS

    body = f'#{style}(sys.inputs.at("t"))' if style else '#sys.inputs.at("t")'
    # PDF/UA needs a title; the standards are the ones every published PDF meets
    source = '#set document(title: "T")\n#set text(font: "Libertinus Serif", lang: "nl")\n' + body
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            _compiler().compile(
                source.encode(),
                sys_inputs={"t": " ".join(map(chr, codes))},
                pdf_standards=list(PDF_STANDARDS),
            )
    except Exception:
        return False
    return True


def _accepted(codes: list[int], style: str) -> set[int]:
    """The code points Typst writes into a PDF/A (halving the list around each one it refuses)."""
    if _typst_accepts(codes, style):
        return set(codes)
    if len(codes) == 1:
        return set()
    half = len(codes) // 2
    return _accepted(codes[:half], style) | _accepted(codes[half:], style)


def _ranges(codes: set[int]) -> list[list[int]]:
    ranges: list[list[int]] = []
    for code in sorted(codes):
        if ranges and ranges[-1][1] == code - 1:
            ranges[-1][1] = code
        else:
            ranges.append([code, code])
    return ranges


@pytest.mark.slow
def test_the_coverage_file_matches_the_fonts_of_the_installed_typst() -> None:
    from toolkit.publish.pdf import typst_version

    candidates = sorted(  # only what the rest of the rule allows: the bidi run of RTL text is slow
        c
        for c in _bundled_fonts_cmap()
        if unicodedata.category(chr(c)) not in INVISIBLE
        and unicodedata.bidirectional(chr(c)) not in RIGHT_TO_LEFT
    )
    shown = set.intersection(*(_accepted(candidates, style) for style in ("", "strong", "emph")))
    data = {
        "about": "left-to-right code points Typst's bundled fonts show in a PDF/A (regular, bold, italic); "
        "CLAUSEKIT_REGEN=1 python3 -m pytest tests/test_characters.py rewrites it",
        "typst": typst_version(),
        "ranges": _ranges(shown),
    }
    if REGENERATE:
        COVERAGE_FILE.write_text(json.dumps(data, separators=(",", ":")) + "\n", encoding="utf-8")
    stored = json.loads(COVERAGE_FILE.read_text(encoding="utf-8"))
    assert stored["typst"] == data["typst"], "Typst changed: regenerate (see 'about' in the file)"
    assert stored["ranges"] == data["ranges"]


def test_the_questionnaire_says_which_character_and_why(library: Library) -> None:
    from toolkit.ui.flow import Flow

    flow = Flow(library, library.template("mini"))
    message = flow.answer("naam", "Acme 😀")
    assert message is not None and message.startswith("Het antwoord bevat op positie 6 het teken U+1F600")
    assert "te lang" not in message and "emoji" in message
    assert flow.answer("naam", "Ĳsselmeer „Acme” € 5") is None
