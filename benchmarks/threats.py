"""Re-measure the figures of shared/threats.md against the real pipeline (issue 11, "Done means").

python3 benchmarks/threats.py [--quick]

Seven figures, each from the corpora the tests already hold (tests/test_hostile_answers.py,
test_publish_escaping.py, test_security.py, test_render_budget.py, test_input_hardening.py,
test_characters.py, test_publish_kill.py, test_approvals.py): fuzzed answers through every format,
an injection corpus with a canary file, one payload per Jinja CVE, the DoS corpus (time to stop and
peak RSS of the child), two publishes byte-identical, kill -9 mid-publish, forged approvals. Prints
one table; exits 1 when any defence failed. --quick: fewer answers, kills and runs, the mini fixture.
"""

from __future__ import annotations

import argparse
import hashlib
import html
import io
import json
import os
import random
import re
import secrets
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import zipfile
from collections import Counter
from collections.abc import Callable, Iterable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "tests")]

from conftest import FIXTURES, FLAGSHIP, TEST_KEY, docx_plain_text  # noqa: E402
from publish_helpers import approved_library, pdf_text, squeeze  # noqa: E402
from test_approvals import _new_key  # noqa: E402
from test_characters import REFUSED  # noqa: E402
from test_hostile_answers import HOSTILE, METACHARACTERS, PANDOC_FROM, _ast_text, _normalise  # noqa: E402
from test_input_hardening import BILLION_LAUGHS  # noqa: E402
from test_publish_escaping import TYPST  # noqa: E402
from test_publish_kill import _complete  # noqa: E402
from test_render_budget import DOS  # noqa: E402
from test_security import FILE_READS, GADGETS, plant, render_text  # noqa: E402

from toolkit import ClauseKitError, Library  # noqa: E402
from toolkit.errors import AnswerError  # noqa: E402
from toolkit.formats import find  # noqa: E402
from toolkit.publish.pandoc import run_pandoc  # noqa: E402

FORMATS = ("md", "html", "docx", "pdf")
# pandoc AST nodes that only markup makes: any of these more than the baseline is an injection
STRUCTURE = {
    "Header", "Link", "Image", "RawBlock", "RawInline", "Note", "Div", "Span", "CodeBlock", "Code",
    "Math", "Cite", "Emph", "Strong", "Strikeout", "Superscript", "Subscript", "BlockQuote",
    "BulletList", "OrderedList", "DefinitionList", "Table", "HorizontalRule", "Quoted", "SmallCaps",
}  # fmt: skip
HTML_TAGS = re.compile(r"<(a|img|script|iframe|h[1-6]|code|pre|sup|sub|em|strong|ol|ul|table|hr)[\s>/]")
DOCX_PARTS = re.compile(r"<w:(hyperlink|drawing|object|altChunk)\b|<m:oMath|w:rStyle w:val=\"(VerbatimChar)")


@dataclass
class Row:
    threat: str
    inputs: str
    outcome: str
    timing: str
    ok: bool


def flat(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def pct(samples: list[float]) -> str:
    """median and p95 of seconds."""
    ordered = sorted(samples)
    p95 = ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]
    return f"median {statistics.median(ordered):.2f} s, p95 {p95:.2f} s"


def setup_signing_key(folder: Path) -> None:
    """As tests/conftest.py: approvals are signed with the test-only key (git's user.signingkey),
    through environment variables so the CLI in a child process uses it too."""
    key = folder / TEST_KEY.name
    shutil.copyfile(TEST_KEY, key)
    key.chmod(0o600)
    first = int(os.environ.get("GIT_CONFIG_COUNT", "0") or 0)
    for offset, (name, value) in enumerate((("gpg.format", "ssh"), ("user.signingkey", str(key)))):
        os.environ[f"GIT_CONFIG_KEY_{first + offset}"] = name
        os.environ[f"GIT_CONFIG_VALUE_{first + offset}"] = value
    os.environ["GIT_CONFIG_COUNT"] = str(first + 2)


