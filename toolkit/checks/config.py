"""Per-template check settings: `checks.yaml` beside `template.yaml`.

A separate file (not a key in template.yaml) because template.yaml is approved by its sha256:
switching a lint rule off must not void the legal approval of the template.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from ..errors import LoadError, Location, UsageError
from ..fsutil import present
from ..yamlio import CommentedMap, key_location, load_yaml, read_source

CONFIG_FILE = "checks.yaml"
CONFIG_KEYS = {"ignore", "forbidden_words", "known_names", "bound", "sample", "seed", "seconds"}

# The answer space search is bounded whatever checks.yaml or the command line ask: beyond these a
# check would run for hours or exhaust memory (a combination list is built before it is rendered).
MAX_BOUND = 1_000_000
MAX_SAMPLE = 100_000
MAX_SECONDS = 86_400
CAPS = {"bound": MAX_BOUND, "sample": MAX_SAMPLE, "seconds": MAX_SECONDS}

# Stadhuistaal that plain-language guides advise against; checks.yaml can replace the list.
DEFAULT_FORBIDDEN = ("zulks", "derhalve", "teneinde", "middels", "hetwelk", "dezerzijds")


@dataclass(frozen=True)
class CheckConfig:
    ignore: tuple[str, ...] = ()
    forbidden_words: tuple[str, ...] = DEFAULT_FORBIDDEN
    known_names: tuple[str, ...] = ()  # capitalised names that are not defined terms (CK602)
    bound: int = 50_000  # render every combination up to this many
    sample: int = 5_000  # random combinations on top of the all-pairs set above the bound
    seed: int = 0
    seconds: float = 10.0  # time for rendering every combination; past it, the covering set and sample
    workers: int | None = None  # None: both cores when the space is large
    path: Path | None = None

    def with_overrides(self, **changes: Any) -> CheckConfig:
        """These settings with the command line's (``None``: not given); caps as in checks.yaml."""
        for key, cap in CAPS.items():
            value = changes.get(key)
            if value is not None and not 0 <= value <= cap:
                raise UsageError(f"--{key} {value} is out of range", hint=_cap_hint(key))
        return replace(self, **{k: v for k, v in changes.items() if v is not None})


def _cap_hint(key: str) -> str:
    what = "a number of seconds" if key == "seconds" else "a whole number"
    return (
        f"{key} is {what} from 0 to {CAPS[key]:,}".replace(",", ".")
        + "; above the bound the check samples, which finds the same kinds of problems"
    )


def load_config(folder: Path) -> CheckConfig:
    """The settings in `folder/checks.yaml`; the defaults when there is none."""
    path = folder / CONFIG_FILE
    if not present(path):
        return CheckConfig()
    data = load_yaml(read_source(path, CONFIG_FILE, within=folder.parent), path)
    if data is None:
        return CheckConfig(path=path)
    if not isinstance(data, CommentedMap):
        raise LoadError(
            "checks.yaml must be a mapping of keys", Location(path, 1), "write e.g. ignore: [CK702]"
        )
    for key in data:
        if str(key) not in CONFIG_KEYS:
            raise LoadError(
                f"unknown key '{key}' in checks.yaml",
                key_location(data, str(key), path),
                "known: " + ", ".join(sorted(CONFIG_KEYS)),
            )
    values: dict[str, Any] = {"path": path}
    for key in ("ignore", "forbidden_words", "known_names"):
        if key in data:
            items = data[key] or []
            if not isinstance(items, list):
                raise LoadError(
                    f"'{key}' must be a list", key_location(data, key, path), f"write {key}: [..]"
                )
            values[key] = tuple(str(i) for i in items)
    for key in ("bound", "sample", "seed"):
        if key in data:
            number = data[key]
            if not isinstance(number, int) or isinstance(number, bool) or number < 0:
                raise LoadError(
                    f"'{key}' must be a whole number",
                    key_location(data, key, path),
                    f"write e.g. {key}: 1000",
                )
            if key in CAPS and number > CAPS[key]:
                raise LoadError(
                    f"'{key}: {number}' is too large", key_location(data, key, path), _cap_hint(key)
                )
            values[key] = number
    if "seconds" in data:
        seconds = data["seconds"]
        if (
            not isinstance(seconds, int | float)
            or isinstance(seconds, bool)
            or not 0 <= seconds <= MAX_SECONDS
        ):
            raise LoadError(
                f"'seconds: {seconds}' must be a number of seconds",
                key_location(data, "seconds", path),
                _cap_hint("seconds"),
            )
        values["seconds"] = float(seconds)
    return replace(CheckConfig(), **values)
