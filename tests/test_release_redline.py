"""A release carries the redline from the newest earlier release kept under <template>/releases/<version>/.

Real parts throughout: the mini library approved with SSH signatures, published by ``publish``, the
redline made by python-redlines' engine; assertions on the DOCX's tracked changes and the HTML diff.
"""

from __future__ import annotations

import hashlib
import json
import re
import shutil
from pathlib import Path

import pytest
from conftest import FLAGSHIP, ROOT
from publish_helpers import approved_library, docx_part

from toolkit import Library
from toolkit.approvals import approve
from toolkit.cli import main
from toolkit.publish.redline import BUNDLE
from toolkit.publish.release import (
    MANIFEST,
    RELEASES,
    PublishError,
    kept_template,
    previous_release,
    publish,
)

pytestmark = [pytest.mark.slow, pytest.mark.requires("ssh-keygen")]  # approvals are SSH-signed

OLD, NEW = "Ook niet anoniem.", "Ook niet onder een schuilnaam."


def _keep(release: Path, library: Path, version: str) -> Path:
    """Keep a published release in the library as the rule says: its bundle/ and manifest.json."""
    kept = library / "mini" / RELEASES / version
    shutil.copytree(release / BUNDLE, kept / BUNDLE)
    shutil.copyfile(release / MANIFEST, kept / MANIFEST)
    return kept


def _second_version(library: Path) -> None:
    """Change one sentence, raise the version, approve."""
    clause = library / "mini" / "geheim.md"
    clause.write_text(clause.read_text(encoding="utf-8").replace(OLD, NEW), encoding="utf-8")
    template = library / "mini" / "template.yaml"
    template.write_text(template.read_text(encoding="utf-8").replace("1.0.0", "1.1.0"), encoding="utf-8")
    approve(Library(library).template("mini"), None, by="Jan")


def _tracked(document: str, tag: str) -> str:
    return re.sub(r"<[^>]+>", "", "".join(re.findall(rf"<w:{tag}\b.*?</w:{tag}>", document, re.S)))


@pytest.fixture(scope="module")
def two_releases(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """The mini library published as 1.0.0, that release kept, then 1.1.0 published (library, dist)."""
    base = tmp_path_factory.mktemp("redline")
    library = approved_library(base / "lib")
    dist = base / "dist"
    first = publish(Library(library), Library(library).template("mini"), dist)
    assert not any(p.name.startswith("redline-") for p in first.path.iterdir())  # nothing to compare with
    _keep(first.path, library, "1.0.0")
    _second_version(library)
    lib = ["--library", str(library)]
    assert main(["publish", *lib, "mini", "--out", str(dist)]) == 0  # through the command line
    return library, dist


def test_the_release_holds_the_redline_with_the_change_tracked(
    two_releases: tuple[Path, Path],
) -> None:
    _, dist = two_releases
    release = dist / "mini" / "1.1.0"
    docx, page = release / "redline-1.0.0-1.1.0.docx", release / "redline-1.0.0-1.1.0.html"
    document = docx_part(docx, "word/document.xml")
    inserted, deleted = _tracked(document, "ins"), _tracked(document, "del")
    assert "schuilnaam" in inserted and "anoniem" in deleted
    assert "schuilnaam" not in deleted and "Vertrouwelijke zaken" not in inserted + deleted
    html = page.read_text(encoding="utf-8")
    assert "schuilnaam" in html and "anoniem" in html and "1.0.0" in html and "1.1.0" in html
    manifest = json.loads((release / MANIFEST).read_text(encoding="utf-8"))
    for path in (docx, page):
        assert manifest["outputs"][path.name] == hashlib.sha256(path.read_bytes()).hexdigest()
    # the kept release is not part of the new bundle: the bundle is the approved sources of 1.1.0 only
    assert not any(name.startswith(f"{BUNDLE}/mini/{RELEASES}/") for name in manifest["sources"])


def test_the_redline_is_reproducible(two_releases: tuple[Path, Path], tmp_path: Path) -> None:
    library, dist = two_releases
    again = publish(Library(library), Library(library).template("mini"), tmp_path / "again")
    for name in ("redline-1.0.0-1.1.0.docx", "redline-1.0.0-1.1.0.html", MANIFEST):
        assert (again.path / name).read_bytes() == (dist / "mini" / "1.1.0" / name).read_bytes(), name


def test_an_edited_kept_release_is_refused_and_nothing_is_written(
    two_releases: tuple[Path, Path], tmp_path: Path
) -> None:
    library = tmp_path / "lib"
    shutil.copytree(two_releases[0], library)
    kept = library / "mini" / RELEASES / "1.0.0" / BUNDLE / "mini" / "geheim.md"
    kept.write_text(kept.read_text(encoding="utf-8").replace("anoniem", "geanonimiseerd"), encoding="utf-8")
    out = tmp_path / "dist"
    with pytest.raises(PublishError) as info:
        publish(Library(library), Library(library).template("mini"), out)
    assert any("bundle/mini/geheim.md differs from the manifest" in p for p in info.value.problems)
    assert not (out / "mini" / "1.1.0").exists()


def test_the_newest_older_kept_release_is_compared(two_releases: tuple[Path, Path], tmp_path: Path) -> None:
    library = tmp_path / "lib"
    shutil.copytree(two_releases[0], library)
    releases = library / "mini" / RELEASES
    (releases / "0.9.0").mkdir()  # older: not chosen
    (releases / "2.0.0").mkdir()  # newer than the version being published: never compared
    (releases / "notes").mkdir()  # not a version
    template = Library(library).template("mini")
    assert previous_release(template) == releases / "1.0.0"
    assert kept_template(template, releases / "1.0.0").version == "1.0.0"


def test_the_flagship_keeps_its_1_0_0_release_intact() -> None:
    """The shipped library: publishing the flagship compares with the 1.0.0 release kept beside it."""
    template = Library(ROOT / "clauses").template(FLAGSHIP)
    kept = previous_release(template)
    assert kept is not None and kept.name == "1.0.0" and template.version == "1.1.0"
    old = kept_template(template, kept)  # raises when the kept bundle differs from its manifest
    assert old.version == "1.0.0"
    assert "ondernemingsraad" in {e.clause.id for e in old.entries}
    assert "klokkenluiders" in {e.clause.id for e in template.entries}
