"""The received messages' classes, generated from the core's message tables by tools/gen_messages.py."""
# @generated: do not edit by hand.
from __future__ import annotations

import datetime as _dt
from dataclasses import dataclass, field
from typing import Any, Optional, Union

from santral import _native
from santral._enums import Direction, Disposition, EventType, HangupCause
from santral._values import _seconds, _stamp
from santral.errors import WebhookError, from_diagnostics

Phone = _native.Phone
Diagnostic = _native.Diagnostic
Data = Union[bytes, str]


def _opt(f: Any, v: Any) -> Any:
    return None if v is None else f(v)


def _open(e: Any, v: Any) -> Any:
    """A known value as its enum member, another kept as its text."""
    return None if v is None else (e(v) if v in e._value2member_map_ else v)


@dataclass(frozen=True, kw_only=True)
class CallEvent:
    """A call event POSTed to the CRM integration's notification URL.
    Stamps without a zone are naive ``datetime``s; number fields may hold
    extensions; ``hangup_cause`` is a ``HangupCause`` or, for an
    undocumented cause, its raw text. ``idempotency_key`` is what makes
    the event one event (the core's: ``answer:<call_uuid>``): a resend
    carries the same key."""

    event_type: EventType
    domain_id: Optional[int] = None
    direction: Direction
    caller_id_number: Optional[Phone] = None
    outbound_caller_id_number: Optional[Phone] = None
    destination_number: Optional[Phone] = None
    dialed_user: Optional[Phone] = None
    connected_user: Optional[Phone] = None
    call_uuid: str
    start_stamp: Optional[_dt.datetime] = None
    answer_stamp: Optional[_dt.datetime] = None
    end_stamp: Optional[_dt.datetime] = None
    duration: Optional[_dt.timedelta] = None
    recording_present: Optional[bool] = None
    answered: Optional[bool] = None
    queue: Optional[str] = None
    queue_wait_duration: Optional[_dt.timedelta] = None
    sip_hangup_disposition: Optional[Disposition] = None
    hangup_cause: Optional[Union[HangupCause, str]] = None
    failure_status: Optional[str] = None
    failure_phrase: Optional[str] = None
    warnings: list[Diagnostic] = field(default_factory=list)
    idempotency_key: str = ""

    @classmethod
    def parse(cls, body: Data) -> "CallEvent":
        """Parses a form body.
        Raises ``WebhookError`` (with every diagnostic) when invalid, and for
        a verification ping: check ``is_ping`` first and answer it with 200."""
        value, diags = _native.parse_call_event(body)[:2]
        if value is None:
            raise from_diagnostics(WebhookError, diags)
        return cls._from_native(value, diags)

    @classmethod
    def _from_native(cls, value: dict[str, Any], diags: list[Diagnostic]) -> "CallEvent":
        """The class from the native module's reading (a dict and its diagnostics)."""
        return cls(
            event_type=_opt(EventType, value["event_type"]),
            domain_id=value["domain_id"],
            direction=_opt(Direction, value["direction"]),
            caller_id_number=value["caller_id_number"],
            outbound_caller_id_number=value["outbound_caller_id_number"],
            destination_number=value["destination_number"],
            dialed_user=value["dialed_user"],
            connected_user=value["connected_user"],
            call_uuid=value["call_uuid"],
            start_stamp=_stamp(value["start_stamp"]),
            answer_stamp=_stamp(value["answer_stamp"]),
            end_stamp=_stamp(value["end_stamp"]),
            duration=_seconds(value["duration"]),
            recording_present=value["recording_present"],
            answered=value["answered"],
            queue=value["queue"],
            queue_wait_duration=_seconds(value["queue_wait_duration"]),
            sip_hangup_disposition=_opt(Disposition, value["sip_hangup_disposition"]),
            hangup_cause=_open(HangupCause, value["hangup_cause"]),
            failure_status=value["failure_status"],
            failure_phrase=value["failure_phrase"],
            warnings=[d for d in diags if d.severity == "warning"],
            idempotency_key=value["idempotency_key"],
        )

    @staticmethod
    def is_ping(body: Data) -> bool:
        """True for the empty body or ``{}`` the PBX POSTs to verify the URL."""
        return bool(_native.parse_call_event(body)[2])


