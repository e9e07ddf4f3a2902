"""Rewrite an OOXML zip with fixed entry dates (and optionally changed parts): reproducible bytes."""

from __future__ import annotations

import datetime as dt
import io
import re
import zipfile
from collections.abc import Callable

ZIP_EPOCH = dt.datetime(1980, 1, 1, tzinfo=dt.UTC)  # the earliest date a zip entry can hold


def iso_stamp(epoch: int) -> str:
    """``epoch`` as the UTC timestamp OOXML writes: ``2026-11-26T00:00:00Z``."""
    return dt.datetime.fromtimestamp(epoch, dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def zip_date(epoch: int) -> tuple[int, int, int, int, int, int]:
    moment = max(dt.datetime.fromtimestamp(epoch, dt.UTC), ZIP_EPOCH)
    second = moment.second - moment.second % 2  # zip stores seconds in steps of two
    return (moment.year, moment.month, moment.day, moment.hour, moment.minute, second)


def rezip(data: bytes, epoch: int, change: Callable[[str, bytes], bytes] | None = None) -> bytes:
    """The same entries in the same order, deflated, dated ``epoch``; ``change(name, bytes)`` may edit."""
    out = io.BytesIO()
    stamp = zip_date(epoch)
    with (
        zipfile.ZipFile(io.BytesIO(data)) as source,
        zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target,
    ):
        for info in source.infolist():
            payload = source.read(info.filename)
            if change is not None:
                payload = change(info.filename, payload)
            fixed = zipfile.ZipInfo(info.filename, stamp)
            fixed.compress_type = zipfile.ZIP_DEFLATED
            fixed.external_attr = 0o644 << 16
            target.writestr(fixed, payload)
    return out.getvalue()


_CORE_DATES = re.compile(rb"(<dcterms:(?:created|modified)[^>]*>)[^<]*(</dcterms:)")


def fix_core_dates(epoch: int) -> Callable[[str, bytes], bytes]:
    """A ``change`` for :func:`rezip`: created and modified in docProps/core.xml become ``epoch``."""
    stamp = iso_stamp(epoch).encode()

    def change(name: str, payload: bytes) -> bytes:
        if name != "docProps/core.xml":
            return payload
        return _CORE_DATES.sub(lambda m: m.group(1) + stamp + m.group(2), payload)

    return change
