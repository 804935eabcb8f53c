"""Exceptions: every failure is a ``SantralError`` (a ``ValueError``)
carrying the core's diagnostics."""
from __future__ import annotations

from typing import TYPE_CHECKING, Any, Iterable, Optional

if TYPE_CHECKING:
    from santral import Diagnostic


class SantralError(ValueError):
    """A rejected input. ``code`` is the stable dotted id (``phone.too_short``),
    ``path`` where it is (``phone_list[1].phone``), ``offset``/``end`` the
    bytes, ``line``/``column`` the place (columns count characters),
    ``suggestion`` what was probably meant (``user`` for ``usr``), and
    ``diagnostics`` every finding."""

    def __init__(
        self,
        message: str,
        *,
        code: str,
        path: str = "",
        offset: Optional[int] = None,
        end: Optional[int] = None,
        line: Optional[int] = None,
        column: Optional[int] = None,
        suggestion: Optional[str] = None,
        diagnostics: "Optional[list[Diagnostic]]" = None,
    ) -> None:
        hint = f" (did you mean {suggestion}?)" if suggestion else ""
        super().__init__(f"{code}: {message}" + (f" (at {path})" if path else "") + hint)
        self.code = code
        self.path = path
        self.offset = offset
        self.end = end
        self.line = line
        self.column = column
        self.suggestion = suggestion
        self.diagnostics: "list[Diagnostic]" = list(diagnostics or [])


class PhoneError(SantralError):
    """A phone number that does not parse."""


class TargetError(SantralError):
    """A call target that does not parse."""


class WebhookError(SantralError):
    """An invalid call event, campaign report or advisory request (or a
    verification ping where an event was expected: ``code`` ``webhook.ping``)."""


class AdvisoryError(SantralError):
    """An advisory response that breaks a rule."""


class CampaignError(SantralError):
    """A campaign request that cannot be built."""


class LogoCrmError(SantralError):
    """A call event that cannot become a Logo CRM body."""


class ApiError(SantralError):
    """The PBX refused a request or could not be reached. ``status`` is the
    HTTP status (``None`` when no answer came), ``text`` the PBX's text
    (an echoed API key masked), ``operation`` the operation's name
    (``originate``), ``code`` the core's stable code
    (``response.extension_not_found``). The API key never appears in any
    of them."""

    def __init__(
        self,
        message: str,
        *,
        code: str,
        status: Optional[int],
        text: str,
        operation: str,
        transient: bool = False,
    ) -> None:
        super().__init__(message, code=code)
        self.status = status
        self.text = text
        self.operation = operation
        self.transient = transient


class InvalidKey(ApiError):
    """``Gecersiz anahtar``: the PBX does not know the API key."""


class NotFound(ApiError):
    """No such campaign, extension, call, record or endpoint (``No such
    channel!``, ``cannot find announcement with id: …``)."""


class Rejected(ApiError):
    """The PBX refused the request's content (``name can't be blank``,
    ``INVALID_JSON``, a webhook URL that failed its check…)."""


class RateLimited(ApiError):
    """``429``: the endpoint's budget is spent; ``retry_after`` is the
    seconds the PBX asked to wait (``None`` when it did not say)."""

    def __init__(self, message: str, *, retry_after: Optional[float] = None, **kw: Any) -> None:
        super().__init__(message, **kw)
        self.retry_after = retry_after


class ServerError(ApiError):
    """A ``5xx``, or an answer the operation never gives."""


class Unreachable(ApiError):
    """No answer: the connection failed or timed out (``status`` is ``None``)."""


_API_CLASSES: dict[str, type[ApiError]] = {
    "response.invalid_key": InvalidKey,
    "response.campaign_not_found": NotFound,
    "response.extension_not_found": NotFound,
    "response.call_not_found": NotFound,
    "response.no_such_channel": NotFound,
    "response.not_found": NotFound,
    "response.no_endpoint": NotFound,
    "response.rate_limited": RateLimited,
}


def api_error(
    operation: str,
    code: str,
    status: Optional[int],
    transient: bool,
    text: str,
    *,
    retry_after: Optional[float] = None,
) -> ApiError:
    """The exception for a failure the core read (``code`` from
    ``santral.codes()``); 5xx answers are ``ServerError``."""
    odd = code == "response.unexpected" and status is not None and status < 400
    klass: type[ApiError] = _API_CLASSES.get(code) or (
        ServerError if status is None or status >= 500 or odd else Rejected
    )
    message = f"{operation}: {status} {text}".rstrip()
    kw: dict[str, Any] = {"code": code, "status": status, "text": text, "operation": operation, "transient": transient}
    if klass is RateLimited:
        return RateLimited(message, retry_after=retry_after, **kw)
    return klass(message, **kw)


_CLASSES: dict[str, type[SantralError]] = {
    c.__name__: c
    for c in (SantralError, PhoneError, TargetError, WebhookError, AdvisoryError, CampaignError, LogoCrmError)
}


def from_diagnostics(cls: "str | type[SantralError]", raw: "Iterable[Diagnostic]") -> SantralError:
    """The exception for the core's diagnostics: its fields are the first
    error's (or the first finding's)."""
    diags = list(raw)
    first = next((d for d in diags if d.severity == "error"), diags[0] if diags else None)
    klass = _CLASSES[cls] if isinstance(cls, str) else cls
    if first is None:
        raise RuntimeError("santral: an error without diagnostics (a bug: please report)")
    return klass(
        first.message,
        code=first.code,
        path=first.path,
        offset=first.offset,
        end=first.end,
        line=first.line,
        column=first.column,
        suggestion=first.suggestion,
        diagnostics=diags,
    )
