"""Builders for advisory routing responses: each returns the JSON text the
PBX expects, with the vendor's value types and never a trailing comma.

    >>> from santral import advisory
    >>> advisory.transfer(target="queue/201")
    '{"transfer":{"target":"queue/201"}}'
"""
from __future__ import annotations

from typing import Optional

from santral import _native

__all__ = ["prompt", "record", "speech_to_text", "transfer"]


def _done(text: str) -> str:
    """Every builder raises ``AdvisoryError`` (at the field, e.g.
    ``prompt.phrase_speed``) from the core when a rule is broken."""
    return text


def transfer(
    *,
    target: str,
    greet_name: Optional[str] = None,
    greet_phrase: Optional[str] = None,
    lang: Optional[str] = None,
    announcement_to_caller: Optional[int] = None,
    announcement_to_callee: Optional[int] = None,
    recording_enabled: Optional[bool] = None,
) -> str:
    """Route the call to ``target`` (``queue/201``, ``external/05321234567``, …)."""
    return _done(
        _native.build_transfer(
            target, greet_name, greet_phrase, lang, announcement_to_caller, announcement_to_callee, recording_enabled
        )
    )


def prompt(
    *,
    min_digits: int,
    max_digits: int,
    retry_count: int,
    announcement_id: Optional[int] = None,
    phrase: Optional[str] = None,
    phrase_speed: Optional[float] = None,
    lang: Optional[str] = None,
    timeout: Optional[int] = None,
    digit_timeout: Optional[int] = None,
    service_url: Optional[str] = None,
    param_name: Optional[str] = None,
) -> str:
    """Collect keys after an announcement or a phrase."""
    return _done(
        _native.build_prompt(
            min_digits, max_digits, retry_count, announcement_id, phrase, phrase_speed, lang, timeout,
            digit_timeout, service_url, param_name,
        )
    )


def record(*, announcement_id: Optional[int] = None, phrase: Optional[str] = None, lang: Optional[str] = None) -> str:
    """Record a message, after an optional announcement or phrase."""
    return _done(_native.build_record(announcement_id, phrase, lang))


def speech_to_text(*, announcement_id: int, recognation_duration: Optional[int] = None) -> str:
    """Recognise speech (the vendor's spelling: ``recognation_duration``)."""
    return _done(_native.build_speech_to_text(announcement_id, recognation_duration))
