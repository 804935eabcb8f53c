"""Building campaign requests from a header and a stream of leads.

    >>> from santral import campaign
    >>> header = '{"key":"K12345678-1234-5678-4321-123456789012","call_type":"queue","name":"Q","queue_number":204,"thread_multiplier":1}'
    >>> import santral
    >>> text = campaign.build(header, [("05321234567", None, None)])
    >>> santral.check("campaign", text).valid
    True
"""
from __future__ import annotations

from typing import Callable, Iterable, Optional, Tuple, Union

from santral import _native

__all__ = ["Lead", "build"]

Lead = Union[str, Tuple[str, Optional[str], Optional[str]]]
"""A lead: a phone, or ``(phone, phrase, lang)``."""


def _tuples(leads: Iterable[Lead]) -> Iterable[Tuple[str, Optional[str], Optional[str]]]:
    for lead in leads:
        if isinstance(lead, str):
            yield (lead, None, None)
        else:
            phone, phrase, lang = lead
            yield (phone, phrase, lang)


def build(
    header: str,
    leads: Iterable[Lead],
    *,
    write: Optional[Callable[[str], object]] = None,
    key: Optional[str] = None,
) -> Optional[str]:
    """The request JSON: ``header`` (the campaign object without
    ``phone_list``, as JSON text) plus the leads, streamed from any iterable.
    With ``write`` (e.g. ``file.write``) the text goes out in chunks and
    nothing is returned; the leads are never all held in memory. Validate
    the result with ``santral.check("campaign", …)``. A header that is not
    a JSON object without ``phone_list``, or a lead with an unknown
    ``lang``, raises ``CampaignError`` with the core's code and place.
    ``key`` is written as the campaign's ``key`` when the header has none
    (``santral.Client`` passes its own)."""
    text, _count = _native.build_campaign(header, _tuples(leads), write, key)
    return text
