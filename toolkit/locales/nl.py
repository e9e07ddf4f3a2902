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
    # the characters rule (toolkit/charset.py), said to the person answering
    "charset.unnamed": "(zonder naam)",
    "charset.invisible": "een onzichtbaar teken of een teken dat de schrijfrichting stuurt",
    "charset.invisible.hint": (
        "verwijder het: zulke tekens komen vaak mee bij kopiëren uit een ander programma; "
        "typ het antwoord zo nodig opnieuw"
    ),
    "charset.right_to_left": "een teken dat van rechts naar links wordt geschreven",
    "charset.right_to_left.hint": (
        "de documenten lopen van links naar rechts: schrijf het antwoord in Latijns schrift"
    ),
    "charset.not_printable": "een teken dat de PDF niet kan weergeven",
    "charset.not_printable.hint": (
        "laat het teken weg of vervang het door gewone tekst (bijvoorbeeld een emoji door een woord)"
    ),
    "charset.where": "bevat op positie {position} het teken {character}: {what}",
    "charset.message": "het antwoord op '{question}' ({label}) {where}",
    "charset.detail": "Het antwoord {where}; {hint}.",
    # the question types (toolkit/kinds): what they accept, how they are asked and shown
    "kind.unanswered": "(niet ingevuld)",
    "kind.required": "Deze vraag is verplicht.",
    "kind.prompt": "antwoord",
    "kind.text.sample": "Voorbeeld",
    "kind.text.expected": "Vul tekst in van hoogstens {max_length} tekens.",
    "kind.text.invisible": "Het antwoord bevat onzichtbare tekens (gekopieerd uit een ander programma?).",
    "kind.text.too_long": "Het antwoord is te lang: hoogstens {max_length} tekens.",
    "kind.boolean.true_words": "ja j waar",
    "kind.boolean.false_words": "nee n onwaar",
    "kind.boolean.expected": "Antwoord ja of nee.",
    "kind.boolean.prompt": "ja/nee",
    "kind.choice.expected": "Kies een van: {options}.",
    "kind.choice.or": "of",
    "kind.choice.prompt": "keuze (nummer)",
    "kind.multichoice.expected": "Kies uit: {options}.",
    "kind.multichoice.prompt": "keuzes (nummers met komma's, - voor geen)",
    "kind.date.expected": "Vul een datum in als jjjj-mm-dd of dd-mm-jjjj, bijvoorbeeld 01-03-2027.",
    "kind.date.prompt": "datum (dd-mm-jjjj)",
    "kind.number.expected": "Vul een getal in.",
    "kind.number.expected_between": "Vul een getal in van {low} tot en met {high}.",
    "kind.number.expected_at_least": "Vul een getal in van minstens {low}.",
    "kind.number.expected_at_most": "Vul een getal in van hoogstens {high}.",
    "kind.number.prompt": "getal",
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
