"""clausekit diff: a redline DOCX with real tracked changes, and an HTML diff."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from publish_helpers import approved_library, docx_part

from toolkit import Library
from toolkit.approvals import approve
from toolkit.cli import main
from toolkit.publish.release import publish

pytestmark = [pytest.mark.slow, pytest.mark.requires("ssh-keygen")]  # approvals are SSH-signed


def test_redline_has_tracked_changes_for_a_changed_sentence(tmp_path: Path) -> None:
    library = approved_library(tmp_path / "lib")
    dist = tmp_path / "dist"
    publish(Library(library), Library(library).template("mini"), dist)
    clause = library / "mini" / "geheim.md"
    text = clause.read_text(encoding="utf-8")
    clause.write_text(text.replace("Ook niet anoniem.", "Ook niet onder een schuilnaam."), encoding="utf-8")

    out = tmp_path / "redline" / "mini.docx"
    lib = ["--library", str(library)]
    assert (
        main(
            ["diff", *lib, "mini", "--from", "1.0.0", "--to", "working", "--dist", str(dist), "-o", str(out)]
        )
        == 0
    )
    document = docx_part(out, "word/document.xml")
    inserted = "".join(re.findall(r"<w:ins\b.*?</w:ins>", document, re.S))
    deleted = "".join(re.findall(r"<w:del\b.*?</w:del>", document, re.S))
    assert "schuilnaam" in inserted and "anoniem" in re.sub(r"<[^>]+>", "", deleted)
    assert "schuilnaam" not in deleted and "Vertrouwelijke zaken" not in inserted + deleted
    html = out.with_suffix(".html").read_text(encoding="utf-8")
    assert "schuilnaam" in html and "anoniem" in html and 'lang="nl-NL"' in html

    # Between two published versions, too; an unknown version is a usage error naming the known ones.
    template = library / "mini" / "template.yaml"
    template.write_text(template.read_text(encoding="utf-8").replace("1.0.0", "1.1.0"), encoding="utf-8")
    approve(Library(library).template("mini"), None, by="Jan")
    publish(Library(library), Library(library).template("mini"), dist)
    second = tmp_path / "redline" / "published.docx"
    args = ["diff", *lib, "mini", "--from", "1.0.0", "--to", "1.1.0", "--dist", str(dist), "-o", str(second)]
    assert main(args) == 0
    assert "schuilnaam" in "".join(
        re.findall(r"<w:ins\b.*?</w:ins>", docx_part(second, "word/document.xml"), re.S)
    )
    assert main(["diff", *lib, "mini", "--from", "0.9.0", "--dist", str(dist), "-o", str(second)]) == 2
