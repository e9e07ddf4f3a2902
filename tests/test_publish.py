"""clausekit publish: the gate, the release's artefacts, reproducibility, atomicity."""

from __future__ import annotations

import hashlib
import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from publish_helpers import HOSTILE, approved_library, docx_part, docx_text, pdf_text, squeeze
from pypdf import PdfReader

from toolkit import Library
from toolkit.approvals import approve
from toolkit.cli import main
from toolkit.errors import UsageError
from toolkit.publish import pdf as pdf_module
from toolkit.publish import release as release_module
from toolkit.publish.docx import REFERENCE_DOCX
from toolkit.publish.reference import build_reference
from toolkit.publish.release import PublishError, publish

pytestmark = [pytest.mark.slow, pytest.mark.requires("ssh-keygen")]  # approvals are SSH-signed


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path, Path]:
    """An approved mini library published twice, into two folders."""
    base = tmp_path_factory.mktemp("release")
    library = approved_library(base / "lib")
    first = publish(Library(library), Library(library).template("mini"), base / "dist1")
    assert first.created
    # the second in another process, time zone and locale, as on another machine
    command = [sys.executable, "-m", "toolkit", "publish", "--library", str(library), "mini"]
    env = {**os.environ, "TZ": "Asia/Tokyo", "LANG": "C", "LC_ALL": "C", "PYTHONHASHSEED": "7"}
    done = subprocess.run([*command, "--out", str(base / "dist2")], env=env, capture_output=True, timeout=300)
    assert done.returncode == 0, done.stderr
    return library, base / "dist1" / "mini" / "1.0.0", base / "dist2" / "mini" / "1.0.0"


def _listing(folder: Path) -> list[str]:
    """What a release folder holds, besides the publish lock."""
    return sorted(p.name for p in folder.iterdir() if p.name != ".publish.lock")


def _tree(folder: Path) -> dict[str, bytes]:
    return {
        p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()
    }


