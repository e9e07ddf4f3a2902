"""The studio and the approvals of a template in two languages (issue 13): each language's approval
state beside the variant side by side, the Goedkeuring tab's rows and counts per language, its Approve
button on the edition shown, and the state of a translation after a save in the editor ("translation
out of date" after the source changed, "changed since approval" after the translation changed).
Real widgets (no front end), the real core, signed for real with the test-only key, on a copy of the
bilingual fixture (an English source with a Dutch edition; its allowed_signers lists the key)."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest
from conftest import bilingual_studio

from toolkit import Library
from toolkit.approvals import ApprovalState, approve, statuses
from toolkit.locales import locale_for
from toolkit.notebook import Studio

pytestmark = pytest.mark.requires("ssh-keygen")  # the studio verifies the signatures


@pytest.fixture(autouse=True)
def _fresh_session(monkeypatch: pytest.MonkeyPatch) -> None:
    """The approver's name is kept per kernel session (ApprovalPanel.session_name): each test is one."""
    from toolkit.notebook.approval import ApprovalPanel

    monkeypatch.setattr(ApprovalPanel, "session_name", "")


WHEN = dt.datetime(2026, 11, 2, 10, 0, tzinfo=dt.UTC)
SOURCE_FEE = Path("services") / "fee.md"
DUTCH_FEE = Path("services") / "translations" / "nl-NL" / "fee.md"


@pytest.fixture
def library(bilingual_library: Path) -> Path:
    return bilingual_library


def studio_for(library: Path, **options: object) -> Studio:
    studio: Studio = bilingual_studio(library, **options)
    return studio


def approve_both(library: Path) -> None:
    template = Library(library).template("services")
    approve(template, None, by="Eva", when=WHEN)
    approve(template.edition("nl-NL"), None, by="Jan", when=WHEN)


