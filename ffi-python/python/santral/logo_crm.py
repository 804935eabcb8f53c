"""The Logo CRM IP-PBX bridge: a call event becomes the
``IPS_callAnswered`` JSON."""
from __future__ import annotations

from typing import TYPE_CHECKING, Optional, Union

from santral import _native
from santral.errors import LogoCrmError

if TYPE_CHECKING:
    from santral import CallEvent

__all__ = ["from_event"]


def from_event(
    event: "Union[bytes, str, CallEvent]",
    *,
    keypress: int = 1,
    caller_form: str = "national",
    agent_id: Optional[str] = None,
    trigger: str = "answer",
) -> Optional[str]:
    """The Logo CRM JSON for a call-event body (``bytes``/``str``), or
    ``None`` when the event is not the ``trigger``. ``keypress``: 1 show
    the card, 2 new offer, 3 new support ticket; ``caller_form``:
    ``national`` (``0533…``), ``bare`` (``533…``) or ``e164``."""
    if not isinstance(event, (bytes, str)):
        raise TypeError("pass the call-event body (bytes or str)")
    text, status, diags = _native.logo_from_event(event, keypress, caller_form, agent_id, trigger)
    if status == "invalid":
        first = next((d for d in diags if d[0] == "error"), None)
        code = first[1] if first else "logo.invalid"
        raise LogoCrmError(first[2] if first else "invalid call event", code=code)
    return text
