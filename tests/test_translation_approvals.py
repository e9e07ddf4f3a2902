"""An approval of a translation binds the pair: its own text and the source text it was approved
against. When the source changes, the unchanged translation is 'translation out of date' (status,
CK804) and publish refuses it until it is approved again against the new source. On copies of the
bilingual fixture (English source, Dutch edition), signed for real with the test-only key."""

from __future__ import annotations

import datetime as dt
import re
import shutil
from pathlib import Path

import pytest
from conftest import FIXTURES
from test_editions import _edit

from toolkit import Library
from toolkit.approvals import (
    Approval,
    ApprovalState,
    Verdict,
    approval_message,
    approve,
    statuses,
)
from toolkit.checks import check
from toolkit.cli import main
from toolkit.errors import UsageError
from toolkit.locales import interface, locale_for
from toolkit.publish.release import PublishError, publish

pytestmark = pytest.mark.requires("ssh-keygen")  # approvals are SSH-signed

WHEN = dt.datetime(2026, 11, 2, 10, 0, tzinfo=dt.UTC)
DUTCH = Path("services") / "translations" / "nl-NL"
SOURCE_KEYS = {
    "template.yaml", "parties:default", "services:default", "fee:fixed", "fee:hourly",
    "liability:default", "description:default", "examples/hourly.yaml",
}  # fmt: skip
DUTCH_KEYS = {
    "template.yaml@nl-NL", "parties:default@nl-NL", "services:default@nl-NL", "fee:fixed@nl-NL",
    "fee:hourly@nl-NL", "liability:default@nl-NL", "description:default@nl-NL", "examples/hourly.yaml@nl-NL",
}  # fmt: skip


@pytest.fixture
def library(tmp_path: Path) -> Path:
    """A writable copy of the bilingual fixture whose allowed_signers lists the test key."""
    root = tmp_path / "lib"
    shutil.copytree(FIXTURES / "bilingual", root)
    shutil.copyfile(FIXTURES / "mini" / "mini" / "allowed_signers", root / "allowed_signers")
    return root


def _states(root: Path) -> dict[str, ApprovalState]:
    return {s.key: s.state for s in statuses(Library(root).template("services"))}


def _approve_all(root: Path) -> None:
    template = Library(root).template("services")
    assert {s.key for s in approve(template, None, by="Eva", when=WHEN)} == SOURCE_KEYS
    assert {s.key for s in approve(template.edition("nl-NL"), None, by="Jan", when=WHEN)} == DUTCH_KEYS


def _publish(root: Path, out: Path) -> None:
    library = Library(root)
    publish(library, library.template("services"), out)


def test_every_translated_text_is_a_unit_of_its_own_bound_to_its_source(library: Path) -> None:
    assert _states(library) == dict.fromkeys(SOURCE_KEYS | DUTCH_KEYS, ApprovalState.NEW)
    template = Library(library).template("services")
    # approving the source approves no translation, and an edition's approval only its own texts
    approve(template, None, by="Eva", when=WHEN)
    assert {k for k, s in _states(library).items() if s is ApprovalState.NEW} == DUTCH_KEYS
    assert {s.key for s in statuses(template.edition("nl"))} == DUTCH_KEYS  # an edition's own units
    approve(template.edition("nl"), None, by="Jan", when=WHEN)
    current = {s.key: s for s in statuses(Library(library).template("services"), verify=True)}
    assert all(s.publishable for s in current.values())
    fee, dutch_fee = current["fee:hourly"], current["fee:hourly@nl-NL"]
    assert dutch_fee.source_digest == fee.digest and dutch_fee.digest != fee.digest
    assert dutch_fee.location.path == library / DUTCH / "fee.md" and dutch_fee.location.line == 14
    lock = (library / "services" / "approvals.yaml").read_text(encoding="utf-8")
    entry = re.search(r"^fee:hourly@nl-NL:\n((?:  .*\n)+)", lock, re.M)
    assert entry is not None
    assert (
        f"  sha256: {dutch_fee.digest}\n  source_sha256: {fee.digest}\n  approved_by: Jan\n" in entry.group(1)
    )
    assert "source_sha256" not in re.search(r"^fee:hourly:\n((?:  .*\n)+)", lock, re.M).group(1)  # type: ignore[union-attr]


