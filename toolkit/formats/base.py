"""What an output format is: one frozen record that every face reads (render, interview, questionnaire,
studio, nbconvert, releases)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from importlib import import_module
from importlib.util import find_spec
from typing import TYPE_CHECKING, Any

from ..model import Document

if TYPE_CHECKING:
    from ..publish.markdown import Meta

# The publish extra (pip install -e ".[publish]") brings pandoc, Typst and python-docx.
PUBLISH_MODULES = ("pypandoc", "typst", "docx")

Writer = Callable[[Document], bytes]
# pandoc Markdown, its title block and the fixed timestamp → bytes: how a release writes its editions
EditionWriter = Callable[[str, "Meta", int], bytes]


@dataclass(frozen=True)
class Format:
    """One output format. ``name`` is what ``--to`` takes; nbconvert knows it as ``clausekit_<name>``."""

    name: str
    extension: str
    mime: str
    label: str
    write: Writer
    edition: EditionWriter | None = None  # formats that have one are published in every release
    requires: tuple[str, ...] = ()  # modules of the optional extra it needs
    extra: str = ""  # that extra's name, for the hint when it is missing

    @property
    def installed(self) -> bool:
        """Whether this installation can write it (modules looked up, not imported: cheap)."""
        return all(find_spec(module) is not None for module in self.requires)

    @property
    def released(self) -> bool:
        """Whether a release carries this format (the review edition and every example)."""
        return self.edition is not None


def on_use(module: str, function: str) -> Callable[..., bytes]:
    """A writer that imports ``toolkit.<module>`` when first called: pandoc and Typst are an optional
    extra, and ``clausekit --help`` should not load them."""

    def write(*args: Any) -> bytes:
        result: bytes = getattr(import_module(f"toolkit.{module}"), function)(*args)
        return result

    return write
