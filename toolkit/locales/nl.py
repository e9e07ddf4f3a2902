"""Nederlands: the texts clausekit writes itself, in documents and on screens."""

from __future__ import annotations

TEXTS: dict[str, str] = {
    # words of every document
    "yes": "ja",
    "no": "nee",
    "list.and": "en",
    "list.none": "geen",
    "document.article_heading": "Artikel {number} {title}",
    "document.article": "Artikel {number}",
    "document.reference": "artikel {number}",
    "document.version": "Versie {version}",
    "document.page_footer": "pagina {page} van {pages}",
    "document.review_edition": "beoordelingsversie",
    "document.changes_since": "wijzigingen t.o.v. versie {version}",
    "document.version_short": "versie {version}",
    # what the checks quote of an answer
    "check.empty": "(leeg)",
    # the review edition, for the lawyers who approve
    "review.intro": (
        "Beoordelingsversie: alle artikelen met al hun varianten, de voorwaarden waaronder zij "
        "gelden en hun goedkeuring. «…» is een antwoord uit de vragenlijst; ⟨…⟩ is tekstlogica."
    ),
    "review.template": "Sjabloon (template.yaml):",
    "review.questions": "Vragen",
    "review.kind": "soort: {kind}",
    "review.options": "keuzes: {options}",
    "review.default": "standaard: {value}",
    "review.asked_when": "alleen gevraagd als: {condition}",
    "review.included_when": "Opgenomen als: {condition}",
    "review.always_included": "Altijd opgenomen.",
    "review.variant": "Variant {label}",
    "review.condition": "Voorwaarde: {condition}",
    "review.fallback": "geen (standaardvariant)",
    "review.status": "Status: {state}",
    "review.approved_by": "goedgekeurd door {who} op {when}",
    "review.earlier_approved_by": "eerder goedgekeurd door {who} op {when}",
    "review.note": "opmerking: {note}",
    "approval.approved": "goedgekeurd",
    "approval.changed": "GEWIJZIGD sinds goedkeuring",
    "approval.new": "NOG NIET GOEDGEKEURD",
}
