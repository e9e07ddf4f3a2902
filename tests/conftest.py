from __future__ import annotations

import os
import shutil
import socket
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from toolkit import Library

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).resolve().parent / "fixtures"
FLAGSHIP = "richtlijnen-social-media"
REGENERATE = os.environ.get("CLAUSEKIT_REGEN") == "1"

# Debian's Chromium, driven by Playwright (never a browser download). Without the
# background-networking flags Chromium keeps dialling out, which this machine's network refuses.
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]  # fmt: skip


# System programs some tests drive for real. README's test command must pass where only Python and
# git exist, so a test marked ``@pytest.mark.requires("chromium")`` skips there with the reason;
# under CI (``bash .ci/run`` installs them and sets CI) a missing program is a failure, never a skip.
PROGRAMS = {
    "chromium": CHROMIUM,
    "soffice": "soffice",
    "ssh-keygen": "ssh-keygen",
}


def missing_program(name: str) -> str | None:
    """Why a test that needs ``name`` cannot run here, or None when the program is installed."""
    program = PROGRAMS[name]
    found = os.access(program, os.X_OK) if os.path.isabs(program) else shutil.which(program) is not None
    if found:
        return None
    return f"needs {name} ({program}), which is not installed; `bash .ci/run` installs it and runs everything"


@pytest.hookimpl(tryfirst=True)  # before any fixture starts a server for a test that cannot run
def pytest_runtest_setup(item: pytest.Item) -> None:
    for marker in item.iter_markers("requires"):
        for name in marker.args:
            reason = missing_program(name)
            if reason is None:
                continue
            if os.environ.get("CI"):
                pytest.fail(f"CI must run every test: {reason}", pytrace=False)
            pytest.skip(reason)


def free_port() -> int:
    """A free TCP port on 127.0.0.1 (tests run beside each other; never a fixed port)."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


TEST_KEY = FIXTURES / "keys" / "test-approval-key"  # TEST ONLY: see tests/fixtures/keys/README.md


@pytest.fixture(scope="session", autouse=True)
def dutch_interface() -> Iterator[None]:
    """The interface speaks Dutch in every test (and its subprocesses), whatever the machine's locale;
    a test of another language asks for it (``--lang``, ``CLAUSEKIT_LANG``, ``ui=``)."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("CLAUSEKIT_LANG", "nl")
        yield


@pytest.fixture(scope="session", autouse=True)
def test_signing_key(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """Approvals in tests are signed with the test-only key, as git's user.signingkey (environment
    variables, so `clausekit approve` in a subprocess uses it too); the fixtures' allowed_signers list it."""
    key = tmp_path_factory.mktemp("signing") / TEST_KEY.name
    shutil.copyfile(TEST_KEY, key)
    key.chmod(0o600)  # ssh-keygen refuses a private key that others can read
    with pytest.MonkeyPatch.context() as patch:
        first = int(os.environ.get("GIT_CONFIG_COUNT", "0") or 0)
        for offset, (name, value) in enumerate((("gpg.format", "ssh"), ("user.signingkey", str(key)))):
            patch.setenv(f"GIT_CONFIG_KEY_{first + offset}", name)
            patch.setenv(f"GIT_CONFIG_VALUE_{first + offset}", value)
        patch.setenv("GIT_CONFIG_COUNT", str(first + 2))
        yield key


BILINGUAL_ANSWERS = {"client": "Acme Ltd", "supplier": "Jansen Advies", "fee": "hourly", "rate": 120}


@pytest.fixture
def bilingual_library(tmp_path: Path) -> Path:
    """A writable copy of the bilingual fixture library (an English template with a Dutch edition)."""
    target = tmp_path / "bilingual"
    shutil.copytree(FIXTURES / "bilingual", target)
    return target


def bilingual_studio(library: Path, **options: Any) -> Any:
    """The studio on the bilingual fixture's ``services``, started from :data:`BILINGUAL_ANSWERS`."""
    from toolkit.notebook import Studio

    answers = dict(BILINGUAL_ANSWERS)
    return Studio("services", library=library, answers=answers, watch=False, debounce=0, **options)


@pytest.fixture
def mini_library(tmp_path: Path) -> Path:
    """A writable copy of the mini fixture library (to plant defects in)."""
    target = tmp_path / "lib"
    shutil.copytree(FIXTURES / "mini", target)
    return target


@pytest.fixture(scope="session")
def flagship_library() -> Library:
    return Library(ROOT / "clauses")


def docx_plain_text(source: Path | str | bytes) -> str:
    """The paragraphs of a DOCX (a path or its bytes) as text, one per line (python-docx)."""
    import io

    import docx

    document = docx.Document(io.BytesIO(source) if isinstance(source, bytes) else str(source))
    return "\n".join(p.text for p in document.paragraphs)