def replace_in(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def cells(studio: Studio, clause: str, variant: str) -> dict[str, str]:
    """Language tag → the cell of ``variant`` in the side-by-side view of ``clause``."""
    studio.variants.choice.value = clause
    shown = studio.variants.compare_languages(clause)
    assert shown == studio.variants.languages.value
    table = re.search(
        rf'<table class="ck-compare ck-languages" data-variant="{variant}">(.*?)</table>', shown, re.S
    )
    assert table is not None
    return dict(re.findall(r'<td [^>]*data-lang="([\w-]+)"[^>]*>(.*?)</td>', table.group(1), re.S))


def states(cell_map: dict[str, str]) -> dict[str, str]:
    return {
        tag: m.group(1) if (m := re.search(r'ck-approval ck-state-([\w-]+)"', c)) else ""
        for tag, c in cell_map.items()
    }


def row(studio: Studio, key: str) -> str:
    found = re.findall(
        rf'<tr [^>]*data-key="{re.escape(key)}"[^>]*>.*?</tr>', studio.approvals.table.value, re.S
    )
    assert len(found) == 1, key
    return str(found[0])


def counts(studio: Studio) -> dict[str, dict[str, int]]:
    """Language → state → the number the counts table shows."""
    value = studio.approvals.counts.value
    result = {}
    for tag, body in re.findall(r'<tr data-lang="([\w-]+)">(.*?)</tr>', value, re.S):
        result[tag] = {
            state: int(n) for state, n in re.findall(r'<td data-state="([\w-]+)">(\d+)</td>', body)
        }
    return result


# -- 1. the side-by-side view --------------------------------------------------------------------


def test_side_by_side_each_language_says_its_approval_state_in_the_interface_language(library: Path) -> None:
    studio = studio_for(library)
    fee = cells(studio, "fee", "hourly")
    assert states(fee) == {"en-GB": "new", "nl-NL": "new"}
    assert "Goedkeuring: nieuw, nog niet goedgekeurd" in fee["nl-NL"]

    approve_both(library)
    replace_in(library / SOURCE_FEE, "excluding VAT", "excluding VAT and travel costs")
    studio.reload()
    fee = cells(studio, "fee", "hourly")
    assert states(fee) == {"en-GB": "changed", "nl-NL": "translation-out-of-date"}
    assert "Goedkeuring: gewijzigd sinds goedkeuring" in fee["en-GB"]
    assert "Goedkeuring: vertaling verouderd" in fee["nl-NL"] and 'data-state="translation-out-of-date"' in (
        studio.variants.languages.value
    )
    assert states(cells(studio, "fee", "fixed")) == {"en-GB": "approved", "nl-NL": "approved"}

    english = studio_for(library, ui=locale_for("en"))  # the interface's words, whatever the document's
    fee = cells(english, "fee", "hourly")
    assert (
        "Approval: translation out of date" in fee["nl-NL"]
        and "Approval: changed since approval" in (fee["en-GB"])
    )
    assert "vertaling" not in english.variants.languages.value


def test_an_untranslated_variant_has_no_approval_state_in_that_language(library: Path) -> None:
    dutch = library / DUTCH_FEE
    text = dutch.read_text(encoding="utf-8")
    dutch.write_text(text[: text.index("::: variant hourly")], encoding="utf-8")
    studio = studio_for(library)
    fee = cells(studio, "fee", "hourly")
    assert states(fee) == {"en-GB": "new", "nl-NL": ""} and "nog niet vertaald" in fee["nl-NL"]


# -- 2. the Goedkeuring tab ------------------------------------------------------------------------


def test_each_row_names_its_language_and_the_counts_show_translation_out_of_date(library: Path) -> None:
    approve_both(library)
    replace_in(library / SOURCE_FEE, "excluding VAT", "excluding VAT and travel costs")
    studio = studio_for(library)
    source_row, dutch_row = row(studio, "fee:hourly"), row(studio, "fee:hourly@nl-NL")
    assert 'data-lang="en-GB"' in source_row and "<td>English (United Kingdom)</td>" in source_row
    assert 'data-lang="nl-NL"' in dutch_row and "<td>Nederlands (Nederland)</td>" in dutch_row
    assert 'class="ck-state-changed"' in source_row and "gewijzigd sinds goedkeuring" in source_row
    assert 'class="ck-state-translation-out-of-date"' in dutch_row and "vertaling verouderd" in dutch_row
    assert "<th>Taal</th>" in studio.approvals.table.value
    numbers = counts(studio)
    assert numbers["en-GB"]["changed"] == 1 and numbers["en-GB"]["approved"] == 7
    assert numbers["nl-NL"]["translation-out-of-date"] == 1 and numbers["nl-NL"]["approved"] == 7
    assert numbers["nl-NL"]["changed"] == 0 and numbers["en-GB"]["translation-out-of-date"] == 0
    assert "vertaling verouderd" in studio.approvals.counts.value  # a column of its own, in words


def test_approve_acts_on_the_edition_of_the_document_language_dropdown(library: Path) -> None:
    studio = studio_for(library, doc_lang="nl-NL")
    panel = studio.approvals
    assert panel.button.description == "Goedkeuren: Nederlands (Nederland)"
    assert "vertaling in Nederlands (Nederland)" in panel.scope.value and "English" in panel.scope.value
    offered = [key for _, key in panel.targets.options]
    assert offered and all(key.endswith("@nl-NL") for key in offered) and "fee:hourly@nl-NL" in offered
    panel.name.value = "Jan"
    done = panel.approve_selected()  # nothing selected: everything of the Dutch edition
    assert {s.key for s in done} == set(offered)
    current = {s.key: s.state for s in statuses(Library(library).template("services"))}
    assert {k for k, s in current.items() if s is ApprovalState.APPROVED} == set(offered)  # no source unit
    assert panel.button.disabled and 'data-key="fee:hourly@nl-NL"' in panel.table.value

    studio.document_language.value = "en-GB"
    assert panel.button.description == "Goedkeuren: English (United Kingdom)" and not panel.button.disabled
    assert "brontaal" in panel.scope.value
    offered = [key for _, key in panel.targets.options]
    assert "fee:hourly" in offered and not any("@" in key for key in offered)
    panel.targets.value = ("fee:hourly",)
    assert [s.key for s in panel.approve_selected()] == ["fee:hourly"]
    assert states(cells(studio, "fee", "hourly")) == {"en-GB": "approved", "nl-NL": "approved"}


def test_an_edit_of_the_source_in_the_editor_puts_the_translation_out_of_date(library: Path) -> None:
    approve_both(library)
    studio = studio_for(library)
    assert 'class="ck-state-approved"' in row(studio, "fee:hourly@nl-NL")
    editor = studio.editor
    editor.open("fee", "hourly")
    editor.edit(editor.text.value.replace("excluding VAT", "excluding VAT and travel costs"))
    assert editor.save()
    assert (library / SOURCE_FEE).read_text(encoding="utf-8").count("travel costs") == 1
    message = editor.message.value
    assert "Goedkeuring: gewijzigd sinds goedkeuring." in message
    assert "Goedkeuring van de vertaling in Nederlands (Nederland): vertaling verouderd." in message
    assert 'class="ck-state-translation-out-of-date"' in row(studio, "fee:hourly@nl-NL")

    reopened = studio_for(library)  # from the files alone
    assert 'class="ck-state-translation-out-of-date"' in row(reopened, "fee:hourly@nl-NL")
    assert 'class="ck-state-changed"' in row(reopened, "fee:hourly")
    assert counts(reopened)["nl-NL"]["translation-out-of-date"] == 1
    assert states(cells(reopened, "fee", "hourly")) == {
        "en-GB": "changed",
        "nl-NL": "translation-out-of-date",
    }

    # approving the Dutch edition again approves it against the new source
    reopened.document_language.value = "nl-NL"
    reopened.approvals.name.value = "Jan"
    assert [s.key for s in reopened.approvals.approve_selected()] == ["fee:hourly@nl-NL"]
    assert 'class="ck-state-approved"' in row(reopened, "fee:hourly@nl-NL")
    assert states(cells(reopened, "fee", "hourly"))["nl-NL"] == "approved"


# -- 3. saving a translation -------------------------------------------------------------------------


def test_after_saving_a_translation_its_state_is_changed_since_approval(library: Path) -> None:
    approve_both(library)
    studio = studio_for(library, doc_lang="nl-NL")
    editor = studio.editor
    editor.open("fee", "hourly")
    assert editor.path == library / DUTCH_FEE
    editor.edit(editor.text.value.replace("exclusief btw", "exclusief omzetbelasting"))
    assert editor.save()
    assert "Goedkeuring: gewijzigd sinds goedkeuring." in editor.message.value
    assert 'class="ck-state-changed"' in row(studio, "fee:hourly@nl-NL")
    assert 'class="ck-state-approved"' in row(studio, "fee:hourly")  # the source is untouched
    assert counts(studio)["nl-NL"]["changed"] == 1
    assert states(cells(studio, "fee", "hourly")) == {"en-GB": "approved", "nl-NL": "changed"}
    assert [key for _, key in studio.approvals.targets.options] == ["fee:hourly@nl-NL"]


def test_a_forged_translation_approval_is_unverified_in_the_tab_and_side_by_side(library: Path) -> None:
    approve_both(library)
    lock = library / "services" / "approvals.yaml"
    text = lock.read_text(encoding="utf-8")
    entry = re.search(r"^fee:hourly@nl-NL:\n(?:  .*\n)*?  approved_by: Jan\n", text, re.M)
    assert entry is not None
    forged = entry.group(0).replace("approved_by: Jan", "approved_by: Mallory")
    lock.write_text(text.replace(entry.group(0), forged), encoding="utf-8")
    studio = studio_for(library)
    assert 'class="ck-state-unverified"' in row(studio, "fee:hourly@nl-NL")
    assert counts(studio)["nl-NL"]["unverified"] == 1 and counts(studio)["en-GB"]["unverified"] == 0
    fee = cells(studio, "fee", "hourly")
    assert states(fee) == {"en-GB": "approved", "nl-NL": "unverified"}
    assert "handtekening klopt niet" in fee["nl-NL"]


def test_a_template_in_one_language_counts_without_a_translation_column(mini_library: Path) -> None:
    studio = Studio("mini", library=mini_library, answers={"naam": "Acme B.V."}, watch=False)
    value = studio.approvals.counts.value
    assert (
        'data-state="new"' in value and "translation-out-of-date" not in value and "unverified" not in value
    )
    assert studio.approvals.button.description == "Goedkeuren" and studio.approvals.scope.value == ""