# -- one answer through every format ------------------------------------------------------------
def structure(markdown: bytes) -> tuple[Counter[str], str]:
    """Structural node kinds in the pandoc AST of the Markdown output, and the text of article 1."""
    ast = json.loads(run_pandoc(["--from", PANDOC_FROM, "--to", "json"], markdown))
    kinds: Counter[str] = Counter()

    def walk(node: Any) -> None:
        if isinstance(node, dict):
            if node.get("t") in STRUCTURE:
                kinds[node["t"]] += 1
            walk(node.get("c"))
        elif isinstance(node, list):
            for item in node:
                walk(item)

    walk(ast["blocks"])
    kinds["meta"] = len(ast["meta"])
    out: list[str] = []
    _ast_text(ast["blocks"], out, set())
    return kinds, "".join(out)


def html_text(page: bytes) -> str:
    body = page.decode("utf-8").split("<body", 1)[-1]
    body = re.sub(r"<br\s*/?>", "\n", body)
    return html.unescape(re.sub(r"<[^>]+>", " ", body))


def docx_structure(data: bytes) -> Counter[str]:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        xml = archive.read("word/document.xml").decode("utf-8")
        media = sum(n.startswith("word/media/") for n in archive.namelist())
    found = Counter(m.group(1) or m.group(2) or "math" for m in DOCX_PARTS.finditer(xml))
    found["media"] = media
    return found


def all_bytes(name: str, data: bytes) -> bytes:
    """The bytes to search for a canary: DOCX members unpacked, PDF text extracted."""
    if name == "docx":
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            return data + b"".join(archive.read(n) for n in archive.namelist())
    if name == "pdf":
        with tempfile.NamedTemporaryFile(suffix=".pdf") as handle:
            handle.write(data)
            handle.flush()
            return data + pdf_text(Path(handle.name)).encode("utf-8")
    return data


@dataclass
class Probe:
    """What one answer did in every format it went through."""

    refused: bool = False
    changed: tuple[str, ...] = ()  # formats whose structure differs from the baseline
    missing: tuple[str, ...] = ()  # formats whose text lacks the answer
    canary: tuple[str, ...] = ()  # formats that hold the canary token


class Pipeline:
    def __init__(self, root: Path, canary: bytes = b"") -> None:
        self.library = Library(root)
        self.template = self.library.template("mini")
        self.canary = canary
        self.base = self.outputs("Acme", FORMATS)
        # the detector itself must see markup that is not escaped, or every figure below means nothing
        seen = structure(b"# k\n\n[a](b) ![i](c) *e* `c`\n")[0]
        if not {"Header", "Link", "Image", "Emph", "Code"} <= set(seen):
            raise RuntimeError(f"the structure detector misses unescaped markup: {seen}")

    def outputs(self, answer: str, formats: Iterable[str]) -> dict[str, Any]:
        answers = self.library.validate(self.template, {"naam": answer})
        document = self.library.render(self.template, answers)
        files = {name: find(name).write(document) for name in formats}
        result: dict[str, Any] = {"answer": answers["naam"], "files": files}
        result["md"] = structure(files["md"])
        result["html"] = Counter(m.group(1) for m in HTML_TAGS.finditer(files["html"].decode("utf-8")))
        if "docx" in files:
            result["docx"] = docx_structure(files["docx"])
        return result

    def probe(self, answer: str, formats: Iterable[str]) -> Probe:
        formats = tuple(formats)
        try:
            got = self.outputs(answer, formats)
        except AnswerError:
            return Probe(refused=True)
        base = self.base
        changed: list[str] = [f for f in ("html", "docx") if f in got and got[f] != base[f]]
        if got["md"][0] != base["md"][0]:
            changed.insert(0, "md")
        expected = flat(f"Deze regeling geldt voor {_normalise(got['answer'])}.")
        texts = {
            "md": flat(got["md"][1]),
            "html": flat(html_text(got["files"]["html"])),
        }
        if "docx" in formats:
            texts["docx"] = flat(docx_plain_text(got["files"]["docx"]))
        missing = [f for f, text in texts.items() if expected not in text]
        if "pdf" in formats:
            with tempfile.NamedTemporaryFile(suffix=".pdf") as handle:
                handle.write(got["files"]["pdf"])
                handle.flush()
                if squeeze(expected) not in squeeze(pdf_text(Path(handle.name))):
                    missing.append("pdf")
        canary = []
        if self.canary:
            canary = [f for f, data in got["files"].items() if self.canary in all_bytes(f, data)]
        return Probe(False, tuple(changed), tuple(missing), tuple(canary))


