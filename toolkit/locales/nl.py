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
    "review.status": "Status: {state}",
    "review.approved_by": "goedgekeurd door {who} op {when}",
    "review.earlier_approved_by": "eerder goedgekeurd door {who} op {when}",
    "review.note": "opmerking: {note}",
    # a clause variant: its approval, and the variant that applies when no other does
    "approval.approved": "goedgekeurd",
    "approval.changed": "gewijzigd sinds goedkeuring",
    "approval.new": "nieuw, nog niet goedgekeurd",
    "variant.fallback": "geen (standaardvariant)",
    # every screen: the questionnaire (web and terminal) and the studio
    "ui.back": "Vorige",
    "ui.next": "Volgende",
    "ui.step": "Stap {number} van {count}: {title}",
    "ui.summary": "Overzicht van uw antwoorden",
    "ui.required": "Deze vraag is verplicht.",
    "ui.required_mark": "verplicht",
    "ui.help": "Toelichting",
    "ui.download": "Download {kind}",
    # the web questionnaire
    "questionnaire.summary_intro": "Controleer uw antwoorden. Wijzig een stap of maak de documenten.",
    "questionnaire.edit": "Wijzig {title}",
    "questionnaire.make": "Maak de documenten",
    "questionnaire.not_complete": "Niet alle antwoorden kunnen zo; zie de uitleg bij de vragen.",
    "questionnaire.busy": "Bezig met maken van de documenten…",
    "questionnaire.make_failed": "De documenten konden niet worden gemaakt: {message}",
    "questionnaire.load_failed": "De vragenlijst kan niet worden geladen: {message}",
    "questionnaire.answers_file": "Antwoorden voor {title} ({id} {version})",
    # the terminal interview (clausekit interview)
    "interview.title": "{title} — vragenlijst",
    "interview.instructions": (
        "Typ ? voor een toelichting bij een vraag, < om terug te gaan naar de vorige stap.\n"
        "Een lege regel neemt het antwoord tussen [ ] over. Ctrl-C stopt zonder iets op te slaan."
    ),
    "interview.first_step": "Dit is de eerste stap.",
    "interview.no_help": "Bij deze vraag is geen toelichting.",
    "interview.refused": "Dat antwoord kan niet: {message}",
    "interview.confirm": (
        "Klopt alles? Typ {yes} om de documenten te maken, "
        "of het nummer van een stap (1-{count}) om die te wijzigen [{yes}]: "
    ),
    "interview.not_done": "Nog niet alles is goed ingevuld:",
    "interview.yes_or_step": "Typ {yes}, of een getal van 1 tot en met {count}.",
    "interview.stopped": "Gestopt: er is niets opgeslagen.",
    "interview.written": "Geschreven:",
    "serve.address": "Vragenlijst '{title}' ({id} {version}): {url}",
    "serve.limits": (
        "Hoogstens {sessions} bezoekers tegelijk (ongeveer {memory} MB); "
        "een vragenlijst die {idle} s niets doet, wordt gestopt."
    ),
    "serve.stop": "Stop met Ctrl-C.",
    # the notebook studio
    "studio.tab.document": "Document",
    "studio.tab.variants": "Varianten",
    "studio.tab.checks": "Controles",
    "studio.tab.approval": "Goedkeuring",
    "studio.tab.export": "Exporteren",
    "studio.template": "Sjabloon",
    "studio.library": "Bibliotheek",
    "studio.answers": "Antwoorden",
    "studio.stale": "Het voorbeeld toont de laatste goede versie.",
    "studio.ok": "{count} artikelen · bijgewerkt in {ms:.0f} ms",
    "studio.forced": " · {count} variant(en) vastgezet",
    "studio.saved": "clausekit: {count} antwoorden voor '{template}' bewaard in dit notebook",
    "studio.show_logic": "Toon logica",
    "studio.findings.not_yet": "Nog niet gecontroleerd.",
    "studio.findings.again": "Opnieuw controleren",
    "studio.findings.busy": "Bezig met controleren…",
    "studio.findings.failed": "De controles zijn mislukt: {error}",
    "studio.findings.none": "Geen bevindingen: alle controles slagen.",
    "studio.findings.go": "Toon clausule",
    "severity.error": "fout",
    "severity.warning": "waarschuwing",
    "severity.info": "info",
    "studio.approval.signature.unsigned": "niet ondertekend",
    "studio.approval.signature.invalid": "handtekening klopt niet",
    "studio.approval.signature.not_allowed": "ondertekend met een sleutel die niet is toegestaan",
    "studio.approval.your_name": "Uw naam",
    "studio.approval.name": "Naam",
    "studio.approval.optional": "optioneel",
    "studio.approval.note": "Notitie",
    "studio.approval.selection": "Selectie",
    "studio.approval.approve": "Goedkeuren",
    "studio.approval.name_first": "Vul eerst uw naam in.",
    "studio.approval.done": "{count} goedgekeurd door {name}.",
    "studio.approval.clause": "Clausule",
    "studio.approval.variant": "Variant",
    "studio.approval.status": "Status",
    "studio.approval.approved_by": "Goedgekeurd door",
    "studio.variants.automatic": "(automatisch)",
    "studio.variants.pick": "Kies een clausule om te vergelijken.",
    "studio.variants.compare": "Vergelijk",
    "studio.variants.none": "Geen clausules met meer dan één variant.",
    "studio.variants.shown": "getoond: {label}",
    "studio.variants.left_out": "niet opgenomen bij deze antwoorden",
    "studio.compare.left_out": (
        "dit artikel staat niet in het document bij deze antwoorden; de brontekst staat hier"
    ),
    "studio.compare.no_variants": "Deze clausule heeft geen varianten.",
    "studio.compare.shown": "getoond",
    "studio.compare.when": "als:",
    "studio.compare.legend": "Verschillen ten opzichte van de getoonde variant:",
    "studio.compare.added": "toegevoegd",
    "studio.compare.removed": "weggelaten",
    "studio.export.none": "Geen exportformaten beschikbaar.",
    "studio.export.busy": "Bezig met {name}…",
    "studio.export.saved": "ook bewaard als {path}",
    # the live preview: which variant is shown and why
    "preview.not": "niet: {test}",
    "preview.forced": "vastgezet in de studio",
    "preview.fallback": "geen andere variant van toepassing (standaard)",
    "preview.only": "enige tekst",
    "preview.variant": "variant: {label}",
    "preview.because": "omdat:",
    "preview.included": "opgenomen omdat:",
    # the command line's reports (English before the seam, and still: issue 13 translates them)
    "cli.questions.default": "standaard: {value}",
    "cli.questions.help": "toelichting: {text}",
    "cli.approved": "approved  {key}  ({location})  signed by {signer}",
    "cli.no_approver": "who approves? the name is empty",
    "cli.no_approver_hint": (
        "pass --by 'Naam Achternaam', or set it once: git config user.name 'Naam Achternaam'"
    ),
    "cli.nothing_to_approve": "nothing to approve: everything asked for was already approved",
    "cli.status.approved_by": "by {who}, {when}",
    "cli.status.earlier_approved_by": "last approved by {who}, {when}",
    "cli.status.signature": "signature{signer}: {verdict}",
    "cli.status.counts": "{approved} approved, {changed} changed since approval, {new} never approved",
    "cli.status.signatures": "signatures: {counts}",
    "cli.published": "published",
    "cli.unchanged": "unchanged (identical release exists)",
    # editor (issue 15)
    "studio.tab.editor": "Bewerken",
    "editor.article": "Artikel",
    "editor.variant": "Variant",
    "editor.save": "Bewaren",
    "editor.discard": "Wijziging weggooien",
    "editor.reload": "Opnieuw inlezen",
    "editor.show_both": "Toon beide versies",
    "editor.unsaved": "niet bewaard",
    "editor.leave_unsaved": (
        "Deze variant heeft wijzigingen die nog niet zijn bewaard: bewaar ze of gooi ze weg."
    ),
    "editor.left_out": "Dit artikel komt bij de huidige antwoorden niet in het document.",
    "editor.at_line": "Regel {line}:",
    "editor.changed_on_disk": (
        "{file} is op schijf gewijzigd sinds u het opende. Er is niets bewaard: lees het opnieuw in"
        " (uw tekst blijft hieronder staan) of bekijk beide versies."
    ),
    "editor.saved": "Bewaard in {file}.",
    "editor.your_text": "Uw tekst, om over te nemen:",
    "editor.on_disk": "Op schijf",
    "editor.yours": "Uw versie",
}
