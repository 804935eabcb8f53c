"""The Logo CRM IP-PBX bridge: a call event becomes the
``IPS_callAnswered`` JSON."""
from __future__ import annotations

from typing import TYPE_CHECKING, Optional, Union

from santral import _native
from santral.errors import LogoCrmError, from_diagnostics

if TYPE_CHECKING:
    from santral import CallEvent

__all__ = ["from_event"]


def from_event(
    event: "Union[bytes, str, CallEvent]",
    *,
    keypress: "Union[int, str, None]" = None,
    caller_form: Optional[str] = None,
    agent_id: Optional[str] = None,
    trigger: Optional[str] = None,
) -> Optional[str]:
    """The Logo CRM JSON for a call-event body (``bytes``/``str``), or
    ``None`` when the event is not the ``trigger``. ``keypress``: 1 show
    the card, 2 new offer, 3 new support ticket; ``caller_form``:
    ``national`` (``0533…``), ``bare`` (``533…``) or ``e164``; ``trigger``:
    ``answer`` or ``ringing``. ``None`` is the core's default (1,
    ``national``, ``answer``), the same in every face."""
    if not isinstance(event, (bytes, str)):
        raise TypeError("pass the call-event body (bytes or str)")
    text, status, diags = _native.logo_from_event(
        event, None if keypress is None else str(keypress), caller_form, agent_id, trigger
    )
    if status == "invalid":
        raise from_diagnostics(LogoCrmError, diags)
    return text
