"""SSH signatures of approvals: a thin wrapper around ``ssh-keygen -Y``, what git uses for signed commits.

An approval is signed with the approver's SSH key in the namespace ``clausekit-approval`` (so a
signature made for git, or for anything else, is never accepted as an approval) and verified against
an ``allowed_signers`` file (format: ``man ssh-keygen``, section ALLOWED SIGNERS). ssh-keygen runs as
a subprocess without a shell, with a timeout; data reaches it on stdin and through private temporary
files, never through its command line.
"""

from __future__ import annotations

import datetime as dt
import shutil
import subprocess
import tempfile
from enum import StrEnum
from pathlib import Path

from .errors import UsageError
from .locales import ui_locale

NAMESPACE = "clausekit-approval"
SIGN_TIMEOUT = 120  # ssh-keygen may ask for the key's passphrase on the terminal
VERIFY_TIMEOUT = 30


class SigningError(UsageError):
    """No key, no ssh-keygen, or ssh-keygen refused to sign."""


def _error(key: str, hint: str, **fields: object) -> SigningError:
    """A SigningError in the interface's words (``signing.<key>`` and its hint ``signing.<hint>``)."""
    words = ui_locale()
    return SigningError(words.text(f"signing.{key}", **fields), hint=words.text(f"signing.{hint}"))


class Verdict(StrEnum):
    """Whether an approval's signature holds, against the template's allowed signers."""

    VERIFIED = "verified"
    UNSIGNED = "unsigned"
    INVALID = "invalid"  # the signature does not fit the approval: forged, or edited after signing
    NOT_ALLOWED = "signer not allowed"  # a good signature, but not by a key allowed for this principal


def ssh_keygen() -> str:
    """The path of ssh-keygen, or a SigningError with a hint."""
    found = shutil.which("ssh-keygen")
    if found is None:
        raise _error("no_ssh_keygen", "no_ssh_keygen.hint")
    return found


def _run(args: list[str], stdin: bytes, timeout: float) -> subprocess.CompletedProcess[bytes]:
    try:
        return subprocess.run(
            [ssh_keygen(), *args], input=stdin, capture_output=True, timeout=timeout, check=False
        )
    except subprocess.TimeoutExpired as exc:
        raise _error("timeout", "timeout.hint", seconds=f"{timeout:.0f}") from exc
    except OSError as exc:
        raise _error("not_started", "not_started.hint", reason=str(exc)) from exc


def _last_line(output: bytes) -> str:
    lines = [line for line in output.decode("utf-8", "replace").splitlines() if line.strip()]
    return lines[-1].strip()[:300] if lines else ui_locale().text("signing.no_message")


def git_config(name: str, cwd: Path | None = None) -> str:
    """The value of git config ``name`` (empty when unset or when git is missing)."""
    try:
        result = subprocess.run(
            ["git", "config", "--get", name], capture_output=True, text=True, timeout=10, check=False, cwd=cwd
        )
    except (OSError, subprocess.SubprocessError):
        return ""
    return result.stdout.strip() if result.returncode == 0 else ""


def signing_key(explicit: str | Path | None, cwd: Path | None = None) -> str:
    """The key to sign with: ``explicit`` (``--key``), else git's ``user.signingkey`` when
    ``gpg.format`` is ``ssh`` (a path, or a literal ``key::ssh-ed25519 …`` public key in ssh-agent)."""
    if explicit is not None and str(explicit).strip():
        path = Path(explicit).expanduser()
        if not path.is_file():
            raise _error("key_not_found", "key.hint", path=path)
        return str(path)
    fmt, key = git_config("gpg.format", cwd), git_config("user.signingkey", cwd)
    if not key or fmt != "ssh":
        raise _error("no_key.format" if key else "no_key.unset", "key.hint")
    if _literal(key):
        return key
    path = Path(key).expanduser()
    if not path.is_file():
        raise _error("git_key_not_found", "key.hint", path=path)
    return str(path)


def _literal(key: str) -> bool:
    return key.startswith(("key::", "ssh-", "ecdsa-", "sk-"))


