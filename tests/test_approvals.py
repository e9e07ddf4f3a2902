"""Approvals are bound to content and signed: an edit voids its approval, a hand-made or edited
approval is refused, and only keys in allowed_signers may approve; the lock file and the CLI."""

from __future__ import annotations

import datetime as dt
import re
import shutil
import subprocess
from collections.abc import Callable
from pathlib import Path

import pytest
from conftest import FLAGSHIP, ROOT, TEST_KEY

from toolkit import Library
from toolkit.approvals import (
    ApprovalState,
    SigningError,
    Verdict,
    approve,
    lock_path,
    normalise,
    statuses,
)
from toolkit.cli import main
from toolkit.errors import LoadError, UsageError
from toolkit.publish.release import PublishError, publish
from toolkit.signing import NAMESPACE
from toolkit.writers import to_html

pytestmark = pytest.mark.requires("ssh-keygen")  # approvals are SSH-signed


@pytest.fixture(autouse=True)
def english_interface(monkeypatch: pytest.MonkeyPatch) -> None:
    """These tests read the English messages (test_cli_speaks_dutch_too reads the Dutch ones)."""
    monkeypatch.setenv("CLAUSEKIT_LANG", "en")


WHEN = dt.datetime(2026, 2, 1, 9, 30, tzinfo=dt.UTC)
PRINCIPAL = "test@clausekit.invalid"  # of the test-only key, tests/fixtures/keys


def _states(root: Path) -> dict[str, ApprovalState]:
    return {s.key: s.state for s in statuses(Library(root).template("mini"))}


def _verdicts(root: Path) -> dict[str, Verdict | None]:
    return {s.key: s.signature for s in statuses(Library(root).template("mini"), verify=True)}


def _new_key(folder: Path, name: str = "key") -> Path:
    """A throw-away ed25519 key without a passphrase."""
    key = folder / name
    subprocess.run(
        ["ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-C", name, "-f", str(key)], check=True, timeout=30
    )
    return key


def _allowed_line(principal: str, key: Path, options: str = f'namespaces="{NAMESPACE}"') -> str:
    public = " ".join(key.with_name(key.name + ".pub").read_text(encoding="utf-8").split()[:2])
    return f"{principal} {options} {public}\n"


def _refusal(root: Path, capsys: pytest.CaptureFixture[str], tmp: Path) -> str:
    """What `clausekit publish` prints when it refuses (it must refuse)."""
    capsys.readouterr()
    assert main(["publish", "--library", str(root), "mini", "--out", str(tmp / "dist")]) == 1
    assert not (tmp / "dist" / "mini" / "1.0.0").exists()
    return capsys.readouterr().err


def _line_of(path: Path, text: str) -> int:
    return next(n for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1) if text in line)


def test_new_then_approved_then_changed_by_an_edit(mini_library: Path) -> None:
    assert set(_states(mini_library).values()) == {ApprovalState.NEW}
    done = approve(Library(mini_library).template("mini"), None, by="Eva de Vries", note="eerste", when=WHEN)
    assert {s.key for s in done} == {
        "template.yaml", "doel:default", "pers:default", "geheim:streng", "geheim:gewoon", "slot:default"
    }  # fmt: skip
    assert {s.signer for s in done} == {PRINCIPAL}
    assert set(_states(mini_library).values()) == {ApprovalState.APPROVED}
    assert set(_verdicts(mini_library).values()) == {Verdict.VERIFIED}
    lock = lock_path(Library(mini_library).template("mini")).read_text(encoding="utf-8")
    assert "approved_by: Eva de Vries" in lock and "2026-02-01T09:30:00Z" in lock and "note: eerste" in lock
    assert f"signer: {PRINCIPAL}" in lock and lock.count("-----BEGIN SSH SIGNATURE-----") == 6

    clause = mini_library / "mini" / "geheim.md"
    clause.write_text(clause.read_text(encoding="utf-8").replace("Niets", "Bijna niets"), encoding="utf-8")
    states = _states(mini_library)
    assert states["geheim:streng"] is ApprovalState.CHANGED
    assert states["geheim:gewoon"] is ApprovalState.APPROVED
    changed = next(s for s in statuses(Library(mini_library).template("mini")) if s.key == "geheim:streng")
    assert changed.approved_by == "Eva de Vries" and changed.location.line == 11


