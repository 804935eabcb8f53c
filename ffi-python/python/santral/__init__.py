"""santral: checked, typed values for the Bulut Santralim cloud-PBX API.

Every verdict comes from santral's Rust core; this package only turns its
results into Python values::

    >>> import santral
    >>> p = santral.parse_phone("05321234567")
    >>> p.kind, p.e164, p.display
    (<PhoneKind.MOBILE: 'mobile'>, '+905321234567', '0532 123 45 67')
    >>> santral.same_number("05334979714", "+90 533 497 97 14")
    True
    >>> santral.check("campaign", b'{"key": "K1"}').valid
    False
"""
from __future__ import annotations

import datetime as _dt
from dataclasses import dataclass, field
from typing import Any, Iterable, Mapping, Optional, Union

from santral import _native
from santral._values import _seconds, _stamp
from santral._enums import (
    KINDS,
    ActionKind,
    CallerForm,
    CallType,
    CdrDirection,
    DigitKind,
    Direction,
    Disposition,
    EventType,
    Format,
    HangupCause,
    InputForm,
    IysRecipientType,
    Kind,
    Lang,
    OnOff,
    PhoneKind,
    RecordingFilter,
    Severity,
    TargetContext,
    TargetKind,
    Trigger,
)
from santral.errors import (
    AdvisoryError,
    CampaignError,
    LogoCrmError,
    PhoneError,
    SantralError,
    TargetError,
    WebhookError,
    from_diagnostics,
)

__all__ = [
    "ActionKind",
    "CallerForm",
    "CallType",
    "CdrDirection",
    "DigitKind",
    "Format",
    "InputForm",
    "IysRecipientType",
    "Kind",
    "Lang",
    "OnOff",
    "RecordingFilter",
    "Severity",
    "TargetContext",
    "TargetKind",
    "Trigger",
    "DUPLICATE_LEADS",
    "MAX_DIAGNOSTICS",
    "Place",
    "AdvisoryError",
    "AdvisoryRequest",
    "CallEvent",
    "CampaignError",
    "CampaignReport",
    "Diagnostic",
    "Direction",
    "Disposition",
    "EventType",
    "HangupCause",
    "KINDS",
    "LogoCrmError",
    "NormalizedPhones",
    "Phone",
    "PhoneError",
    "Phrase",
    "Target",
    "check_phrase",
    "parse_target",
    "PhoneKind",
    "Report",
    "SantralError",
    "TargetError",
    "WebhookError",
    "check",
    "codes",
    "match_key",
    "normalize_phones",
    "parse_phone",
    "same_number",
    "__version__",
]

__version__: str = _native.version()

Data = Union[bytes, str]


Place = _native.Place
"""A second place a diagnostic refers to (for a repeated lead, the lead it
repeats): ``offset``, ``end``, ``line``, ``column``."""

Diagnostic = _native.Diagnostic
"""One finding (immutable, hashable): ``severity``, a stable ``code``,
``message`` and ``message_tr``, ``path``, ``offset``/``end`` (bytes),
``line``/``column`` (characters), ``suggestion``, ``related`` (a ``Place``)."""


def _diagnostics(raw: Iterable[Diagnostic]) -> list[Diagnostic]:
    return list(raw)


Phone = _native.Phone
"""A parsed phone number or extension (immutable, hashable; equal when both
denote the same subscriber). Attributes: ``input``, ``valid``, ``possible``,
``kind`` (a ``PhoneKind``), ``country_code``, ``region`` (``"TR"``, ``"DE"``,
``None`` for an extension), ``national_number``, ``e164``, ``wire``,
``national``, ``international``, ``display``, ``display_international``,
``display_in_region``, ``match_key``, ``warning``; a form the number has
not is ``None`` (a 444 number has no E.164). Formats are computed on access."""


parse_phone = _native.parse_phone
"""``parse_phone(s, *, lenient=False, allow_extension=True, extension_first=False, region=None) -> Phone``:
parses a phone number (strict: digits and a leading ``+``; lenient also
ignores spaces, ``-``, ``.``, ``(``, ``)``, ``/``; the defaults are the core's,
the same in every face); ``region`` reads national forms as written there
(``"DE"``, any case; ``None``: Turkey's). Raises ``PhoneError``."""


def same_number(a: str, b: str) -> bool:
    """True when ``a`` and ``b`` denote the same subscriber, whatever their form."""
    return bool(_native.same_number(a, b))


def match_key(s: str) -> str:
    """The key to store and look a number up by (the national number for
    Turkey, ``+`` and the E.164 digits elsewhere). Raises ``PhoneError``."""
    return _native.match_key(s)


@dataclass(frozen=True)
class Target:
    """A call target: its ``kind`` keyword (``queue``, ``tts``, ``""`` for
    none), its canonical text, and the announcement it plays, if any."""

    kind: str
    text: str
    announcement_id: Optional[int] = None


def parse_target(s: str, *, context: Optional[str] = None) -> Target:
    """Parses a call target (``queue/201``, ``tts/tr-TR/…``) in the
    ``campaign`` (the default) or ``advisory`` context. Raises ``TargetError`` whose
    ``suggestion`` is what was probably meant (``user`` for ``usr/1000``,
    ``queue/`` for the newer documentation's ``queue:201``)."""
    return Target(*_native.parse_target(s, context))


@dataclass(frozen=True)
class Phrase:
    """A checked TTS phrase and the announcement ids it plays."""

    text: str
    announcement_ids: list[int]


