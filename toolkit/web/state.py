"""A visitor's answers so far, carried by the page itself: no memory on the server between requests.

Every page holds a hidden field with the answers typed so far, the step shown and which questions
it showed, signed (itsdangerous, HMAC-SHA256 with the site's secret) for one template version and
stamped with the time. Any worker of any replica that knows the secret continues the visit; a page
of another template version, an altered field or one older than the form's lifetime is refused.
The answers are still checked like any answers file: the signature only says the page is ours.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from itsdangerous import BadSignature, SignatureExpired, URLSafeTimedSerializer

Raw = str | bool | list[str]  # what a form posts for one question, after its kind read it


class BadForm(Exception):
    """The page's answers cannot be read: altered, of another template version, or too old."""

    def __init__(self, expired: bool = False) -> None:
        super().__init__("expired" if expired else "bad")
        self.expired = expired


@dataclass(frozen=True)
class State:
    raw: Mapping[str, Raw] = field(default_factory=dict)  # what the visitor typed, by question id
    position: int = 0  # index into the steps asked now; the number of steps is the summary
    shown: tuple[str, ...] = ()  # the questions whose controls the page showed


class Sealer:
    """Signs a :class:`State` into a token for one template version, and reads it back."""

    def __init__(self, secret: str, max_age: int) -> None:
        self._serializer = URLSafeTimedSerializer(secret, salt="clausekit-web-form")
        self._max_age = max_age

    def seal(self, key: str, state: State) -> str:
        return self._serializer.dumps(
            {"k": key, "r": dict(state.raw), "p": state.position, "s": list(state.shown)}
        )

    def open(self, key: str, token: str) -> State:
        try:
            data = self._serializer.loads(token, max_age=self._max_age)
        except SignatureExpired:
            raise BadForm(expired=True) from None
        except BadSignature:
            raise BadForm() from None
        if not isinstance(data, dict) or data.get("k") != key:
            raise BadForm()
        raw, position, shown = data.get("r"), data.get("p"), data.get("s")
        if not (isinstance(raw, dict) and isinstance(position, int) and isinstance(shown, list)):
            raise BadForm()
        if not all(isinstance(k, str) and _is_raw(v) for k, v in raw.items()):
            raise BadForm()
        return State(raw, max(0, position), tuple(str(s) for s in shown))


def _is_raw(value: Any) -> bool:
    if isinstance(value, list):
        return all(isinstance(item, str) for item in value)
    return isinstance(value, (str, bool))
