"""Many answer sets → documents, on every core: a JSON Lines file (one answer set a line) or a folder of
answers files. Each answer set's files are written all or none; one that fails is reported with where
it stands (``file:line``) and why, and the others are made all the same.
"""

from __future__ import annotations

import os
from collections import Counter
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .answers import load_answers_file
from .errors import ClauseKitError, LoadError, Location, UsageError
from .formats import write_documents
from .library import Library
from .locales import ui_locale
from .yamlio import MAX_BYTES, json_key_lines, load_json

ANSWER_SUFFIXES = (".yaml", ".yml", ".json")
MAX_ITEMS = 1_000_000  # answer sets per batch: a bound on what is held in memory at once
_IN_FLIGHT = 4  # items queued per worker: enough to keep it busy, few enough to keep memory flat


@dataclass(frozen=True)
class Item:
    """One answer set: where it stands (shown in the report), its answers, the output file stem."""

    where: str
    stem: str
    path: Path
    raw: dict[str, Any] | None = None  # None: an answers file, read by the worker
    lines: dict[str, int] = field(default_factory=dict)  # JSON Lines: answer → its line
    problem: ClauseKitError | None = None  # the line could not be read


@dataclass(frozen=True)
class Outcome:
    item: Item
    written: tuple[Path, ...] = ()
    error: str | None = None  # the problem, formatted (``file:line: message`` and a hint)


def read_items(source: Path) -> list[Item]:
    """The answer sets of a JSON Lines file or of a folder's answers files, in order."""
    words = ui_locale()
    if source.is_dir():
        files = sorted(p for p in source.iterdir() if p.is_file() and p.suffix.lower() in ANSWER_SUFFIXES)
        twice = sorted(stem for stem, count in Counter(p.stem for p in files).items() if count > 1)
        if twice:
            raise UsageError(
                words.text("batch.same_name", folder=source, names=", ".join(twice)),
                hint=words.text("batch.same_name.hint"),
            )
        if len(files) > MAX_ITEMS:
            raise UsageError(
                words.text("batch.too_many", source=source, limit=MAX_ITEMS),
                hint=words.text("batch.too_many.hint"),
            )
        return [Item(where=p.name, stem=p.stem, path=p) for p in files]
    if not source.is_file():
        raise UsageError(
            words.text("batch.not_found", source=source), hint=words.text("batch.not_found.hint")
        )
    return list(_json_lines(source))


def _lines(path: Path) -> Iterator[tuple[int, bytes | None]]:
    """Each non-blank line with its number, never reading more than MAX_BYTES of one at a time: a
    longer line is skipped to its end and given as None."""
    with path.open("rb") as stream:
        number = 0
        while line := stream.readline(MAX_BYTES + 1):
            number += 1
            if len(line) > MAX_BYTES:
                while line and not line.endswith(b"\n"):  # the rest of it, a piece at a time
                    line = stream.readline(MAX_BYTES + 1)
                yield number, None
            elif line.strip():
                yield number, line


def _json_lines(path: Path) -> Iterator[Item]:
    numbered: list[tuple[int, bytes | None]] = []
    for entry in _lines(path):
        numbered.append(entry)
        if len(numbered) > MAX_ITEMS:
            words = ui_locale()
            raise UsageError(
                words.text("batch.too_many", source=path, limit=MAX_ITEMS),
                hint=words.text("batch.too_many.hint"),
            )
    width = len(str(numbered[-1][0])) if numbered else 1
    for number, data in numbered:
        where = f"{path}:{number}"
        stem = f"{path.stem}-{number:0{width}d}"
        try:
            raw, lines = _json_line(path, number, data)
        except ClauseKitError as exc:
            yield Item(where=where, stem=stem, path=path, problem=exc)
            continue
        yield Item(where=where, stem=stem, path=path, raw=raw, lines=lines)