def random_answers(count: int, seed: int) -> list[str]:
    rng = random.Random(seed)
    return ["".join(rng.choices(METACHARACTERS, k=rng.randint(1, 40))) for _ in range(count)]


def summarise(probes: list[Probe]) -> tuple[int, Counter[str], Counter[str], Counter[str]]:
    refused = sum(p.refused for p in probes)
    changed = Counter(f for p in probes for f in p.changed)
    missing = Counter(f for p in probes for f in p.missing)
    canary = Counter(f for p in probes for f in p.canary)
    return refused, changed, missing, canary


def counts(counter: Counter[str], formats: Iterable[str]) -> str:
    return "/".join(str(counter[f]) for f in formats)


def probe_all(pipeline: Pipeline, answers: list[str], pdf_every: int) -> tuple[list[Probe], float]:
    """Every answer through md, html, docx, and every ``pdf_every``-th through the PDF too; seconds."""
    start = time.perf_counter()
    with ThreadPoolExecutor(2) as pool:  # the work is pandoc and Typst in child processes
        probes = list(
            pool.map(lambda ia: pipeline.probe(ia[1], FORMATS if ia[0] % pdf_every == 0 else FORMATS[:3]),
                     enumerate(answers))
        )  # fmt: skip
    return probes, time.perf_counter() - start


def figure_fuzz(work: Path, count: int) -> Row:
    probes, seconds = probe_all(Pipeline(FIXTURES / "mini"), random_answers(count, seed=11), 20)
    inputs = f"{count} seeded random answers (1-40 of {len(set(METACHARACTERS))} metacharacters)"
    row = corpus_row("1 structure injection (fuzz)", inputs, probes, seconds)
    row.outcome += f" (pdf: every 20th, {len(range(0, count, 20))})"
    return row


def corpus_row(threat: str, inputs: str, probes: list[Probe], seconds: float) -> Row:
    """The figure of a corpus of answers: refused, structure added, text lost, canary leaked."""
    refused, changed, missing, leaked = summarise(probes)
    outcome = (
        f"{len(probes) - refused} rendered, {refused} refused at validation; structural changes "
        f"md/html/docx {counts(changed, FORMATS[:3])}; text not literal md/html/docx/pdf "
        f"{counts(missing, FORMATS)}; canary bytes md/html/docx/pdf {counts(leaked, FORMATS)}"
    )
    ok = not changed and not missing and not leaked
    return Row(threat, inputs, outcome, f"{seconds:.0f} s in all", ok)


# -- the injection corpus and a canary file -------------------------------------------------------
def canary_payloads(path: Path) -> list[str]:
    p = str(path)
    return [
        f"![x]({p})", f"![x](file://{p})", f"[x]({p})", f"<img src=\"{p}\">", f"<iframe src=\"file://{p}\">",
        f"[[include {p}]]", f"{{{{ include('{p}') }}}}", f'{{% include "{p}" %}}', f'#include("{p}")',
        f'#read("{p}")', f'#image("{p}")', f"\\input{{{p}}}", f"!include {p}",
        f"<!--#include file=\"{p}\" -->", f"@import url({p});", f"```{{.include}}\n{p}\n```",
        f"![x]({p}){{width=1}}", f"<{p}>",
    ]  # fmt: skip