def check_phrase(s: str) -> Phrase:
    """Checks a TTS phrase (``#456 15/11/2017 #457 73.56 #458``). Raises a
    ``SantralError`` whose ``diagnostics`` list every bad word."""
    ids, diags = _native.check_phrase(s)
    if diags:
        raise from_diagnostics(SantralError, diags)
    return Phrase(s, list(ids))


@dataclass(frozen=True)
class Report:
    """The verdict on a payload: valid when no error was reported.
    ``diagnostics_omitted`` counts the diagnostics beyond ``max_diagnostics``."""

    kind: str
    valid: bool
    errors: int
    warnings: int
    diagnostics: list[Diagnostic] = field(default_factory=list)
    summary: dict[str, Any] = field(default_factory=dict)
    diagnostics_omitted: int = 0


_DEFAULTS = dict(_native.tables()["defaults"])
MAX_DIAGNOSTICS: int = _DEFAULTS["max_diagnostics"]
"""The core's default cap on the diagnostics handed out (the rest are counted)."""
DUPLICATE_LEADS: int = _DEFAULTS["duplicate_leads"]
"""The core's default number of campaign leads checked for repeated numbers."""


def check(
    kind: str,
    data: Data,
    *,
    today: Union[_dt.date, str, None] = None,
    param_name: Optional[str] = None,
    max_diagnostics: int = MAX_DIAGNOSTICS,
    duplicate_leads: int = DUPLICATE_LEADS,
) -> Report:
    """Checks a payload of ``kind`` (one of ``KINDS``: ``campaign``,
    ``call-event``, …) and reports every problem at once. The options and
    their defaults are the core's, the same in every face: ``today`` (a
    campaign's default start date, a ``date`` or ``YYYY-MM-DD`` text), ``param_name`` (the advisory digits
    parameter a prompt chose), ``max_diagnostics``, ``duplicate_leads``
    (0 checks no lead for a repeated number). An unusable option raises
    ``SantralError`` at the option's name."""
    if not isinstance(data, (bytes, str)):
        raise TypeError(f"expected bytes or str, not {type(data).__name__}")
    day = today.isoformat() if isinstance(today, _dt.date) else today
    valid, errors, warnings, diags, omitted, summary = _native.check(
        kind, data, day, param_name, max_diagnostics, duplicate_leads
    )
    return Report(kind, valid, errors, warnings, _diagnostics(diags), dict(summary), omitted)


def codes() -> list[tuple[str, str, str, str]]:
    """Every diagnostic code: ``(id, severity, message, message_tr)``."""
    return [tuple(c) for c in _native.codes()]  # type: ignore[misc]


from santral._messages import AdvisoryRequest, CallEvent, CampaignReport  # noqa: E402  (generated)


@dataclass(frozen=True)
class NormalizedPhones:
    """Columns of ``normalize_phones``: one entry per input value."""

    e164: list[Optional[str]]
    kind: list[Optional[str]]
    valid: list[bool]
    error: list[Optional[str]]

    def __len__(self) -> int:
        return len(self.e164)


def normalize_phones(
    values: Any, *, lenient: bool = True, region: Optional[str] = None, allow_extension: bool = False
) -> Any:
    """Normalises many numbers at once, releasing the GIL while it works.

    ``values`` is a list or any iterable of ``str`` → ``NormalizedPhones``
    (``e164`` is ``None`` where a number has no E.164 form — a 444
    number, or an extension when ``allow_extension=True`` lets them
    through; ``None`` and an ``error`` code when a value does not parse).
    A customer column holds customers' numbers: a 2–8 digit extension is
    refused (``phone.extension_not_allowed``) unless ``allow_extension``,
    and a value with the trunk prefix ``0`` is never one (``0532-123`` is
    ``phone.too_short``). A ``pyarrow`` string array → a
    ``pyarrow.StructArray`` of ``e164``, ``kind``, ``valid``, ``error``
    (the last three dictionary-encoded), null where the input is null.
    ``region`` reads national forms as written there (``"DE"``; ``None``:
    Turkey's), as in ``parse_phone``."""
    try:
        import pyarrow as pa
    except ImportError:
        pa = None
    if pa is not None and isinstance(values, (pa.Array, pa.ChunkedArray)):
        from santral._arrow import normalize_arrow

        return normalize_arrow(values, lenient=lenient, region=region, allow_extension=allow_extension)
    e164, kind, valid, error = _native.normalize_phones(values, lenient, region, allow_extension)
    return NormalizedPhones(e164, kind, valid, error)


from santral import advisory, api, campaign, logo_crm  # noqa: E402  (submodules use the names above)
from santral.client import (  # noqa: E402
    BASE_URL,
    AsyncClient,
    CallFlowStep,
    CdrDetail,
    CdrRecord,
    Client,
    CrmSettings,
    Pacer,
    Retry,
    SharedPacer,
)
from santral.errors import (  # noqa: E402
    ApiError,
    InvalidKey,
    NotFound,
    RateLimited,
    Rejected,
    ServerError,
    Unreachable,
)
from santral import webhooks  # noqa: E402
from santral.webhooks import VENDOR_ADDRESSES  # noqa: E402

__all__ += [
    "advisory", "api", "campaign", "logo_crm", "webhooks",
    "BASE_URL", "AsyncClient", "CallFlowStep", "CdrDetail", "CdrRecord", "Client", "CrmSettings", "Pacer", "Retry",
    "SharedPacer", "ApiError", "InvalidKey", "NotFound", "RateLimited", "Rejected", "ServerError", "Unreachable",
    "VENDOR_ADDRESSES",
]
