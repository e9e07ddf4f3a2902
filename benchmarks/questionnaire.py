"""The questionnaire's figures: questions asked per example profile, the cost of one answer typed
(which steps and questions are asked now), and optionally the scripted browser run.

python benchmarks/questionnaire.py              # counts and in-process timings
python benchmarks/questionnaire.py --browser 5  # also: first page to downloaded DOCX, 5 runs
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))
sys.path.insert(0, str(ROOT / "tests"))

from _timing import measure  # noqa: E402

from toolkit import Library, load_answers_file  # noqa: E402
from toolkit.questionnaire import Flow  # noqa: E402

TEMPLATE = "richtlijnen-social-media"


def counts(library: Library) -> None:
    template = library.template(TEMPLATE)
    total = len(template.questions)
    print(f"{template.id} {template.version}: {total} questions in {len(template.question_steps())} steps")
    for example in sorted(template.examples_dir.glob("*.yaml")):
        flow = Flow(library, template, load_answers_file(example)[0])
        steps = flow.steps()
        print(f"{example.stem}: {flow.asked_count()} of {total} questions asked, in {len(steps)} steps")


def per_answer(library: Library) -> None:
    """What every typed answer costs the page: record it, then decide what is asked."""
    template = library.template(TEMPLATE)
    for example in sorted(template.examples_dir.glob("*.yaml")):
        raw = load_answers_file(example)[0]
        flow = Flow(library, template, raw)
        step = flow.steps()[0]
        question = flow.questions(step)[0]

        def one_answer(flow: Flow = flow, qid: str = question.id, value: object = raw[question.id]) -> None:
            flow.set(qid, value)
            for shown in flow.steps():
                flow.questions(shown)

        measure(f"{example.stem}: one answer typed → steps and questions asked", one_answer, 200)
        measure(
            f"{example.stem}: summary and validated answers", lambda f=flow: (f.summary(), f.answers()), 200
        )


def browser_runs(library: Library, runs: int) -> None:
    """The Playwright script of tests/test_voila_browser.py, timed from first page to DOCX."""
    from playwright.sync_api import sync_playwright
    from test_voila_browser import CHROMIUM, CHROMIUM_ARGS, PROFILE, run_profile, start_server, stop_server

    template = library.template(TEMPLATE)
    raw = load_answers_file(template.examples_dir / f"{PROFILE}.yaml")[0]
    server, url = start_server(TEMPLATE)
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            samples = []
            for _ in range(runs):
                page = browser.new_page(accept_downloads=True)
                started = time.perf_counter()
                run_profile(page, url, library, template, raw)
                samples.append(time.perf_counter() - started)
                page.close()
            browser.close()
    finally:
        stop_server(server)
    samples.sort()
    median = samples[len(samples) // 2]
    p95 = samples[min(len(samples) - 1, round(0.95 * (len(samples) - 1)))]
    print(f"browser ({PROFILE}): first page to downloaded DOCX: median {median:.2f} s, p95 {p95:.2f} s"
          f" over {runs} runs (each with a fresh Voilà kernel)")  # fmt: skip


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--browser", type=int, default=0, metavar="RUNS", help="scripted browser runs")
    args = parser.parse_args()
    library = Library(ROOT / "clauses")
    counts(library)
    per_answer(library)
    if args.browser:
        browser_runs(library, args.browser)


if __name__ == "__main__":
    main()