def test_unapproved_or_failing_checks_block_publish_listing_each_variant(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    library = approved_library(tmp_path / "lib")
    for name, old, new in (("geheim.md", "Niets", "Bijna niets"), ("doel.md", "geldt", "gold")):
        path = library / "mini" / name
        path.write_text(path.read_text(encoding="utf-8").replace(old, new), encoding="utf-8")
    out = tmp_path / "dist"
    assert main(["--lang", "en", "publish", "--library", str(library), "--all", "--out", str(out)]) == 1
    err = capsys.readouterr().err
    assert f"{library / 'mini' / 'geheim.md'}:11: geheim:streng is changed since it was approved" in err
    assert f"{library / 'mini' / 'doel.md'}:5: doel:default is changed since it was approved" in err
    assert "geheim:gewoon" not in err and not out.exists()

    template = Library(library).template("mini")
    approve(template, ["geheim", "doel"], by="Jan")
    slot = library / "mini" / "slot.md"  # a reference to no article: a check error (CK301)
    slot.write_text(slot.read_text(encoding="utf-8") + '\nZie ook {{ ref("bestaat-niet") }}.\n', "utf-8")
    approve(Library(library).template("mini"), ["slot"], by="Jan")
    with pytest.raises(PublishError) as info:
        publish(Library(library), Library(library).template("mini"), out)
    assert any("slot.md" in p and "bestaat-niet" in p for p in info.value.problems)
    assert not out.exists()


def test_release_layout_manifest_and_bundle(built: tuple[Path, Path, Path]) -> None:
    _, release, _ = built
    files = _tree(release)
    assert {"review.docx", "review.pdf", "examples/acme.docx", "examples/acme.pdf", "manifest.json"} <= set(
        files
    )
    manifest = json.loads(files["manifest.json"])
    assert manifest["template"] == "mini" and manifest["version"] == "1.0.0"
    assert (
        set(manifest["tools"]) >= {"clausekit", "pandoc", "typst"}
        and manifest["tools"]["pandoc"][0].isdigit()
    )
    for name, digest in {**manifest["sources"], **manifest["outputs"]}.items():
        assert hashlib.sha256(files[name]).hexdigest() == digest, name
    assert set(manifest["sources"]) | set(manifest["outputs"]) | {"manifest.json"} == set(files)
    assert {a["state"] for a in manifest["approvals"]} == {"approved"}
    assert {a["approved_by"] for a in manifest["approvals"]} == {"Eva de Vries"}
    assert {(a["signer"], a["signature"]) for a in manifest["approvals"]} == {
        ("test@clausekit.invalid", "verified")
    }
    assert "examples/acme.yaml" in {a["clause"] for a in manifest["approvals"]}
    bundle = Library(release / "bundle")  # the bundle is a library root (contract 4)
    template = bundle.template("mini")
    assert [e.clause.id for e in template.entries] == ["doel", "pers", "geheim", "slot"]
    assert {s.state.value for s in release_module.statuses(template)} == {"approved"}
    # the bundle carries who may sign, so its approvals verify on their own
    assert "bundle/mini/allowed_signers" in files
    assert all(s.publishable for s in release_module.statuses(template, verify=True))


def test_example_docx_house_style_numbering_and_literal_answers(built: tuple[Path, Path, Path]) -> None:
    _, release, _ = built
    path = release / "examples" / "acme.docx"
    paragraphs = docx_text(path)
    assert paragraphs[:3] == [
        ("Title", "Mini-overeenkomst"),
        ("Subtitle", "Versie 1.0.0"),
        ("Date", "15 januari 2026"),
    ]
    headings = [text for style, text in paragraphs if style == "Heading 1"]
    assert headings == ["Artikel 1 Doel", "Artikel 2 Pers", "Artikel 3 Geheimhouding", "Artikel 4 Slot"]
    numbers = [m.group(1) for _, text in paragraphs if (m := re.match(r"(\d+\.\d+) ", text))]
    assert numbers == ["3.1", "3.2", "4.1", "4.2"]
    body = "\n".join(text for _, text in paragraphs)
    assert f"Deze regeling geldt voor {HOSTILE}." in body
    assert "bij Ïne `rm` $HOME." in body and "Zie artikel 3 en artikel 2." in body
    document = docx_part(path, "word/document.xml")
    assert "<script" not in document
    # the only links are the references' internal ones (to a bookmark), none from an answer
    assert all('w:anchor="ck-' in link for link in re.findall(r"<w:hyperlink\b[^>]*>", document)), document
    footer = "".join(docx_part(path, n) for n in _parts(path) if n.startswith("word/footer"))
    assert "pagina " in footer and 'w:instr=" PAGE "' in footer and 'w:instr=" NUMPAGES "' in footer
    core = docx_part(path, "docProps/core.xml")
    assert "<dc:title>Mini-overeenkomst</dc:title>" in core and "<dc:language>nl-NL</dc:language>" in core
    assert "2026-01-15T00:00:00Z" in core
    styles = docx_part(path, "word/styles.xml")
    assert 'w:ascii="Georgia"' in styles and 'w:val="nl-NL"' in styles
    settings = docx_part(path, "word/settings.xml")
    assert '<w:autoHyphenation w:val="true"' in settings and '<w:themeFontLang w:val="nl-NL"' in settings


def _parts(path: Path) -> list[str]:
    import zipfile

    with zipfile.ZipFile(path) as archive:
        return archive.namelist()


def test_pdf_is_archival_text_survives_and_fonts_are_ours(built: tuple[Path, Path, Path]) -> None:
    _, release, _ = built
    path = release / "examples" / "acme.pdf"
    text = pdf_text(path)
    flat = squeeze(text)
    assert squeeze(f"Deze regeling geldt voor {HOSTILE}.") in flat
    assert squeeze("Ïne `rm` $HOME") in flat
    order = [flat.index(squeeze(h)) for h in ("Artikel 1 Doel", "Artikel 2 Pers", "Artikel 3 Geheimhouding")]
    assert order == sorted(order)
    assert "pagina 1 van 1" in text and "Versie 1.0.0" in text
    reader = PdfReader(path)
    metadata = reader.trailer["/Root"]["/Metadata"].get_object().get_data().decode("utf-8")
    assert re.search(r"pdfaid:part(>|=\")2", metadata) and re.search(r"pdfaid:conformance(>|=\")A", metadata)
    fonts = {
        str(font["/BaseFont"]) for page in reader.pages for font in (page["/Resources"]["/Font"].values())
    }
    assert fonts and all("LibertinusSerif" in f for f in fonts)
    review = pdf_text(release / "review.pdf")
    flat_review = squeeze(review)
    for needle in (
        "Niets wordt gedeeld",
        "Vertrouwelijke zaken",
        "Voorwaarde: streng",
        "«naam»",
        "Eva de Vries",
        "«perschef» Naam van de persvoorlichter",
        'alleen gevraagd als: pers == "afdeling"',
    ):
        assert squeeze(needle) in flat_review, needle


def test_two_publishes_are_byte_identical(built: tuple[Path, Path, Path]) -> None:
    _, first, second = built
    assert _tree(first) == _tree(second)


def test_republish_is_a_noop_and_a_changed_text_needs_a_new_version(tmp_path: Path) -> None:
    library = approved_library(tmp_path / "lib")
    out = tmp_path / "dist"
    done = publish(Library(library), Library(library).template("mini"), out)
    before = {p: p.stat().st_mtime_ns for p in done.path.rglob("*")}
    again = publish(Library(library), Library(library).template("mini"), out)
    assert not again.created and {p: p.stat().st_mtime_ns for p in done.path.rglob("*")} == before

    clause = library / "mini" / "doel.md"
    clause.write_text(clause.read_text(encoding="utf-8").replace("geldt", "gold"), encoding="utf-8")
    approve(Library(library).template("mini"), None, by="Jan")
    with pytest.raises(PublishError, match="already published") as info:
        publish(Library(library), Library(library).template("mini"), out)
    assert "raise 'version'" in (info.value.hint or "")
    manifest = library / "mini" / "template.yaml"
    manifest.write_text(manifest.read_text(encoding="utf-8").replace("1.0.0", "1.1.0"), encoding="utf-8")
    assert main(["publish", "--library", str(library), "mini", "--out", str(out)]) == 1  # template.yaml
    approve(Library(library).template("mini"), ["template.yaml"], by="Jan")
    assert publish(Library(library), Library(library).template("mini"), out).created
    assert _listing(out / "mini") == ["1.0.0", "1.1.0"]
    assert {p: p.stat().st_mtime_ns for p in done.path.rglob("*")} == before


def test_a_failure_midway_leaves_the_previous_release_and_no_half_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    library = approved_library(tmp_path / "lib")
    out = tmp_path / "dist"
    previous = publish(Library(library), Library(library).template("mini"), out).path
    snapshot = _tree(previous)
    manifest = library / "mini" / "template.yaml"
    manifest.write_text(manifest.read_text(encoding="utf-8").replace("1.0.0", "1.0.1"), encoding="utf-8")
    approve(Library(library).template("mini"), None, by="Jan")
    calls = []
    real = pdf_module.markdown_to_pdf

    def failing(*args: object, **kwargs: object) -> bytes:
        calls.append(1)
        if len(calls) == 2:  # the review PDF is written; the example's PDF fails
            raise OSError("disk full (simulated)")
        return real(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(pdf_module, "markdown_to_pdf", failing)
    with pytest.raises(OSError, match="simulated"):
        publish(Library(library), Library(library).template("mini"), out)
    assert len(calls) == 2
    assert _listing(out / "mini") == ["1.0.0"]  # no 1.0.1, no hidden partial
    assert _tree(previous) == snapshot


def test_render_to_docx_and_pdf_uses_the_same_writers(tmp_path: Path) -> None:
    library = approved_library(tmp_path / "lib")
    answers = library / "mini" / "examples" / "acme.yaml"
    out = tmp_path / "out"
    assert (
        main(
            [
                "render",
                "--library",
                str(library),
                "mini",
                "-a",
                str(answers),
                "--to",
                "docx,pdf",
                "-o",
                str(out),
            ]
        )
        == 0
    )
    assert ("Heading 1", "Artikel 4 Slot") in docx_text(out / "acme.docx")
    assert "Ïne" in pdf_text(out / "acme.pdf")


def test_shipped_reference_docx_is_what_the_builder_makes() -> None:
    assert REFERENCE_DOCX.read_bytes() == build_reference(), "run: python3 -m toolkit.publish.reference"


@pytest.mark.requires("soffice")
def test_libreoffice_opens_and_converts_the_docx(built: tuple[Path, Path, Path], tmp_path: Path) -> None:
    _, release, _ = built
    profile = (tmp_path / "lo-profile").as_uri()
    result = subprocess.run(
        ["soffice", f"-env:UserInstallation={profile}", "--headless", "--convert-to", "pdf",
         "--outdir", str(tmp_path), str(release / "examples" / "acme.docx")],
        capture_output=True, timeout=180, env={**os.environ, "HOME": str(tmp_path)},
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    text = pdf_text(tmp_path / "acme.pdf")
    assert "Artikel 3 Geheimhouding" in text and "pagina 1 van 1" in text and "Zoë & Ëlif" in text


def test_review_edition_shows_template_logic_as_readable_markers() -> None:
    from toolkit.publish.markdown import _placeholders

    text = _placeholders('{# intern #}Heeft {{ vorm("je", "u") }} {{ naam }}{% if streng %} ook{% endif %}.')
    assert text == r"Heeft «je/u» «naam»⟨if streng⟩ ook⟨endif⟩."


def test_source_date_epoch_fixes_every_timestamp(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import zipfile

    from toolkit.publish.docx import to_docx
    from toolkit.publish.pdf import to_pdf

    library = Library(approved_library(tmp_path / "lib"))
    template = library.template("mini")
    document = library.render(template, library.validate(template, {"naam": "Acme"}))
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")  # 2023-11-14T22:13:20Z
    path = tmp_path / "doc.docx"
    path.write_bytes(to_docx(document))
    assert "2023-11-14T22:13:20Z" in docx_part(path, "docProps/core.xml")
    with zipfile.ZipFile(path) as archive:
        assert {info.date_time for info in archive.infolist()} == {(2023, 11, 14, 22, 13, 20)}
    pdf = tmp_path / "doc.pdf"
    pdf.write_bytes(to_pdf(document))
    assert str(PdfReader(pdf).metadata["/CreationDate"]).startswith("D:20231114221320")
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "gisteren")
    with pytest.raises(UsageError, match="SOURCE_DATE_EPOCH"):
        to_docx(document)
