"""Approvals are bound to content: an edit voids its approval; the lock file and the CLI."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from toolkit import Library
from toolkit.approvals import ApprovalState, approve, lock_path, statuses
from toolkit.cli import main
from toolkit.errors import LoadError, UsageError

WHEN = dt.datetime(2026, 2, 1, 9, 30, tzinfo=dt.UTC)


def _states(root: Path) -> dict[str, ApprovalState]:
    return {s.key: s.state for s in statuses(Library(root).template("mini"))}


def test_new_then_approved_then_changed_by_an_edit(mini_library: Path) -> None:
    assert set(_states(mini_library).values()) == {ApprovalState.NEW}
    done = approve(Library(mini_library).template("mini"), None, by="Eva de Vries", note="eerste", when=WHEN)
    assert {s.key for s in done} == {
        "template.yaml", "doel:default", "pers:default", "geheim:streng", "geheim:gewoon", "slot:default"
    }  # fmt: skip
    assert set(_states(mini_library).values()) == {ApprovalState.APPROVED}
    lock = lock_path(Library(mini_library).template("mini")).read_text(encoding="utf-8")
    assert "approved_by: Eva de Vries" in lock and "2026-02-01T09:30:00Z" in lock and "note: eerste" in lock

    clause = mini_library / "mini" / "geheim.md"
    clause.write_text(clause.read_text(encoding="utf-8").replace("Niets", "Bijna niets"), encoding="utf-8")
    states = _states(mini_library)
    assert states["geheim:streng"] is ApprovalState.CHANGED
    assert states["geheim:gewoon"] is ApprovalState.APPROVED
    changed = next(s for s in statuses(Library(mini_library).template("mini")) if s.key == "geheim:streng")
    assert changed.approved_by == "Eva de Vries" and changed.location.line == 11


def test_layout_only_edits_keep_the_approval_but_a_condition_edit_voids_it(mini_library: Path) -> None:
    approve(Library(mini_library).template("mini"), None, by="Eva", when=WHEN)
    clause = mini_library / "mini" / "slot.md"
    text = clause.read_text(encoding="utf-8")
    clause.write_bytes(text.replace("\n", "  \r\n").encode("utf-8") + b"\r\n\r\n")
    assert _states(mini_library)["slot:default"] is ApprovalState.APPROVED
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
    assert main(["approve", *lib, "mini", "--by", "Eva"]) == 0
    capsys.readouterr()
    assert main(["status", *lib, "mini"]) == 0
    assert "6 approved, 0 changed since approval, 0 never approved" in capsys.readouterr().out
