"""Time of DOCX and of PDF for the flagship (median and p95 of 10), next to bare pandoc on the same Markdown.

python benchmarks/publish.py

"bare pandoc" is ``pandoc -f markdown -t docx`` (and ``-t typst``) on the same Markdown, without our
reader restrictions, reference.docx, sandbox or post-processing: the floor that pandoc itself costs.
The PDF line includes pandoc's Typst writer and Typst in the long-lived child (with its time budget);
"typst only" isolates Typst, in this process (memoized, as the long-lived child is) and cold in a
fresh one. The long-lived pandoc keeps the reading of each article and sub-clause it has seen
(toolkit/publish/chunks.py): the same document again is read from that cache; "pieces off" reads it
whole each time (``CLAUSEKIT_PANDOC_PIECES=0``), as a document of new answers would be at worst. The
last lines give the ratios against the bare tools.
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path

import typst

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

from _timing import measure  # noqa: E402

from toolkit import Library, load_answers_file  # noqa: E402
from toolkit.publish.docx import to_docx  # noqa: E402
from toolkit.publish.markdown import document_markdown  # noqa: E402
from toolkit.publish.pandoc import PIECES_VARIABLE, pandoc_path  # noqa: E402
from toolkit.publish.pdf import language_inputs, markdown_to_typst, to_pdf  # noqa: E402

TEMPLATE = "richtlijnen-social-media"
RUNS = 10
COLD = """
import sys, tempfile, pathlib, typst
folder = pathlib.Path(tempfile.mkdtemp())
(folder / "d.typ").write_text(sys.argv[1], encoding="utf-8")
inputs = {"title": "T", "subtitle": "S", "date": "", "lang": "nl", "region": "NL",
          "page-before": "pagina ", "page-between": " van ", "page-after": ""}
options = {"ignore_system_fonts": True, "sys_inputs": inputs, "pdf_standards": "a-2b"}
typst.compile(folder / "d.typ", root=folder, **options)
"""


def bare_pandoc(markdown: bytes, to: str) -> bytes:
    command = [pandoc_path(), "-f", "markdown", "-t", to, "-o", "-"]
    return subprocess.run(command, input=markdown, capture_output=True, check=True).stdout


def main() -> None:
    library = Library(ROOT / "clauses")
    template = library.template(TEMPLATE)
    example = sorted(template.examples_dir.glob("*.yaml"))[0]
    raw, locations = load_answers_file(example)
    document = library.render(template, library.validate(template, raw, locations, source=example))
    markdown = document_markdown(document)
    source = markdown.encode("utf-8")
    print(f"flagship {template.version}, example {example.name}: {len(markdown)} characters of Markdown")
    bare_docx = measure("bare pandoc -t docx", lambda: bare_pandoc(source, "docx"), RUNS)
    label = "clausekit DOCX (long-lived pandoc, reference.docx, fixed dates)"
    docx = measure(label, lambda: to_docx(document), RUNS)
    os.environ[PIECES_VARIABLE] = "0"
    whole = measure("clausekit DOCX, pieces off (each time read whole)", lambda: to_docx(document), RUNS)
    whole_pdf = measure("clausekit PDF/A-2b, pieces off", lambda: to_pdf(document), RUNS)
    del os.environ[PIECES_VARIABLE]
    bare_typst = measure("bare pandoc -t typst", lambda: bare_pandoc(source, "typst"), RUNS)
    label = "clausekit PDF/A-2b (long-lived pandoc -t typst + the long-lived Typst child)"
    pdf = measure(label, lambda: to_pdf(document), RUNS)
    typst_source = markdown_to_typst(markdown)
    inputs = {"title": template.title, "subtitle": "Versie", "date": "", **language_inputs(template.language)}
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        main_file = root / "document.typ"
        main_file.write_text(typst_source, encoding="utf-8")

        def typst_only(**options: object) -> Callable[[], object]:
            return lambda: typst.compile(
                main_file, root=root, ignore_system_fonts=True, sys_inputs=inputs, **options
            )

        # Typst memoizes layout across compilations in one process: identical runs are cheap.
        measure("typst only, plain PDF (memoized)", typst_only(), RUNS)
        archival = typst_only(pdf_standards="a-2b", timestamp=0)
        bare_pdf = measure("typst only, PDF/A-2b (memoized)", archival, RUNS)
    cold = [sys.executable, "-c", COLD, markdown_to_typst(markdown)]
    label = "typst cold: a fresh process, import + first PDF/A-2b"
    measure(label, lambda: subprocess.run(cold, check=True), 3, 1)
    floor = bare_typst["median_ms"] + bare_pdf["median_ms"]
    print(
        f"DOCX: {docx['median_ms'] / bare_docx['median_ms']:.2f}x bare pandoc -t docx (goal <= 1.1x); "
        f"pieces off {whole['median_ms'] / bare_docx['median_ms']:.2f}x"
    )
    print(
        f"PDF: {pdf['median_ms'] / floor:.2f}x bare pandoc -t typst + typst PDF/A-2b (goal <= 1.2x); "
        f"pieces off {whole_pdf['median_ms'] / floor:.2f}x"
    )


if __name__ == "__main__":
    main()
