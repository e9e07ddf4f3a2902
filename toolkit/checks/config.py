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
from ..locales import ui_text
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
                raise UsageError(
                    ui_text("checks_yaml.option_range", key=key, value=value), hint=_cap_hint(key)
                )
        return replace(self, **{k: v for k, v in changes.items() if v is not None})


def _cap_hint(key: str) -> str:
    cap = f"{CAPS[key]:,}".replace(",", ".")
    return ui_text(
        "checks_yaml.seconds_range" if key == "seconds" else "checks_yaml.number_range", key=key, cap=cap
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
            ui_text("checks_yaml.mapping"),
            Location(path, 1),
            ui_text("load.write_eg", example="ignore: [CK702]"),
        )
    for key in data:
        if str(key) not in CONFIG_KEYS:
            raise LoadError(
                ui_text("load.unknown_key", key=f"'{key}'", what="checks.yaml"),
                key_location(data, str(key), path),
                ui_text("suggest.known", names=", ".join(sorted(CONFIG_KEYS))),
                kind="unknown_key",
            )
    values: dict[str, Any] = {"path": path}
    for key in ("ignore", "forbidden_words", "known_names"):
        if key in data:
            items = data[key] or []
            if not isinstance(items, list):
                raise LoadError(
                    ui_text("checks_yaml.list", key=key),
                    key_location(data, key, path),
                    ui_text("load.write", example=f"{key}: [..]"),
                )
            values[key] = tuple(str(i) for i in items)
    for key in ("bound", "sample", "seed"):
        if key in data:
            number = data[key]
            if not isinstance(number, int) or isinstance(number, bool) or number < 0:
                raise LoadError(
                    ui_text("checks_yaml.whole_number", key=key),
                    key_location(data, key, path),
                    ui_text("load.write_eg", example=f"{key}: 1000"),
                )
            if key in CAPS and number > CAPS[key]:
                raise LoadError(
                    ui_text("checks_yaml.too_large", key=key, value=number),
                    key_location(data, key, path),
                    _cap_hint(key),
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
                ui_text("checks_yaml.seconds", value=seconds),
                key_location(data, "seconds", path),
                _cap_hint("seconds"),
            )
        values["seconds"] = float(seconds)
    return replace(CheckConfig(), **values)