def _json_line(path: Path, number: int, data: bytes | None) -> tuple[dict[str, Any], dict[str, int]]:
    here = Location(path, number)
    words = ui_locale()
    if data is None:
        raise LoadError(
            words.text("batch.line_too_long", limit=MAX_BYTES), here, words.text("batch.one_a_line")
        )
    try:
        text = data.decode("utf-8-sig" if number == 1 else "utf-8")
    except UnicodeDecodeError:
        raise LoadError(words.text("batch.not_utf8"), here, words.text("batch.not_utf8.hint")) from None
    try:
        raw = load_json(text, path)
    except LoadError as exc:
        column = exc.location.column if exc.location else None
        raise LoadError(exc.message, Location(path, number, column), exc.hint) from None
    if not isinstance(raw, dict):
        raise LoadError(words.text("batch.not_object"), here, words.text("batch.not_object.hint"))
    return raw, {key: number + line - 1 for key, line in json_key_lines(text).items()}


class Renderer:
    """What a worker holds: the library, the template compiled once, the formats; renders one item."""

    def __init__(
        self, library: Path, template_id: str, formats: Sequence[str], out: Path, language: str | None = None
    ):
        self.library = Library(library)
        self.template = self.library.edition(template_id, language)
        self.formats, self.out, self.language = list(formats), out, language

    def __call__(self, item: Item) -> Outcome:
        try:
            if item.problem is not None:
                raise item.problem
            if item.raw is None:
                raw, locations = load_answers_file(item.path)
            else:
                raw = item.raw
                locations = {key: Location(item.path, line) for key, line in item.lines.items()}
            source = item.path if item.raw is None else None
            answers = self.library.validate(self.template, raw, locations, source=source)
            document = self.library.render(self.template, answers)
            written = write_documents(self.out, document, self.formats, item.stem)
        except ClauseKitError as exc:
            message = exc.format()
            if item.raw is not None and not message.startswith(item.where):
                message = f"{item.where}: {message}"
            return Outcome(item, error=message)
        except OSError as exc:
            return Outcome(item, error=f"{item.where}: {exc.strerror or exc}")
        return Outcome(item, written=tuple(written))


_WORKER: Renderer | None = None  # the worker process's renderer (one per process, built once)


def _start_worker(
    library: Path, template_id: str, formats: Sequence[str], out: Path, language: str | None
) -> None:
    global _WORKER
    _WORKER = Renderer(library, template_id, formats, out, language)


def _render_in_worker(item: Item) -> Outcome:
    assert _WORKER is not None
    return _WORKER(item)


def render_batch(
    renderer: Renderer, items: Sequence[Item], jobs: int, done: Callable[[Outcome], None]
) -> list[Outcome]:
    """Render every item (``jobs`` processes; 1: in this process); ``done`` is told of each as it ends.

    The outcomes come back in the order of ``items``. The parent's ``renderer`` has already loaded
    the template, so a library that cannot be loaded stops the batch before any work starts.
    """
    results: dict[int, Outcome] = {}
    for index, item in enumerate(items):
        if item.problem is not None or jobs <= 1:  # an unreadable line is reported here, not sent
            results[index] = renderer(item)
            done(results[index])
    if jobs <= 1:
        return [results[index] for index in range(len(items))]
    arguments = (
        renderer.library.root, renderer.template.id, renderer.formats, renderer.out, renderer.language
    )  # fmt: skip
    queue = ((index, item) for index, item in enumerate(items) if index not in results)
    with ProcessPoolExecutor(max_workers=jobs, initializer=_start_worker, initargs=arguments) as pool:
        running: dict[Future[Outcome], int] = {}
        while True:
            while len(running) < jobs * _IN_FLIGHT:
                following = next(queue, None)
                if following is None:
                    break
                running[pool.submit(_render_in_worker, following[1])] = following[0]
            if not running:
                break
            finished, _ = wait(running, return_when=FIRST_COMPLETED)
            for future in finished:
                outcome = future.result()
                results[running.pop(future)] = outcome
                done(outcome)
    return [results[index] for index in range(len(items))]


def default_jobs() -> int:
    """The cores this process may use."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1
