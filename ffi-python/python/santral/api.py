"""The API's operations, sans-IO: the core writes each request and reads
each reply; you move the bytes with any HTTP library (``santral.Client``
does it with httpx).

    >>> from santral import api
    >>> r = api.prepare("originate", key="K12345678-1234-5678-4321-123456789012", extension="1001", destination="08505320000")
    >>> r.method, r.target
    ('GET', '/originate?key=K12345678-1234-5678-4321-123456789012&extension=1001&destination=908505320000')
    >>> r.redacted
    'GET /originate?key=K1234…9012&extension=1001&destination=908505320000'
    >>> api.read_reply("originate", 200, b"358c20bc-fd86-11e5-87a2-157d41a07454").value
    '358c20bc-fd86-11e5-87a2-157d41a07454'

Operations: ``OPERATIONS`` lists all 45, from the core's table; each
takes ``key`` and its parameters under the vendor's names. A value is
sent as text: a ``bool`` as ``true``/``false``, a number in decimal, a
list joined by commas, ``None`` not at all.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Optional, Union

from santral import _native
from santral._operations import OPERATIONS
from santral._values import _record
from santral.errors import api_error

__all__ = ["OPERATIONS", "Prepared", "Reply", "prepare", "read_reply"]



Prepared = _native.Prepared
"""One request as the core writes it: ``operation``, ``method``, ``target``,
``content_type``, ``body``, ``redacted`` (the request for a log, the key
masked), ``idempotent``, ``pool`` (its rate budget), ``valid`` (false when
the core found an error — ``diagnostics`` says which: do not send it) and
``diagnostics``. Its ``repr`` shows the redacted form."""


@dataclass(frozen=True)
class Reply:
    """A success: ``kind`` is ``campaign_created`` (``value`` the id),
    ``ok``, ``crm_settings`` (a dict), ``call_started`` (the uuid), ``cdrs``
    (``value`` the records, ``extra`` the pagination), ``cdr`` (``value``
    the record, ``extra`` the call flow), ``id`` (a new record's id),
    ``dnd`` (``value`` the extension, ``extra`` ``on``/``off``), ``url``
    (``extra`` its expiry when the reply says), ``token``, or ``records``
    (``value`` a list of dicts, ``extra`` the pagination or ``None``)."""

    kind: str
    value: Any = None
    extra: Any = None


def prepare(operation: str, *, key: str, **params: Any) -> Prepared:
    """The request of ``operation``. A parameter the core cannot read raises
    ``SantralError`` at its name (``extension.invalid`` at ``extension``)."""
    return _native.api_request(operation, key=key, **{k: v for k, v in params.items() if v is not None})


def read_reply(operation: str, status: int, body: Union[bytes, str], *, retry_after: Optional[float] = None) -> Reply:
    """Reads a reply: a ``Reply``, or raises the ``ApiError`` subclass of the
    PBX's failure (``NotFound``, ``InvalidKey``, ``RateLimited``…)."""
    read = _native.api_reply(operation, status, body)
    kind, value, extra = read.kind, read.value, read.extra
    if kind == "failure":
        raise api_error(operation, value.code, value.status, value.transient, value.text, retry_after=retry_after)
    if kind == "records":
        value = [_record(r) for r in value]
    return Reply(kind, value, extra)