def test_the_signed_message_of_a_source_approval_keeps_its_old_bytes() -> None:
    """Existing signatures stay valid: only a translation's message has the source_sha256 line."""
    approval = Approval("ab" * 32, "Eva", "2026-02-01T09:30:00Z", None)
    assert approval_message("mini", "doel:default", approval) == (
        b"clausekit-approval v1\n"
        b'template: "mini"\n'
        b'entry: "doel:default"\n'
        b'sha256: "' + b"ab" * 32 + b'"\n'
        b'approved_by: "Eva"\n'
        b'approved_at: "2026-02-01T09:30:00Z"\n'
        b"note: null\n"
    )
    translated = Approval("ab" * 32, "Eva", "2026-02-01T09:30:00Z", None, source_sha256="cd" * 32)
    message = approval_message("mini", "doel:default@en-GB", translated)
    assert b'sha256: "' + b"ab" * 32 + b'"\nsource_sha256: "' + b"cd" * 32 + b'"\napproved_by' in message


def test_the_full_round_source_changes_translation_out_of_date_publish_refuses_reapprove_publishes(
    library: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _approve_all(library)
    _publish(library, tmp_path / "dist1")
    assert (tmp_path / "dist1" / "services" / "1.0.0" / "manifest.json").is_file()

    # A sentence of the source changes: its own approval is void, its translation out of date.
    _edit(library / "services" / "fee.md", "excluding VAT", "excluding VAT and travel costs")
    states = _states(library)
    assert states["fee:hourly"] is ApprovalState.CHANGED
    assert states["fee:hourly@nl-NL"] is ApprovalState.OUTDATED
    assert {k for k, s in states.items() if s is not ApprovalState.APPROVED} == {
        "fee:hourly",
        "fee:hourly@nl-NL",
    }

    lib = ["--library", str(library)]
    assert main(["--lang", "en", "status", *lib, "services"]) == 1
    out = capsys.readouterr().out
    where = library / DUTCH / "fee.md"
    shown = rf"\n  translation out of date  fee:hourly@nl-NL +{where}:14  \(last approved by Jan,"
    assert re.search(shown, out)
    assert "14 approved, 1 changed since approval, 0 never approved, 1 translations out of date" in out
    assert main(["status", *lib, "services"]) == 1  # the Dutch interface
    assert "vertaling verouderd  fee:hourly@nl-NL" in capsys.readouterr().out

    findings = check(Library(library), "services", select=["CK8"]).findings
    assert [(f.code, f.location.path, f.location.line) for f in findings if f.location] == [
        ("CK801", library / "services" / "fee.md", 18),
        ("CK804", where, 14),
    ]

    assert main(["--lang", "en", "publish", *lib, "services", "--out", str(tmp_path / "dist2")]) == 1
    err = capsys.readouterr().err
    assert (
        f"{where}:14: fee:hourly@nl-NL is a translation out of date: its source changed since it was approved"
        in err
    )
    assert not (tmp_path / "dist2").joinpath("services", "1.0.0").exists()

    # Approving the new source does not approve its translation: that is a reviewer's act of its own.
    assert [s.key for s in approve(Library(library).template("services"), None, by="Eva")] == ["fee:hourly"]
    with pytest.raises(PublishError, match="1 problem"):
        _publish(library, tmp_path / "dist2")

    # The Dutch reviewer approves the translation against the new source (here unchanged text).
    assert main(["--lang", "en", "approve", *lib, "services", "fee:hourly@nl-NL", "--by", "Jan"]) == 0
    assert "approved  fee:hourly@nl-NL" in capsys.readouterr().out
    assert set(_states(library).values()) == {ApprovalState.APPROVED}
    _publish(library, tmp_path / "dist2")
    assert (tmp_path / "dist2" / "services" / "1.0.0" / "manifest.json").is_file()


def test_a_changed_translation_is_changed_a_changed_condition_or_template_yaml_makes_it_out_of_date(
    library: Path,
) -> None:
    _approve_all(library)
    _edit(library / DUTCH / "liability.md", "twaalf maanden", "12 maanden")
    _edit(library / "services" / "fee.md", 'when: fee == "fixed"', 'when: fee != "hourly"')
    _edit(
        library / "services" / "template.yaml", "title: Services Agreement", "title: Agreement for Services"
    )
    states = _states(library)
    assert states["liability:default@nl-NL"] is ApprovalState.CHANGED
    assert states["liability:default"] is ApprovalState.APPROVED
    assert (
        states["fee:fixed"] is ApprovalState.CHANGED and states["fee:fixed@nl-NL"] is ApprovalState.OUTDATED
    )
    assert states["template.yaml"] is ApprovalState.CHANGED
    assert states["template.yaml@nl-NL"] is ApprovalState.OUTDATED
    done = approve(Library(library).template("services").edition("nl-NL"), ["fee", "template.yaml"], by="Jan")
    assert [s.key for s in done] == ["template.yaml@nl-NL", "fee:fixed@nl-NL"]


def test_an_out_of_date_translation_made_current_by_hand_is_refused(
    library: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The attack: the source changed, and someone writes its new digest as source_sha256 by hand."""
    _approve_all(library)
    _edit(library / "services" / "services.md", "with due care", "with all due care")
    template = Library(library).template("services")
    approve(template, None, by="Eva")
    current = {s.key: s for s in statuses(template)}
    assert current["services:default@nl-NL"].state is ApprovalState.OUTDATED
    lock = library / "services" / "approvals.yaml"
    text = lock.read_text(encoding="utf-8")
    old = re.search(r"^services:default@nl-NL:\n  sha256: \w+\n  source_sha256: (\w+)", text, re.M)
    assert old is not None
    lock.write_text(text.replace(old.group(1), current["services:default"].digest), encoding="utf-8")
    forged = {s.key: s for s in statuses(Library(library).template("services"), verify=True)}
    assert forged["services:default@nl-NL"].state is ApprovalState.APPROVED  # the digests fit ...
    assert forged["services:default@nl-NL"].signature is Verdict.INVALID  # ... the signature does not
    with pytest.raises(PublishError, match="1 problem") as info:
        _publish(library, tmp_path / "dist")
    assert "services:default@nl-NL: de handtekening past niet bij deze goedkeuring" in info.value.format()


def test_an_untranslated_text_is_no_unit_and_publish_refuses_the_edition_for_it(
    library: Path, tmp_path: Path
) -> None:
    _approve_all(library)
    (library / DUTCH / "liability.md").unlink()
    assert "liability:default@nl-NL" not in _states(library)
    assert set(_states(library).values()) == {ApprovalState.APPROVED}
    with pytest.raises(PublishError) as info:
        _publish(library, tmp_path / "dist")
    assert "CK951" in info.value.format() and "liability" in info.value.format()


def test_approve_names_an_edition_by_doc_lang_or_by_tag(
    library: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    lib = ["--library", str(library)]
    assert main(["approve", *lib, "services", "fee", "--doc-lang", "nl", "--by", "Jan"]) == 0
    assert main(["approve", *lib, "services", "parties@nl-NL", "template.yaml@nl", "--by", "Jan"]) == 0
    approved = {k for k, s in _states(library).items() if s is ApprovalState.APPROVED}
    assert approved == {"fee:fixed@nl-NL", "fee:hourly@nl-NL", "parties:default@nl-NL", "template.yaml@nl-NL"}
    assert main(["approve", *lib, "services", "--doc-lang", "en-GB", "--by", "Eva"]) == 0  # the source
    assert {k for k, s in _states(library).items() if s is ApprovalState.NEW} == DUTCH_KEYS - approved
    capsys.readouterr()
    assert main(["--lang", "en", "approve", *lib, "services", "fee@de-DE", "--by", "Jan"]) == 2
    assert "has no edition in 'de-DE'" in capsys.readouterr().err
    with pytest.raises(UsageError) as error:
        approve(Library(library).template("services").edition("nl-NL"), ["examples"], by="Jan")
    with interface(locale_for("nl")), pytest.raises(UsageError) as dutch:
        approve(Library(library).template("services"), ["fee:hourlyy"], by="Jan")
    assert "'examples'" in str(error.value)
    assert "'fee:hourlyy' is geen clausule of clausule:variant van services" in str(dutch.value)
    assert "varianten van 'fee': fixed, hourly" in (dutch.value.hint or "")