def test_normalise_keeps_trailing_whitespace_that_makes_a_line_break() -> None:
    assert normalise("a \r\nb\r\n\r\n") == normalise("a\nb") == "a\nb\n"
    assert normalise("a  \nb") == normalise("a     \nb") == normalise("a\t\nb") == "a  \nb\n"
    assert normalise("a  \nb") != normalise("a\nb")
    assert normalise("a\u00a0\nb") != normalise("a\nb")  # not Markdown whitespace: shown


def test_layout_edits_keep_the_approval_a_hard_line_break_or_a_condition_voids_it(mini_library: Path) -> None:
    approve(Library(mini_library).template("mini"), None, by="Eva", when=WHEN)
    clause = mini_library / "mini" / "slot.md"
    text = clause.read_text(encoding="utf-8")
    clause.write_bytes(text.replace("\n", " \r\n").encode("utf-8") + b"\r\n\r\n")
    assert _states(mini_library)["slot:default"] is ApprovalState.APPROVED

    # Two trailing spaces are a Markdown hard line break: the output changes, so must the digest.
    library = Library(mini_library)
    answers = {"naam": "X", "start": "2026-01-01", "pers": "afdeling"}
    before = to_html(library.render("mini", library.validate("mini", answers)))
    clause.write_text(text.replace(" en {{", "  \nen {{"), encoding="utf-8")
    library = Library(mini_library)
    after = to_html(library.render("mini", library.validate("mini", answers)))
    assert "<br" in after and "<br" not in before
    assert _states(mini_library)["slot:default"] is ApprovalState.CHANGED

    geheim = mini_library / "mini" / "geheim.md"
    source = geheim.read_text(encoding="utf-8")
    assert "when: streng" in source
    geheim.write_text(source.replace("when: streng", "when: not streng", 1), encoding="utf-8")
    assert _states(mini_library)["geheim:streng"] is ApprovalState.CHANGED


def test_approve_selected_targets_only(mini_library: Path) -> None:
    template = Library(mini_library).template("mini")
    done = approve(template, ["geheim:gewoon", "pers"], by="Jan", when=WHEN)
    assert [s.key for s in done] == ["pers:default", "geheim:gewoon"]
    states = _states(mini_library)
    assert states["geheim:streng"] is ApprovalState.NEW and states["pers:default"] is ApprovalState.APPROVED
    with pytest.raises(UsageError, match="not a clause") as info:
        approve(template, ["geheim:strenger"], by="Jan")
    assert "streng" in (info.value.hint or "")
    with pytest.raises(UsageError, match="name"):
        approve(template, None, by="   ")


def test_a_damaged_lock_file_is_a_load_error_with_its_line(mini_library: Path) -> None:
    (mini_library / "mini" / "approvals.yaml").write_text(
        "doel:default:\n  sha256: abc\n  approved_by: X\n  approved_at: '2026'\npers:default: ja\n",
        encoding="utf-8",
    )
    with pytest.raises(LoadError) as info:
        statuses(Library(mini_library).template("mini"))
    assert info.value.location is not None and info.value.location.line == 5


@pytest.mark.parametrize(
    ("field", "forge"),
    [
        ("sha256", lambda text: re.sub(r"sha256: \w+", "sha256: " + "0" * 64, text, count=1)),
        ("approved_by", lambda text: text.replace("approved_by: Eva", "approved_by: Mr. B. Baas", 1)),
        ("approved_at", lambda text: text.replace("2026-02-01T09:30:00Z", "2025-01-01T00:00:00Z", 1)),
    ],
)
def test_an_approval_edited_by_hand_is_refused_at_its_line(
    mini_library: Path,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    field: str,
    forge: Callable[[str], str],
) -> None:
    approve(Library(mini_library).template("mini"), None, by="Eva", when=WHEN)
    lock = mini_library / "mini" / "approvals.yaml"
    text = lock.read_text(encoding="utf-8")
    forged = forge(text)
    assert forged != text
    lock.write_text(forged, encoding="utf-8")
    err = _refusal(mini_library, capsys, tmp_path)
    if field == "sha256":  # a digest that fits no text: refused as changed, at the clause
        assert _states(mini_library)["doel:default"] is ApprovalState.CHANGED
        assert "doel:default is changed since it was approved" in err
        return
    assert _verdicts(mini_library)["doel:default"] is Verdict.INVALID
    line = _line_of(lock, "doel:default:")
    assert f"{lock}:{line}: doel:default: the signature does not match this approval" in err
    assert "hint:" in err and "allowed_signers" in err


