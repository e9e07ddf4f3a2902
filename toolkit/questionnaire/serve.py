"""What ``clausekit serve`` starts: Voilà with the packaged questionnaire notebook, within limits.

Each visitor gets a kernel of their own (a Python process: 65–80 MB resident once the
questionnaire is shown). Two limits keep a server alive under load:

- ``max_sessions``: at most this many kernels at once; the next visitor gets the busy page
  (HTTP 503, ``page/share/voila/templates/clausekit/503.html``) instead of a kernel.
- ``idle_timeout``: a kernel idle that long is shut down, also while its tab is still open (a tab
  left open would otherwise hold its memory for ever); a kernel busy making documents is not.

Sizing: memory ≈ 150 MB (Voilà) + ``max_sessions`` × 80 MB, so the default of 20 sessions needs
about 1.8 GB. See docs/questionnaire.md.
"""

from __future__ import annotations

import os
import sys
from dataclasses import dataclass
from pathlib import Path

PAGE = Path(__file__).resolve().with_name("page")
NOTEBOOK = PAGE / "vragenlijst.ipynb"  # in the package: served from an installed clausekit too
JUPYTER_DATA = PAGE / "share"  # a Jupyter data directory holding the Voilà template below
CONFIG = PAGE / "config"  # voila.py
VOILA_TEMPLATE = "clausekit"  # the stock "lab" template plus the busy page (503.html)
KERNEL_MB = 80  # resident memory of one questionnaire kernel, rounded up (benchmarks/serve.py: 76 MB)
DEFAULT_MAX_SESSIONS = 20
DEFAULT_IDLE_TIMEOUT = 20 * 60  # seconds: long enough to look something up between two answers


@dataclass(frozen=True)
class Limits:
    max_sessions: int = DEFAULT_MAX_SESSIONS
    idle_timeout: int = DEFAULT_IDLE_TIMEOUT  # seconds

    @property
    def cull_interval(self) -> int:
        """How often idle kernels are looked for: a third of the timeout, between 1 and 60 s."""
        return max(1, min(60, self.idle_timeout // 3))

    @property
    def memory_mb(self) -> int:
        """Roughly what the kernels take when every session is in use."""
        return self.max_sessions * KERNEL_MB


def voila_command(port: int, limits: Limits, notebook: Path = NOTEBOOK) -> list[str]:
    """Voilà on 127.0.0.1 only, sources stripped, no tracebacks shown to the customer; kernels capped
    and idle ones culled (``kernels.CappedKernelManager`` on the stock culling settings)."""
    manager = "CappedKernelManager"
    return [
        sys.executable, "-m", "voila", str(notebook),
        "--no-browser",
        f"--port={port}",
        "--Voila.ip=127.0.0.1",
        "--strip_sources=True",
        "--show_tracebacks=False",
        f"--template={VOILA_TEMPLATE}",
        "--Voila.config_file_paths", str(CONFIG),  # voila.py: the prelaunch hook
        "--VoilaConfiguration.multi_kernel_manager_class=toolkit.questionnaire.kernels." + manager,
        f"--{manager}.max_kernels={limits.max_sessions}",
        f"--{manager}.cull_idle_timeout={limits.idle_timeout}",
        f"--{manager}.cull_interval={limits.cull_interval}",
        f"--{manager}.cull_connected=True",
    ]  # fmt: skip


def voila_environment(base: dict[str, str]) -> dict[str, str]:
    """``base`` with the package's Jupyter data directory first on JUPYTER_PATH (Voilà finds its
    templates there)."""
    paths = [str(JUPYTER_DATA), *filter(None, base.get("JUPYTER_PATH", "").split(os.pathsep))]
    return {**base, "JUPYTER_PATH": os.pathsep.join(paths)}