def figure_injection(work: Path) -> Row:
    canary = work / "canary.png"
    token = "kanarie-" + secrets.token_hex(8)
    canary.write_text(token, encoding="utf-8")
    pipeline = Pipeline(FIXTURES / "mini", canary=token.encode())
    corpus = HOSTILE + TYPST + canary_payloads(canary) + list(REFUSED.values())
    probes, seconds = probe_all(pipeline, corpus, 1)
    inputs = f"{len(corpus)} payloads x 4 formats ({len(canary_payloads(canary))} reference a canary file)"
    return corpus_row("2 injection + local file read", inputs, probes, seconds)


# -- template code execution: one payload per Jinja CVE, and the clausekit escape ----------------
def cve_payloads(canary: Path, written: Path) -> dict[str, str]:
    c = str(canary)
    return {
        "CVE-2016-10745 str.format": "{{ '{0.__class__.__mro__}'.format(naam) }}",
        "CVE-2019-10906 format_map": "{{ '{x.__class__}'.format_map({'x': naam}) }}",
        "CVE-2024-56326 format via a name": "{% set f = '{0.__class__}'.format %}{{ f(naam) }}",
        "CVE-2025-27516 |attr('format')": "{{ '{0.__class__}'|attr('format')(naam) }}",
        "CVE-2024-56201 template by name": f'{{% include "{c}" %}}',
        "CVE-2024-56201 name from an answer": "{% include naam %}",
        "ref.template.path read": f'{{{{ ref.template.path.joinpath("{c}").read_text() }}}}',
        "ref.clause.path read": f'{{{{ ref.clause.path.joinpath("{c}").read_text() }}}}',
        "ref.template.path write .pth": (
            f'{{{{ ref.template.path.joinpath("{written}").write_text("import os") }}}}'
        ),
    }


def figure_ssti(work: Path) -> Row:
    canary = work / "ssti-canary.txt"
    token = "kanarie-" + secrets.token_hex(8)
    canary.write_text(token, encoding="utf-8")
    written = work / "evil.pth"
    named = cve_payloads(canary, written)
    corpus = list(named.values()) + [p.replace("CANARY", str(canary)) for p in FILE_READS + GADGETS]
    library = work / "ssti-lib"
    shutil.copytree(FIXTURES / "mini", library)
    escapes: list[str] = []
    refused = 0
    start = time.perf_counter()
    for payload in corpus:
        path = plant(library, payload)
        try:
            text = render_text(library)
        except ClauseKitError as error:
            message = error.format()
            located = error.location is not None and error.location.path == path and bool(error.hint)
            if token in message or not located:
                escapes.append(payload)
            refused += 1
            continue
        except Exception as exc:  # a crash is not a clear refusal
            escapes.append(f"{payload} ({type(exc).__name__})")
            continue
        if token in text or "<class" in text or "<function" in text:
            escapes.append(payload)
    if written.exists():
        escapes.append("a file was written")
    seconds = time.perf_counter() - start
    harmless = len(corpus) - refused - len(escapes)
    outcome = f"{len(escapes)} escapes; {refused} refused with file:line and a hint, {harmless} harmless"
    if escapes:
        outcome += f" — ESCAPED: {escapes[:3]}"
    inputs = f"{len(named)} CVE/escape payloads + {len(FILE_READS) + len(GADGETS)} gadgets as clause bodies"
    return Row("3 SSTI / file access via helpers", inputs, outcome, f"{seconds:.1f} s in all", not escapes)


# -- denial of service: each in a child, its time to stop and peak RSS ----------------------------
@dataclass
class Run:
    seconds: float
    rss_mb: float
    code: int
    output: str  # stdout and stderr


def run_child(command: list[str], timeout: float, env: dict[str, str] | None = None) -> Run:
    """Run ``command``; wall time, peak RSS of it and its children (wait4), exit code, output."""
    with tempfile.TemporaryFile() as err:  # both streams: `check` reports on stdout
        start = time.perf_counter()
        process = subprocess.Popen(command, cwd=ROOT, stdout=err, stderr=err, env=env, start_new_session=True)
        timer = threading.Timer(timeout, lambda: os.killpg(process.pid, signal.SIGKILL))
        timer.start()
        _, status, usage = os.wait4(process.pid, 0)
        timer.cancel()
        seconds = time.perf_counter() - start
        process.returncode = os.waitstatus_to_exitcode(status)
        err.seek(0)
        return Run(seconds, usage.ru_maxrss / 1024, process.returncode, err.read().decode("utf-8", "replace"))


