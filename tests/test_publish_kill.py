"""kill -9 during publish, again and again: never a torn release, and the next publish completes."""

from __future__ import annotations

import hashlib
import json
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from publish_helpers import approved_library

pytestmark = [pytest.mark.slow, pytest.mark.requires("ssh-keygen")]  # approvals are SSH-signed
KILLS = 5


def _complete(release: Path) -> bool:
    """A visible release is whole: its manifest names every file, with the right hash."""
    manifest = json.loads((release / "manifest.json").read_text(encoding="utf-8"))
    named = {**manifest["sources"], **manifest["outputs"]}
    files = {p.relative_to(release).as_posix() for p in release.rglob("*") if p.is_file()}
    assert files == {*named, "manifest.json"}
    return all(hashlib.sha256((release / n).read_bytes()).hexdigest() == d for n, d in named.items())


def test_kill_9_mid_publish_never_leaves_a_torn_release(tmp_path: Path) -> None:
    library = approved_library(tmp_path / "lib")
    out = tmp_path / "dist"
    command = [sys.executable, "-m", "toolkit", "publish", "--library", str(library), "mini"]
    command += ["--out", str(out)]
    rng = random.Random(4)
    killed = 0
    for _ in range(KILLS):
        earlier = set(out.glob("mini/.1.0.0.partial-*"))  # left by earlier kills
        process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        deadline = time.monotonic() + 60
        while process.poll() is None and not set(out.glob("mini/.1.0.0.partial-*")) - earlier:
            assert time.monotonic() < deadline, "publish never started building"
            time.sleep(0.01)
        time.sleep(rng.uniform(0.0, 0.4))  # somewhere in the middle of building
        if process.poll() is None:
            process.send_signal(signal.SIGKILL)
            killed += 1
        process.wait(timeout=60)
        partials = set(out.glob("mini/.1.0.0.partial-*"))
        assert not partials & earlier  # each publish removes the torn leftovers of the one before
        visible = [p for p in (out / "mini").iterdir() if not p.name.startswith(".")]
        assert visible in ([], [out / "mini" / "1.0.0"])
        if visible:  # this one finished before the kill: it must be whole
            assert _complete(visible[0])
            break
    assert killed >= 1
    done = subprocess.run(command, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    assert _complete(out / "mini" / "1.0.0")
    assert not list(out.glob("mini/.1.0.0.partial-*"))  # the next publish cleared the torn leftovers
