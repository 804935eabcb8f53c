"""Exceptions: every failure is a ``SantralError`` (a ``ValueError``)."""
from __future__ import annotations

from typing import TYPE_CHECKING, Optional

if TYPE_CHECKING:
    from santral import Diagnostic


class SantralError(ValueError):
    """A rejected input. ``code`` is the stable dotted id (``phone.too_short``),
    ``path`` where it is (``phone_list[1].phone``), ``offset`` the byte offset,
    ``diagnostics`` every finding when a whole payload was checked."""

    def __init__(
        self,
        message: str,
        *,
        code: str,
        path: str = "",
        offset: Optional[int] = None,
        diagnostics: "Optional[list[Diagnostic]]" = None,
    ) -> None:
        super().__init__(f"{code}: {message}" + (f" (at {path})" if path else ""))
        self.code = code
        self.path = path
        self.offset = offset
        self.diagnostics: "list[Diagnostic]" = list(diagnostics or [])


class PhoneError(SantralError):
    """A phone number that does not parse."""


class TargetError(SantralError):
    """A call target that does not parse."""


class WebhookError(SantralError):
    """An invalid call event, campaign report or advisory request."""


class AdvisoryError(SantralError):
    """An advisory response that breaks a rule."""


class CampaignError(SantralError):
    """A campaign request that cannot be built."""


class LogoCrmError(SantralError):
    """A call event that cannot become a Logo CRM body."""
