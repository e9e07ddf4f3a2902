"""Answer combinations rendered and checked per second: the flagship, and a synthetic template
whose answer space is large (generated in a temporary folder).

python benchmarks/checks.py [--profile]

Each run starts from a fresh explorer (an empty render cache) on the library's compiled
clauses, as one `clausekit check` does; "checked" = the whole check (every rule) of the template.
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

from _timing import measure  # noqa: E402

from toolkit import Library  # noqa: E402
from toolkit.checks import check  # noqa: E402
from toolkit.checks.analysis import analyse  # noqa: E402
from toolkit.checks.config import CheckConfig  # noqa: E402
from toolkit.checks.explorer import Explorer  # noqa: E402
from toolkit.checks.space import domains, exhaustive, explore  # noqa: E402

FLAGSHIP = "richtlijnen-social-media"


def synthetic(root: Path) -> None:
    """A template of 12 questions (booleans, choices, a multichoice, a number, texts) and 12 clauses
    with conditions, variants, references and answers in the text: a space of 92,160, of which
    69,120 distinct combinations (`contact` is asked only when b5)."""
    folder = root / "groot"
    folder.mkdir(parents=True)
    questions = ["  - {id: naam, label: Naam, type: text, required: true}"]
    questions += [f"  - {{id: b{i}, label: Vraag {i}, type: boolean, default: false}}" for i in range(6)]
    questions += [
        f"  - {{id: k{i}, label: Keuze {i}, type: choice, options: [a, b, c], default: a}}" for i in range(2)
    ]
    questions += [
        "  - {id: kanalen, label: Kanalen, type: multichoice, options: [linkedin, x, tiktok, facebook]}",
        "  - {id: aantal, label: Aantal, type: number, min: 1, default: 10}",
        "  - {id: contact, label: Contact, type: text, when: b5, default: de afdeling HR}",
    ]
    clauses = ["  - c0"]
    for i in range(1, 12):
        clauses.append(f"  - {{id: c{i}, when: b{i % 5}}}" if i % 3 == 0 else f"  - c{i}")
    (folder / "template.yaml").write_text(
        "id: groot\ntitle: Groot\nversion: 1.0.0\naddress: u\nquestions:\n"
        + "\n".join(questions)
        + "\nclauses:\n"
        + "\n".join(clauses)
        + "\n",
        encoding="utf-8",
    )
    for i in range(12):
        front = f"---\nid: c{i}\ntitle: Artikel {i}\n"
        if i % 2:
            front += (
                f'variants:\n  a:\n    when: k{i % 2} == "a"\n  b:\n    when: k{i % 2} == "b"\n  rest:\n'
                "    label: Rest\n---\n"
            )
            body = "".join(
                f"::: variant {v}\nTekst {v} van {{{{ naam }}}}{{% if b{i % 6} %}}, streng{{% endif %}}.\n\n"
                "{% if aantal >= 50 %}Voor grote organisaties geldt meer.{% else %}Klein.{% endif %}\n:::\n\n"
                for v in ("a", "b", "rest")
            )
        else:
            front += "---\n"
            body = (
                "Dit artikel geldt voor {{ naam }}{% if kanalen %} op {{ kanalen }}{% endif %}.\n\n"
                "{% if b5 %}Vragen gaan naar {{ contact }}.{% endif %}"
                + (' Zie ook {{ ref("c1") }}.' if i == 4 else "")
                + "\n"
            )
        (folder / f"c{i}.md").write_text(front + body, encoding="utf-8")


def throughput(library: Library, template_id: str, label: str, runs: int) -> None:
    template = library.template(template_id)
    analysis = analyse(library.engine, template)
    combos = list(exhaustive(Explorer(library.engine, template, analysis), domains(template, analysis)))

    def render_all() -> None:
        Explorer(library.engine, template, analysis).run(combos)

    result = measure(f"{label}: explore {len(combos)} combinations (one core)", render_all, runs, warmup=1)
    print(f"    = {len(combos) / result['median_ms'] * 1000:,.0f} combinations/s (median)")

    config = CheckConfig(bound=10**7, workers=1)
    result = measure(
        f"{label}: whole check, every rule (one core)",
        lambda: check(library, template_id, config=config),
        runs,
        warmup=1,
    )
    print(f"    = {len(combos) / result['median_ms'] * 1000:,.0f} combinations/s checked (median)")


def both_cores(library: Library, template_id: str, label: str) -> None:
    template = library.template(template_id)
    analysis = analyse(library.engine, template)
    config = CheckConfig(bound=10**7, workers=2)
    result = measure(
        f"{label}: explore, both cores (workers start, enumerate, render a block each)",
        lambda: explore(library, template, config, analysis),
        3,
        warmup=1,
    )
    space = explore(library, template, config, analysis)
    print(f"    = {space.combinations / result['median_ms'] * 1000:,.0f} combinations/s (median)")


def main() -> None:
    flagship = Library(ROOT / "clauses")
    throughput(flagship, FLAGSHIP, "flagship", 5)
    both_cores(flagship, FLAGSHIP, "flagship")
    default = check(flagship, FLAGSHIP)
    measure(f"flagship: default check ({default.coverage_text})", lambda: check(flagship, FLAGSHIP), 5)
    with tempfile.TemporaryDirectory() as tmp:
        synthetic(Path(tmp))
        library = Library(tmp)
        throughput(library, "groot", "synthetic", 5)
        template = library.template("groot")
        analysis = analyse(library.engine, template)
        both_cores(library, "groot", "synthetic")
        sampled = explore(library, template, CheckConfig(), analysis)
        print(f"synthetic with the default bound: {sampled.describe()}")
        if "--profile" in sys.argv:
            import cProfile
            import pstats

            explorer = Explorer(library.engine, template, analysis)
            combos = list(exhaustive(explorer, domains(template, analysis)))
            profiler = cProfile.Profile()
            profiler.runcall(Explorer(library.engine, template, analysis).run, combos)
            pstats.Stats(profiler).sort_stats("cumulative").print_stats(25)


if __name__ == "__main__":
    main()
