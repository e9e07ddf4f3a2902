"""What ``clausekit web`` serves and within which limits, read from the environment.

Every worker process builds the same app from the same variables (``uvicorn --workers N`` and
gunicorn start workers by importing :func:`toolkit.web.app.from_environment`), so the command line
only sets them. The secret that signs the answers in the forms must be the same in every worker and
every replica: give it as ``CLAUSEKIT_WEB_SECRET``, or let the first worker generate the file named
by ``CLAUSEKIT_WEB_SECRET_FILE`` (default ``~/.local/state/clausekit/web-secret``).
"""

from __future__ import annotations

import os
import secrets
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import UsageError

ENV_LIBRARY = "CLAUSEKIT_WEB_LIBRARY"  # a library folder (default ./clauses when no bundle is given)
ENV_BUNDLES = "CLAUSEKIT_WEB_BUNDLES"  # published bundles, separated by os.pathsep
ENV_TEMPLATES = "CLAUSEKIT_WEB_TEMPLATES"  # template ids to serve, comma-separated (default: all)
ENV_SECRET = "CLAUSEKIT_WEB_SECRET"
ENV_SECRET_FILE = "CLAUSEKIT_WEB_SECRET_FILE"
ENV_MAX_BODY = "CLAUSEKIT_WEB_MAX_BODY"  # bytes of one request body
ENV_RENDER_SECONDS = "CLAUSEKIT_WEB_RENDER_SECONDS"  # time budget of one render
ENV_RENDER_SLOTS = "CLAUSEKIT_WEB_RENDER_SLOTS"  # renders at once per worker
ENV_FORM_HOURS = "CLAUSEKIT_WEB_FORM_HOURS"  # how long a page's answers stay valid

DEFAULT_SECRET_FILE = Path("~/.local/state/clausekit/web-secret")
MIN_SECRET = 32  # characters


@dataclass(frozen=True)
class Limits:
    max_body: int = 256 * 1024  # bytes: the flagship's longest form is about 12 kB
    max_answer: int = 5_000  # characters of one answer (a text question's own limit is lower)
    max_answers: int = 200  # answers in one request
    render_seconds: float = 30.0  # one document; pandoc and Typst have budgets of their own too
    render_slots: int = 2  # documents made at once per worker (about one per core)
    render_queue: int = 16  # requests waiting for a slot before the next gets 503
    form_seconds: int = 12 * 3600  # a page's answers older than this are refused (400)


@dataclass(frozen=True)
class Settings:
    library: Path | None = None
    bundles: tuple[Path, ...] = ()
    templates: tuple[str, ...] = ()  # empty: every template found
    secret: str = field(default="", repr=False)
    limits: Limits = Limits()

    def environment(self) -> dict[str, str]:
        """The variables that make :func:`from_environment` return these settings."""
        found = {
            ENV_BUNDLES: os.pathsep.join(str(b) for b in self.bundles),
            ENV_TEMPLATES: ",".join(self.templates),
            ENV_MAX_BODY: str(self.limits.max_body),
            ENV_RENDER_SECONDS: str(self.limits.render_seconds),
            ENV_RENDER_SLOTS: str(self.limits.render_slots),
            ENV_FORM_HOURS: str(self.limits.form_seconds / 3600),
        }
        if self.library is not None:
            found[ENV_LIBRARY] = str(self.library)
        if self.secret:
            found[ENV_SECRET] = self.secret
        return found


def from_environment(env: Mapping[str, str] | None = None) -> Settings:
    """The settings the variables above describe; a bad value is a UsageError naming the variable."""
    env = os.environ if env is None else env
    bundles = tuple(Path(p) for p in env.get(ENV_BUNDLES, "").split(os.pathsep) if p)
    library = env.get(ENV_LIBRARY) or ("" if bundles else "clauses")
    limits = Limits(
        max_body=int(_number(env, ENV_MAX_BODY, Limits.max_body)),
        render_seconds=_number(env, ENV_RENDER_SECONDS, Limits.render_seconds),
        render_slots=int(_number(env, ENV_RENDER_SLOTS, Limits.render_slots)),
        form_seconds=int(_number(env, ENV_FORM_HOURS, Limits.form_seconds / 3600) * 3600),
    )
    return Settings(
        library=Path(library) if library else None,
        bundles=bundles,
        templates=tuple(t.strip() for t in env.get(ENV_TEMPLATES, "").split(",") if t.strip()),
        secret=secret(env),
        limits=limits,
    )


def _number(env: Mapping[str, str], name: str, default: float) -> float:
    text = env.get(name, "").strip()
    if not text:
        return default
    try:
        value = float(text)
    except ValueError:
        value = 0.0
    if value <= 0:
        raise UsageError(f"{name}={text!r} is not a positive number", hint=f"unset it for {default}")
    return value


def secret(env: Mapping[str, str]) -> str:
    """``$CLAUSEKIT_WEB_SECRET``, else the secret file's content, generated (mode 0600) if missing."""
    given = env.get(ENV_SECRET, "").strip()
    if given:
        if len(given) < MIN_SECRET:
            raise UsageError(
                f"{ENV_SECRET} is {len(given)} characters long; at least {MIN_SECRET} are needed",
                hint="generate one: python3 -c 'import secrets; print(secrets.token_urlsafe(48))'",
            )
        return given
    path = Path(env.get(ENV_SECRET_FILE) or DEFAULT_SECRET_FILE).expanduser()
    if not path.is_file():
        path.parent.mkdir(parents=True, exist_ok=True)
        temp = path.with_name(f".{path.name}.{secrets.token_hex(4)}")
        temp.write_text(secrets.token_urlsafe(48), encoding="ascii")
        temp.chmod(0o600)
        try:  # several workers start at once: the first link wins, the others read it
            os.link(temp, path)
        except FileExistsError:
            pass
        finally:
            temp.unlink()
    text = path.read_text(encoding="ascii").strip()
    if len(text) < MIN_SECRET:
        raise UsageError(
            f"the secret in {path} is {len(text)} characters long; at least {MIN_SECRET} are needed",
            hint=f"remove the file to have one generated, or set {ENV_SECRET}",
        )
    return text