def test_a_forged_digest_for_edited_text_is_refused(
    mini_library: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The attack: change an approved clause, then write its new sha256 into approvals.yaml by hand."""
    approve(Library(mini_library).template("mini"), None, by="Eva", when=WHEN)
    clause = mini_library / "mini" / "geheim.md"
    clause.write_text(clause.read_text(encoding="utf-8").replace("Niets", "Alles"), encoding="utf-8")
    status = next(s for s in statuses(Library(mini_library).template("mini")) if s.key == "geheim:streng")
    assert status.state is ApprovalState.CHANGED
    lock = mini_library / "mini" / "approvals.yaml"
    text = lock.read_text(encoding="utf-8")
    old = re.search(r"geheim:streng:\n(?:  .*\n)*?  sha256: (\w+)", text)
    assert old is not None
    lock.write_text(text.replace(old.group(1), status.digest), encoding="utf-8")
    assert _states(mini_library)["geheim:streng"] is ApprovalState.APPROVED  # the digest fits now ...
    assert _verdicts(mini_library)["geheim:streng"] is Verdict.INVALID  # ... the signature does not
    err = _refusal(mini_library, capsys, tmp_path)
    assert f"{lock}:{_line_of(lock, 'geheim:streng:')}: geheim:streng: the signature does not match" in err


def test_a_signature_moved_from_another_entry_or_removed_is_refused(
    mini_library: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    approve(Library(mini_library).template("mini"), None, by="Eva", when=WHEN)
    lock = mini_library / "mini" / "approvals.yaml"
    text = lock.read_text(encoding="utf-8")
    signatures = re.findall(r"-----BEGIN SSH SIGNATURE-----\n.*?-----END SSH SIGNATURE-----", text, re.S)
    assert len(set(signatures)) == 6  # one per entry: each signs its own entry
    lock.write_text(text.replace(signatures[0], signatures[1], 1), encoding="utf-8")
    assert _verdicts(mini_library)["doel:default"] is Verdict.INVALID

    # The old, unsigned format: anyone could have written it.
    unsigned = re.sub(r"  signer: .*\n  signature: \|-?\n(?:    .*\n)+", "", text)
    assert "BEGIN SSH SIGNATURE" not in unsigned and "signer:" not in unsigned
    lock.write_text(unsigned, encoding="utf-8")
    assert set(_verdicts(mini_library).values()) == {Verdict.UNSIGNED}
    err = _refusal(mini_library, capsys, tmp_path)
    assert f"{lock}:{_line_of(lock, 'slot:default:')}: slot:default: the approval is not signed" in err
    assert main(["status", "--library", str(mini_library), "mini"]) == 1
    assert "signature test@clausekit.invalid: unsigned" not in capsys.readouterr().out  # no signer
    # approve signs what is approved but unsigned, keeping nothing unverifiable
    done = approve(Library(mini_library).template("mini"), None, by="Eva", when=WHEN)
    assert len(done) == 6 and set(_verdicts(mini_library).values()) == {Verdict.VERIFIED}


def test_a_key_not_in_allowed_signers_cannot_approve_nor_be_forged_in(
    mini_library: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    stranger = _new_key(tmp_path, "stranger")
    template = Library(mini_library).template("mini")
    with pytest.raises(SigningError, match="may not approve mini") as info:
        approve(template, None, by="Mallory", key=stranger)
    assert "allowed_signers" in (info.value.hint or "") and NAMESPACE in (info.value.hint or "")
    assert not lock_path(template).exists()

    # Forged by hand: a real signature by the stranger's key, claiming an allowed principal.
    from toolkit.approvals import Approval, approval_message, dump_lock, write_lock
    from toolkit.signing import sign

    lock = {}
    for status in statuses(template):
        approval = Approval(status.digest, "Eva", "2026-02-01T09:30:00Z")
        signature = sign(approval_message("mini", status.key, approval), str(stranger))
        lock[status.key] = Approval(
            approval.sha256, "Eva", approval.approved_at, signer=PRINCIPAL, signature=signature
        )
    write_lock(template, lock)
    assert "BEGIN SSH SIGNATURE" in dump_lock(lock)
    assert set(_verdicts(mini_library).values()) == {Verdict.NOT_ALLOWED}
    err = _refusal(mini_library, capsys, tmp_path)
    path = lock_path(template)
    assert (
        f"{path}:{_line_of(path, 'doel:default:')}: doel:default: the signer is not in allowed_signers" in err
    )

    # Allowed for another template only: the mapping of principals to templates holds.
    shutil.copytree(mini_library / "mini", mini_library / "ander")
    (mini_library / "ander" / "approvals.yaml").unlink()
    yaml = mini_library / "ander" / "template.yaml"
    yaml.write_text(yaml.read_text(encoding="utf-8").replace("id: mini", "id: ander", 1), encoding="utf-8")
    (mini_library / "ander" / "allowed_signers").write_text(_allowed_line("mallory@x", stranger))
    approve(Library(mini_library).template("ander"), None, by="Mallory", key=stranger)
    assert {s.signature for s in statuses(Library(mini_library).template("ander"), verify=True)} == {
        Verdict.VERIFIED
    }
    with pytest.raises(SigningError, match="may not approve mini"):
        approve(Library(mini_library).template("mini"), None, by="Mallory", key=stranger)
    # and an approval signed for 'ander' does not count for 'mini', whose signers it lists
    (mini_library / "allowed_signers").write_text(_allowed_line("mallory@x", stranger))  # library-wide
    shutil.copyfile(mini_library / "ander" / "approvals.yaml", mini_library / "mini" / "approvals.yaml")
    assert set(_verdicts(mini_library).values()) - {None} == {Verdict.INVALID}  # signed for 'ander'


def test_allowed_signers_namespaces_and_validity(mini_library: Path, tmp_path: Path) -> None:
    key = _new_key(tmp_path)
    allowed = mini_library / "mini" / "allowed_signers"
    allowed.write_text(_allowed_line("git@x", key, 'namespaces="git"'), encoding="utf-8")
    template = Library(mini_library).template("mini")
    with pytest.raises(SigningError, match="not for approvals"):
        approve(template, None, by="Eva", key=key)
    # A key retired later (valid-before) keeps the approvals it signed while it was valid.
    allowed.write_text(_allowed_line("eva@x", key, f'namespaces="{NAMESPACE}",valid-before="20260301"'))
    approve(template, None, by="Eva", key=key, when=WHEN)
    assert set(_verdicts(mini_library).values()) == {Verdict.VERIFIED}
    allowed.write_text(_allowed_line("eva@x", key, f'namespaces="{NAMESPACE}",valid-before="20260115"'))
    assert set(_verdicts(mini_library).values()) == {Verdict.NOT_ALLOWED}


def test_no_key_or_no_ssh_keygen_is_a_clear_error(
    mini_library: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("GIT_CONFIG_COUNT", "0")
    monkeypatch.setenv("GIT_CONFIG_GLOBAL", str(tmp_path / "none"))
    monkeypatch.setenv("GIT_CONFIG_NOSYSTEM", "1")
    lib = ["--library", str(mini_library)]
    assert main(["approve", *lib, "mini", "--by", "Eva"]) == 2
    err = capsys.readouterr().err
    assert "no SSH key" in err and "--key" in err and "user.signingkey" in err
    assert main(["approve", *lib, "mini", "--by", "Eva", "--key", str(tmp_path / "missing")]) == 2
    assert "signing key not found" in capsys.readouterr().err
    key = _new_key(tmp_path)
    monkeypatch.setenv("PATH", str(tmp_path / "empty"))
    assert main(["approve", *lib, "mini", "--by", "Eva", "--key", str(key)]) == 2
    err = capsys.readouterr().err
    assert "ssh-keygen was not found" in err and "openssh" in err.lower()
    assert not (mini_library / "mini" / "approvals.yaml").exists()


def test_examples_are_approved_like_variants(
    mini_library: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    approve(Library(mini_library).template("mini"), None, by="Eva", when=WHEN)
    examples = mini_library / "mini" / "examples"
    examples.mkdir()
    example = examples / "acme.yaml"
    example.write_text("naam: Acme\nstart: 2026-03-01\n", encoding="utf-8")
    assert _states(mini_library)["examples/acme.yaml"] is ApprovalState.NEW
    assert f"{example}:1: examples/acme.yaml is never approved" in _refusal(mini_library, capsys, tmp_path)
    done = approve(Library(mini_library).template("mini"), ["examples"], by="Eva", when=WHEN)
    assert [s.key for s in done] == ["examples/acme.yaml"]
    assert _verdicts(mini_library)["examples/acme.yaml"] is Verdict.VERIFIED
    example.write_text("naam: Acme Holding\nstart: 2026-03-01\n", encoding="utf-8")
    assert _states(mini_library)["examples/acme.yaml"] is ApprovalState.CHANGED
    with pytest.raises(PublishError, match="1 problem"):
        publish(Library(mini_library), Library(mini_library).template("mini"), tmp_path / "dist")


def test_cli_approve_and_status(mini_library: Path, capsys: pytest.CaptureFixture[str]) -> None:
    lib = ["--library", str(mini_library)]
    assert main(["status", *lib, "mini"]) == 1
    assert "6 never approved" in capsys.readouterr().out
    assert main(["approve", *lib, "mini", "--by", ""]) == 2
    assert "name is empty" in capsys.readouterr().err
    assert main(["approve", *lib, "mini", "doel", "--by", "Eva", "--note", "ok"]) == 0
    assert "approved  doel:default" in capsys.readouterr().out
    assert main(["status", *lib, "mini"]) == 1
    out = capsys.readouterr().out
    assert "approved  doel:default" in out and "new       pers:default" in out
    assert f"signature {PRINCIPAL}: verified" in out
    assert main(["approve", *lib, "mini", "--by", "Eva"]) == 0
    capsys.readouterr()
    assert main(["status", *lib, "mini"]) == 0
    out = capsys.readouterr().out
    assert "6 approved, 0 changed since approval, 0 never approved" in out
    assert "signatures: 6 verified, 0 unsigned, 0 invalid, 0 signer not allowed" in out
    lock = mini_library / "mini" / "approvals.yaml"
    lock.write_text(lock.read_text(encoding="utf-8").replace("approved_by: Eva", "approved_by: Eve", 1))
    assert main(["status", *lib, "mini"]) == 1
    out = capsys.readouterr().out
    assert f"signature {PRINCIPAL}: invalid ({lock}:" in out and "1 invalid" in out


def test_cli_speaks_dutch_too(mini_library: Path, capsys: pytest.CaptureFixture[str]) -> None:
    lib = ["--library", str(mini_library)]
    assert main(["--lang", "nl", "approve", *lib, "mini", "doel", "--by", "Eva"]) == 0
    assert "goedgekeurd  doel:default" in capsys.readouterr().out
    assert main(["--lang", "nl", "status", *lib, "mini"]) == 1
    out = capsys.readouterr().out
    assert "goedgekeurd  doel:default" in out and "nieuw        pers:default" in out
    assert f"handtekening {PRINCIPAL}: geverifieerd" in out
    assert "1 goedgekeurd, 0 gewijzigd sinds goedkeuring, 5 nooit goedgekeurd" in out
    assert "handtekeningen: 1 geverifieerd, 0 niet ondertekend, 0 ongeldig" in out
    assert main(["--lang", "nl", "approve", *lib, "mini", "doel:strengst", "--by", "Eva"]) == 2
    assert "'doel:strengst' is geen clausule of clausule:variant van mini" in capsys.readouterr().err
    assert main(["--lang", "nl", "publish", *lib, "mini", "--out", str(mini_library / "dist")]) == 1
    refused = capsys.readouterr().err
    assert f"{mini_library / 'mini' / 'pers.md'}:5: pers:default is nooit goedgekeurd" in refused


def test_the_shipped_library_is_signed_by_its_team_key_only() -> None:
    template = Library(ROOT / "clauses").template(FLAGSHIP)
    current = statuses(template, verify=True)
    assert all(s.publishable for s in current), [s.key for s in current if not s.publishable]
    assert {s.signer for s in current} == {"redactie@clausekit"}
    assert any(s.key.startswith("examples/") for s in current)
    test_key = " ".join(TEST_KEY.with_name(TEST_KEY.name + ".pub").read_text(encoding="utf-8").split()[:2])
    shipped = list((ROOT / "clauses").rglob("allowed_signers"))
    assert shipped and not any(test_key.split()[1] in p.read_text(encoding="utf-8") for p in shipped)
    assert not any(
        "PRIVATE KEY" in p.read_text(errors="replace") for p in (ROOT / "clauses").rglob("*") if p.is_file()
    )
