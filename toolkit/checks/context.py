"""What the rules look at: the template, its configuration, the static analysis and the answer space."""

from __future__ import annotations

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
    """One check run of one template; the expensive parts are computed on first use."""

    library: Library
    template: Template
    config: CheckConfig = field(default_factory=CheckConfig)

    @cached_property
    def analysis(self) -> TemplateAnalysis:
        from .analysis import analyse

        return analyse(self.library.engine, self.template)

    @cached_property
    def space(self) -> SpaceResult:
        from .space import explore

        return explore(self.library, self.template, self.config, self.analysis)