def cli(*args: str | Path) -> list[str]:
    return [sys.executable, "-m", "toolkit", *map(str, args)]


def dos_cases(work: Path) -> dict[str, tuple[Callable[[], list[str]], str]]:
    """name → (prepare and return the command, the ``file:line`` its error must name)."""
    cases: dict[str, tuple[Callable[[], list[str]], str]] = {}
    library = work / "dos-lib"
    answers = work / "dos-answers.yaml"

    def body(payload: str) -> Callable[[], list[str]]:
        def prepare() -> list[str]:
            shutil.rmtree(library, ignore_errors=True)
            shutil.copytree(FIXTURES / "mini", library)
            plant(library, payload)
            answers.write_text("naam: ACME\n", encoding="utf-8")
            return cli("render", "mini", "--library", library, "--answers", answers, "--to", "md",
                       "-o", work / "dos-out")  # fmt: skip

        return prepare

    for name, payload in DOS.items():
        cases[f"template: {name}"] = (body(payload), f"{library / 'mini' / 'doel.md'}:5")

    def answers_case(content: str | bytes, name: str, to: str = "md") -> Callable[[], list[str]]:
        def prepare() -> list[str]:
            shutil.rmtree(library, ignore_errors=True)
            shutil.copytree(FIXTURES / "mini", library)
            path = work / name
            path.write_bytes(content if isinstance(content, bytes) else content.encode("utf-8"))
            return cli(
                "render", "mini", "--library", library, "--answers", path, "--to", to, "-o", work / "o"
            )

        return prepare

    def checks_case(setting: str) -> Callable[[], list[str]]:
        def prepare() -> list[str]:
            shutil.rmtree(library, ignore_errors=True)
            shutil.copytree(FIXTURES / "mini", library)
            (library / "mini" / "checks.yaml").write_text(f"ignore: []\n{setting}\n", encoding="utf-8")
            return cli("check", "mini", "--library", library)

        return prepare

    huge = "naam: Acme\naantal: " + "9" * 5000 + "\n"
    cases["answers: billion laughs (621 B)"] = (answers_case(BILLION_LAUGHS, "bomb.yaml"), "bomb.yaml:1")
    cases["answers: 1000 levels of nesting"] = (
        answers_case("naam: " + "[" * 1000 + "]" * 1000 + "\n", "deep.yaml"),
        "deep.yaml:1",
    )
    cases["answers: 1000 levels (JSON)"] = (
        answers_case('{"naam": ' + "[" * 1000 + "]" * 1000 + "}", "deep.json"),
        "deep.json:1",
    )
    cases["answers: 5000-digit integer"] = (answers_case(huge, "huge.yaml"), "huge.yaml:2")
    cases["answers: 1 MB answer"] = (answers_case('naam: "' + "x" * 1_000_000 + '"\n', "mb.yaml"), "mb.yaml")
    cases["answers: 600-character answer"] = (
        answers_case(f"naam: {'x' * 600}\n", "long.yaml"),
        "long.yaml:1",
    )
    cases["answers: 5 MB answer --to pdf"] = (
        answers_case('naam: "' + "abc " * 1_250_000 + '"\n', "five.yaml", "pdf"),
        "five.yaml",
    )
    cases["answers: 20000 unknown keys"] = (
        answers_case("naam: Acme\n" + "".join(f"k{i}: x\n" for i in range(20_000)), "keys.yaml"),
        "keys.yaml:2",
    )
    cases["checks.yaml: sample 10^9"] = (checks_case("sample: 1000000000"), "checks.yaml")
    cases["checks.yaml: bound 10^14"] = (checks_case("bound: 100000000000000"), "checks.yaml")
    return cases


