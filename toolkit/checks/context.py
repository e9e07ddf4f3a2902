"""What the rules look at: the template, its configuration, the static analysis and the answer space."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cached_property
from typing import TYPE_CHECKING

from ..library import Library
from ..model import Template
from .config import CheckConfig

if TYPE_CHECKING:
    from .analysis import TemplateAnalysis
    from .space import SpaceResult


@dataclass
class CheckContext:
    """One check run of one template (or of one of its editions, with ``source`` the source's run);
    the expensive parts are computed on first use."""

    library: Library
    template: Template
    config: CheckConfig = field(default_factory=CheckConfig)
    source: CheckContext | None = None

    @cached_property
    def analysis(self) -> TemplateAnalysis:
        from .analysis import analyse

        return analyse(self.library.engine, self.template)

    @cached_property
    def space(self) -> SpaceResult:
        from .space import explore

        # An edition has the source's questions and conditions: its search follows the source's
        # (the same mode, the conditions' decisions reused) and only renders its own text.
        like = self.source.space if self.source is not None and "space" in self.source.__dict__ else None
        return explore(self.library, self.template, self.config, self.analysis, like)

    @cached_property
    def editions(self) -> Mapping[str, CheckContext]:
        """The run of every translation of the template, by language tag (none for an edition)."""
        if self.template.is_edition:
            return {}
        return {
            tag: CheckContext(self.library, self.template.editions[tag], self.config, self)
            for tag in self.template.translations
        }