@dataclass(frozen=True, kw_only=True)
class CampaignReport:
    """A campaign report POSTed to a campaign's ``webhook_url``. ``digit``
    is ``not_started``, ``pressed``, ``no_key`` or ``invalid_key``; ``key``
    the key pressed; ``answered`` the core's rule; ``idempotency_key``
    what makes the report one report (``report:<notification_id>``)."""

    notification_id: int
    notification_date: Optional[_dt.datetime] = None
    domain_id: Optional[int] = None
    ivr_campaign_id: Optional[int] = None
    ivr_campaign_name: Optional[str] = None
    ivr_lead_id: Optional[int] = None
    phone: Phone
    digit: str
    status: str
    call_uuid: Optional[str] = None
    answered: bool = False
    key: Optional[str] = None
    warnings: list[Diagnostic] = field(default_factory=list)
    idempotency_key: str = ""

    @classmethod
    def parse(cls, body: Data) -> "CampaignReport":
        """Parses a form body.
        Raises ``WebhookError`` (with every diagnostic) when invalid, and for
        a verification ping: check ``is_ping`` first and answer it with 200."""
        value, diags = _native.parse_campaign_report(body)[:2]
        if value is None:
            raise from_diagnostics(WebhookError, diags)
        return cls._from_native(value, diags)

    @classmethod
    def _from_native(cls, value: dict[str, Any], diags: list[Diagnostic]) -> "CampaignReport":
        """The class from the native module's reading (a dict and its diagnostics)."""
        return cls(
            notification_id=value["notification_id"],
            notification_date=_stamp(value["notification_date"]),
            domain_id=value["domain_id"],
            ivr_campaign_id=value["ivr_campaign_id"],
            ivr_campaign_name=value["ivr_campaign_name"],
            ivr_lead_id=value["ivr_lead_id"],
            phone=value["phone"],
            digit=value["digit"],
            status=value["status"],
            call_uuid=value["call_uuid"],
            answered=value["answered"],
            key=value["key"],
            warnings=[d for d in diags if d.severity == "warning"],
            idempotency_key=value["idempotency_key"],
        )

    @staticmethod
    def is_ping(body: Data) -> bool:
        """True for the empty body or ``{}`` the PBX POSTs to verify the URL."""
        return bool(_native.parse_campaign_report(body)[2])


@dataclass(frozen=True, kw_only=True)
class AdvisoryRequest:
    """A routing request: the PBX asks where a call goes. ``cli`` is
    ``None`` when the caller withheld the number (``cli=`` empty or
    ``anonymous``); ``digits`` the keys pressed, whatever ``param_name``
    carried them."""

    uuid: str
    cli: Optional[Phone]
    cld: Phone
    step: int
    error: Optional[str] = None
    result: Optional[str] = None
    digits: Optional[str] = None
    warnings: list[Diagnostic] = field(default_factory=list)

    @classmethod
    def parse(cls, query: Data, *, param_name: Optional[str] = None) -> "AdvisoryRequest":
        """Parses the GET query (with or without ``?``); the digits arrive
        under ``param_name`` when the previous prompt set one.
        Raises ``WebhookError`` (with every diagnostic) when invalid."""
        value, diags = _native.parse_advisory_request(query, param_name)[:2]
        if value is None:
            raise from_diagnostics(WebhookError, diags)
        return cls._from_native(value, diags)

    @classmethod
    def _from_native(cls, value: dict[str, Any], diags: list[Diagnostic]) -> "AdvisoryRequest":
        """The class from the native module's reading (a dict and its diagnostics)."""
        return cls(
            uuid=value["uuid"],
            cli=value["cli"],
            cld=value["cld"],
            step=value["step"],
            error=value["error"],
            result=value["result"],
            digits=value["digits"],
            warnings=[d for d in diags if d.severity == "warning"],
        )


__all__ = ["CallEvent", "CampaignReport", "AdvisoryRequest"]