TYPST_BUDGET = 10.0  # the benchmark's budget for the Typst step; production's is TYPST_SECONDS (120 s)
_TYPST_CHILD = """
import sys
from toolkit.publish.markdown import Meta
from toolkit.publish.pdf import HOUSE_TYP, compile_typst
source = HOUSE_TYP.read_text(encoding="utf-8") + ("abc def ghi jkl " * 330_000 + "\\n\\n") * 1
try:
    compile_typst(source, Meta("T", "", "1 januari 2027"), 0, seconds=float(sys.argv[1]))
except Exception as exc:
    sys.stderr.write(exc.format() if hasattr(exc, "format") else repr(exc))
    sys.exit(1 if hasattr(exc, "format") else 4)
"""


def figure_dos(work: Path, runs: int) -> list[Row]:
    rows = []
    cases = dos_cases(work)
    cases["Typst: 5 MB body (budget 10 s)"] = (
        lambda: [sys.executable, "-c", _TYPST_CHILD, str(TYPST_BUDGET)],
        "within 10 seconds",
    )
    failures: list[str] = []
    times: list[float] = []
    worst = ("", 0.0)
    results: list[tuple[str, list[Run]]] = []
    for name, (prepare, where) in cases.items():
        samples = []
        for _ in range(runs):
            samples.append(run_child(prepare(), timeout=150))
        results.append((name, samples))
        for run in samples:
            clear = run.code == 1 and where in run.output and "Traceback" not in run.output
            clear = clear and ("hint:" in run.output) and len(run.output) < 5000
            if not clear:
                failures.append(f"{name} (exit {run.code}: {run.output.strip()[-160:]!r})")
                break
        times += [r.seconds for r in samples]
        rss = max(r.rss_mb for r in samples)
        if rss > worst[1]:
            worst = (name, rss)
    for name, samples in results:
        rows.append(
            Row(
                "4 DoS: " + name,
                f"{len(samples)} runs",
                "stopped: ClauseKitError naming where, with a hint"
                if not any(f.startswith(name + " ") for f in failures)
                else "NOT stopped clearly",
                f"{pct([r.seconds for r in samples])}, peak RSS {max(r.rss_mb for r in samples):.0f} MB",
                not any(f.startswith(name + " ") for f in failures),
            )
        )
    rows.append(
        Row(
            "4 DoS: all",
            f"{len(cases)} payloads x {runs} runs, each a child process",
            f"{len(cases) - len(failures)} of {len(cases)} stopped with a clear error"
            + (f" — FAILED: {failures[:3]}" if failures else ""),
            f"{pct(times)}; largest peak RSS {worst[1]:.0f} MB ({worst[0]})",
            not failures,
        )
    )
    return rows


# -- reproducible publish -----------------------------------------------------------------------
def tree_digest(folder: Path) -> dict[str, str]:
    return {
        p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file() and p.name != ".publish.lock"
    }


def figure_reproducible(work: Path, quick: bool) -> Row:
    if quick:
        library, template = approved_library(work / "repro-lib"), "mini"
    else:
        library, template = ROOT / "clauses", FLAGSHIP
    trees = []
    times = []
    for index, extra in enumerate(
        ({}, {"TZ": "Asia/Tokyo", "LANG": "C", "LC_ALL": "C", "PYTHONHASHSEED": "7"})
    ):
        out = work / f"repro-{index}"
        env = {**os.environ, "SOURCE_DATE_EPOCH": "1700000000", **extra}
        run = run_child(cli("publish", template, "--library", library, "--out", out), 600, env)
        times.append(run.seconds)
        if run.code != 0:
            return Row("5 reproducible publish", template, f"publish failed: {run.output[-300:]}", "", False)
        trees.append(tree_digest(out / template))
    differ = sorted(n for n in set(trees[0]) | set(trees[1]) if trees[0].get(n) != trees[1].get(n))
    outcome = f"{len(trees[0])} files, {len(differ)} differ" + (
        f": {differ[:5]}" if differ else "; byte-identical"
    )
    timing = f"publish {times[0]:.1f} s and {times[1]:.1f} s"
    return Row("5 reproducible publish", f"{template}, twice (2nd: TZ, locale, hash seed)", outcome, timing,
               not differ)  # fmt: skip


