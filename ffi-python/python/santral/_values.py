"""Conversions of the native module's plain values (private): the core's
timestamp tuples and durations in seconds."""

from __future__ import annotations

import datetime as _dt
from typing import Any, Optional, Sequence


def _stamp(t: Optional[Sequence[Any]]) -> Optional[_dt.datetime]:
    """``(y, mo, d, h, mi, s, zone minutes or None)`` as a datetime (naive
    when the wire had no zone)."""
    if t is None:
        return None
    y, mo, d, h, mi, s, zone = t
    tz = None if zone is None else _dt.timezone(_dt.timedelta(minutes=zone))
    return _dt.datetime(y, mo, d, h, mi, s, tzinfo=tz)


def _seconds(n: Optional[int]) -> Optional[_dt.timedelta]:
    return None if n is None else _dt.timedelta(seconds=n)


def _record(d: dict[str, Any]) -> dict[str, Any]:
    """A record from the core: its timestamp tuples as datetimes."""
    return {k: (_stamp(v) if isinstance(v, tuple) else v) for k, v in d.items()}