def sign(message: bytes, key: str) -> str:
    """The armored SSH signature (``-----BEGIN SSH SIGNATURE-----`` …) of ``message`` by ``key``."""
    with tempfile.TemporaryDirectory(prefix="clausekit-sign-") as tmp:
        key_file = key
        if _literal(key):  # a public key whose private half is in ssh-agent, as git allows
            key_file = str(Path(tmp) / "key.pub")
            Path(key_file).write_text(key.removeprefix("key::") + "\n", encoding="utf-8")
        result = _run(["-Y", "sign", "-f", key_file, "-n", NAMESPACE, "-q"], message, SIGN_TIMEOUT)
    signature = result.stdout.decode("ascii", "replace").strip()
    if result.returncode != 0 or not signature.startswith("-----BEGIN SSH SIGNATURE-----"):
        words = ui_locale()
        raise SigningError(
            words.text("signing.cannot_sign", key=key, reason=_last_line(result.stderr)),
            hint=words.text("signing.cannot_sign.hint") + "; " + words.text("signing.key.hint"),
        )
    return signature + "\n"


def find_principals(signature: str, allowed_signers: bytes, at: str | None) -> list[str]:
    """The principals that ``allowed_signers`` lists for the key that made ``signature`` (at ``at``)."""
    with tempfile.TemporaryDirectory(prefix="clausekit-verify-") as tmp:
        sig, allowed = _files(Path(tmp), signature, allowed_signers)
        args = ["-Y", "find-principals", "-s", sig, "-f", allowed, *_time_option(at)]
        result = _run(args, b"", VERIFY_TIMEOUT)
    if result.returncode != 0:
        return []
    return [line.strip() for line in result.stdout.decode("utf-8", "replace").splitlines() if line.strip()]


def verify(
    message: bytes, signature: str | None, principal: str | None, allowed_signers: bytes, at: str | None
) -> Verdict:
    """Whether ``signature`` signs ``message`` with a key that ``allowed_signers`` allows ``principal``
    to use in our namespace, at time ``at`` (the approval's own ISO time, so that a key retired later
    with ``valid-before`` keeps its earlier approvals)."""
    if not signature or not signature.strip():
        return Verdict.UNSIGNED
    if not principal or not principal.strip():
        return Verdict.NOT_ALLOWED
    with tempfile.TemporaryDirectory(prefix="clausekit-verify-") as tmp:
        sig, allowed = _files(Path(tmp), signature, allowed_signers)
        args = ["-Y", "verify", "-f", allowed, "-I", principal, "-n", NAMESPACE, "-s", sig, *_time_option(at)]
        if _run(args, message, VERIFY_TIMEOUT).returncode == 0:
            return Verdict.VERIFIED
        # Not good for this principal: a sound signature by another key, or no sound signature at all?
        check = _run(["-Y", "check-novalidate", "-n", NAMESPACE, "-s", sig], message, VERIFY_TIMEOUT)
    return Verdict.NOT_ALLOWED if check.returncode == 0 else Verdict.INVALID


def _files(folder: Path, signature: str, allowed_signers: bytes) -> tuple[str, str]:
    sig, allowed = folder / "approval.sig", folder / "allowed_signers"
    sig.write_text(signature.strip() + "\n", encoding="ascii", errors="replace")
    allowed.write_bytes(allowed_signers)
    return str(sig), str(allowed)


def _time_option(at: str | None) -> list[str]:
    """``-O verify-time=20260201093000Z`` for ``2026-02-01T09:30:00Z`` (none when not a zoned time)."""
    try:
        moment = dt.datetime.fromisoformat((at or "").replace("Z", "+00:00"))
    except ValueError:
        return []
    if moment.tzinfo is None:
        return []
    return ["-O", "verify-time=" + moment.astimezone(dt.UTC).strftime("%Y%m%d%H%M%SZ")]


def public_key_hint(key: str) -> str:
    """What to add to allowed_signers for ``key`` (its public key, when it can be read)."""
    if _literal(key):
        public = key.removeprefix("key::")
    else:
        pub = Path(key if key.endswith(".pub") else key + ".pub")
        try:
            public = pub.read_text(encoding="utf-8").strip()
        except (OSError, UnicodeDecodeError):
            public = ui_locale().text("signing.contents_of", path=pub)
    parts = public.split()
    public = " ".join(parts[:2]) if len(parts) >= 2 else public
    return f'you@example.org namespaces="{NAMESPACE}" {public}'
