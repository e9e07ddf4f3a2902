from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from toolkit import Library

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).resolve().parent / "fixtures"
FLAGSHIP = "richtlijnen-social-media"
REGENERATE = os.environ.get("CLAUSEKIT_REGEN") == "1"


@pytest.fixture
def mini_library(tmp_path: Path) -> Path:
    """A writable copy of the mini fixture library (to plant defects in)."""
    target = tmp_path / "lib"
    shutil.copytree(FIXTURES / "mini", target)
    return target


@pytest.fixture(scope="session")
def flagship_library() -> Library:
    return Library(ROOT / "clauses")