# -- kill -9 during publish -------------------------------------------------------------------------
def figure_kill(work: Path, kills: int) -> Row:
    library = approved_library(work / "kill-lib")
    out = work / "kill-dist"
    command = cli("publish", "--library", library, "mini", "--out", out)
    full = run_child(command, 300)  # how long a whole publish takes here, to kill within it
    shutil.rmtree(out)
    rng = random.Random(6)
    torn = killed = finished = 0
    leftovers_kept = 0
    for _ in range(kills):
        earlier = set(out.glob("mini/.1.0.0.partial-*"))
        process = subprocess.Popen(command, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        time.sleep(rng.uniform(0.2, full.seconds))
        if process.poll() is None:
            process.send_signal(signal.SIGKILL)
            killed += 1
        process.wait(timeout=120)
        now = set(out.glob("mini/.1.0.0.partial-*"))
        if now - earlier and now & earlier:  # it got to building without clearing the torn leftovers
            leftovers_kept += 1
        release = out / "mini" / "1.0.0"
        if release.exists():
            if not _complete(release):
                torn += 1
            finished += 1
            shutil.rmtree(release)  # start again from nothing published
    done = run_child(command, 300)
    whole = (
        done.code == 0 and _complete(out / "mini" / "1.0.0") and not list(out.glob("mini/.1.0.0.partial-*"))
    )
    ok = torn == 0 and whole and killed > 0 and leftovers_kept == 0
    outcome = (
        f"{torn} torn releases; {killed} killed mid-publish, {finished} finished first (whole); "
        f"{leftovers_kept} built beside old leftovers; "
        f"next publish {'complete, leftovers cleared' if whole else 'FAILED'}"
    )
    return Row("6 torn publish (kill -9)", f"{kills} publishes of mini, SIGKILL at random moments", outcome,
               f"a publish takes {full.seconds:.1f} s", ok)  # fmt: skip


# -- forged approvals -------------------------------------------------------------------------------
def figure_forgery(work: Path) -> Row:
    from toolkit.approvals import Approval, approval_message, statuses, write_lock
    from toolkit.publish.release import PublishError, publish
    from toolkit.signing import sign

    base = approved_library(work / "forge-base")
    stranger = _new_key(work, "stranger")

    def forge_text(change: Callable[[str], str]) -> Callable[[Path], None]:
        def apply(root: Path) -> None:
            lock = root / "mini" / "approvals.yaml"
            text = lock.read_text(encoding="utf-8")
            forged = change(text)
            assert forged != text
            lock.write_text(forged, encoding="utf-8")

        return apply

    def edited_with_new_digest(root: Path) -> None:
        clause = root / "mini" / "geheim.md"
        clause.write_text(clause.read_text(encoding="utf-8").replace("Niets", "Alles"), encoding="utf-8")
        status = next(s for s in statuses(Library(root).template("mini")) if s.key == "geheim:streng")
        lock = root / "mini" / "approvals.yaml"
        text = lock.read_text(encoding="utf-8")
        old = re.search(r"geheim:streng:\n(?:  .*\n)*?  sha256: (\w+)", text)
        assert old is not None
        lock.write_text(text.replace(old.group(1), status.digest), encoding="utf-8")

    def swapped_signature(text: str) -> str:
        signatures = re.findall(r"-----BEGIN SSH SIGNATURE-----\n.*?-----END SSH SIGNATURE-----", text, re.S)
        return text.replace(signatures[0], signatures[1], 1)

    def stranger_key(root: Path) -> None:
        template = Library(root).template("mini")
        lock = {}
        for status in statuses(template):
            approval = Approval(status.digest, "Eva de Vries", "2026-02-01T09:30:00Z")
            signature = sign(approval_message("mini", status.key, approval), str(stranger))
            signer = "test@clausekit.invalid"  # claims the allowed principal
            lock[status.key] = Approval(
                approval.sha256,
                approval.approved_by,
                approval.approved_at,
                signer=signer,
                signature=signature,
            )
        write_lock(template, lock)

    forgeries: dict[str, Callable[[Path], None]] = {
        "sha256 edited": forge_text(lambda t: re.sub(r"sha256: \w+", "sha256: " + "0" * 64, t, count=1)),
        "sha256 of edited text": edited_with_new_digest,
        "approved_by edited": forge_text(
            lambda t: t.replace("approved_by: Eva de Vries", "approved_by: B. Baas", 1)
        ),
        "approved_at edited": forge_text(
            lambda t: t.replace("2026-02-01T09:30:00Z", "2025-01-01T00:00:00Z", 1)
        ),
        "signature from another entry": forge_text(swapped_signature),
        "signature removed": forge_text(
            lambda t: re.sub(r"  signer: .*\n  signature: \|-?\n(?:    .*\n)+", "", t)
        ),
        "key not in allowed_signers": stranger_key,
    }
    passed: list[str] = []
    start = time.perf_counter()
    for name, forge in forgeries.items():
        root = work / f"forge-{len(passed)}-{secrets.token_hex(2)}"
        shutil.copytree(base, root)
        forge(root)
        out = root / "dist"
        try:
            publish(Library(root), Library(root).template("mini"), out)
            passed.append(name)
        except PublishError as error:
            if not error.problems or (out / "mini" / "1.0.0").exists():
                passed.append(name)
    seconds = time.perf_counter() - start
    outcome = f"{len(forgeries) - len(passed)} of {len(forgeries)} refused by the publish gate"
    if passed:
        outcome += f" — PASSED THE GATE: {passed}"
    return Row("7 forged approval", ", ".join(forgeries), outcome, f"{seconds:.1f} s in all", not passed)


# -- the table ----------------------------------------------------------------------------------
def table(rows: list[Row]) -> str:
    lines = ["| threat | attack inputs tried | outcome | budget / time |", "|---|---|---|---|"]
    for row in rows:
        mark = "" if row.ok else "**FAIL** "
        cells = (row.threat, row.inputs, mark + row.outcome, row.timing)
        lines.append("| " + " | ".join(c.replace("|", "\\|").replace("\n", " ") for c in cells) + " |")
    return "\n".join(lines)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--quick", action="store_true", help="100 answers, 3 kills, 1 run per DoS case, mini")
    args = parser.parse_args()
    quick = bool(args.quick)
    rows: list[Row] = []
    start = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="clausekit-threats-") as folder:
        work = Path(folder)
        setup_signing_key(work)
        steps: list[Callable[[], Row | list[Row]]] = [
            lambda: figure_fuzz(work, 100 if quick else 800),
            lambda: figure_injection(work),
            lambda: figure_ssti(work),
            lambda: figure_dos(work, 1 if quick else 3),
            lambda: figure_reproducible(work, quick),
            lambda: figure_kill(work, 3 if quick else 10),
            lambda: figure_forgery(work),
        ]
        for step in steps:
            began = time.perf_counter()
            try:
                result = step()
            except Exception as exc:  # a broken figure is a failing row, never a lost table
                result = Row("(figure crashed)", "", f"{type(exc).__name__}: {exc}", "", False)
            new = result if isinstance(result, list) else [result]
            rows += new
            print(f"[{time.perf_counter() - began:5.0f} s] {new[-1].threat}: {new[-1].outcome}", flush=True)
    print()
    print(table(rows))
    failed = [r.threat for r in rows if not r.ok]
    print(f"\n{len(rows) - len(failed)} of {len(rows)} rows hold; total {time.perf_counter() - start:.0f} s"
          + (" (quick)" if quick else ""))  # fmt: skip
    if failed:
        print("FAILED: " + "; ".join(failed))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
