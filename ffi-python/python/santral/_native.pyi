# Type stubs of the native module (santral._native); see ffi-python/src/lib.rs.
from typing import Any, Callable, Iterable, Optional, Union, final

from ._enums import PhoneKind

@final
class Place:
    offset: int
    end: int
    line: int
    column: int

@final
class Diagnostic:
    severity: str
    code: str
    message: str
    message_tr: str
    path: str
    offset: int
    end: int
    line: int
    column: int
    suggestion: Optional[str]
    related: Optional[Place]

_Diag = Diagnostic
_Stamp = tuple[int, int, int, int, int, int, Optional[int]]

def version() -> str: ...
class Phone:
    @property
    def input(self) -> str: ...
    @property
    def valid(self) -> bool: ...
    @property
    def possible(self) -> bool: ...
    @property
    def kind(self) -> PhoneKind: ...
    @property
    def country_code(self) -> int: ...
    @property
    def region(self) -> Optional[str]: ...
    @property
    def national_number(self) -> str: ...
    @property
    def e164(self) -> Optional[str]: ...
    @property
    def wire(self) -> Optional[str]: ...
    @property
    def national(self) -> Optional[str]: ...
    @property
    def international(self) -> Optional[str]: ...
    @property
    def display(self) -> Optional[str]: ...
    @property
    def display_international(self) -> Optional[str]: ...
    @property
    def display_in_region(self) -> Optional[str]: ...
    @property
    def match_key(self) -> str: ...
    @property
    def warning(self) -> Optional[str]: ...
    def __hash__(self) -> int: ...
    def __eq__(self, other: object) -> bool: ...

def parse_phone(
    s: str,
    *,
    lenient: bool = ...,
    allow_extension: bool = ...,
    extension_first: bool = ...,
    region: Optional[str] = ...,
) -> Phone: ...
def same_number(a: str, b: str) -> bool: ...
def match_key(s: str) -> str: ...
def normalize_phones(
    values: Iterable[str], lenient: bool = ..., region: Optional[str] = ..., allow_extension: bool = ...
) -> tuple[list[Optional[str]], list[Optional[str]], list[bool], list[Optional[str]]]: ...
def normalize_arrow(
    offsets: bytes,
    data: bytes,
    offset: int,
    length: int,
    validity: Optional[bytes] = ...,
    lenient: bool = ...,
    region: Optional[str] = ...,
    allow_extension: bool = ...,
) -> tuple[bytes, bytes, bytes, bytes, bytes, bytes]: ...
def check(
    kind: str,
    data: Union[bytes, str],
    today: Optional[str] = ...,
    param_name: Optional[str] = ...,
    max_diagnostics: int = ...,
    duplicate_leads: int = ...,
) -> tuple[bool, int, int, list[_Diag], int, dict[str, Any]]: ...
def parse_call_event(body: Union[bytes, str]) -> tuple[Optional[dict[str, Any]], list[_Diag], bool]: ...
def parse_campaign_report(body: Union[bytes, str]) -> tuple[Optional[dict[str, Any]], list[_Diag], bool]: ...
def parse_advisory_request(
    query: Union[bytes, str], param_name: Optional[str] = ...
) -> tuple[Optional[dict[str, Any]], list[_Diag]]: ...
def build_transfer(
    target: str,
    greet_name: Optional[str] = ...,
    greet_phrase: Optional[str] = ...,
    lang: Optional[str] = ...,
    announcement_to_caller: Optional[int] = ...,
    announcement_to_callee: Optional[int] = ...,
    recording_enabled: Optional[bool] = ...,
) -> str: ...
def build_prompt(
    min_digits: int,
    max_digits: int,
    retry_count: int,
    announcement_id: Optional[int] = ...,
    phrase: Optional[str] = ...,
    phrase_speed: Optional[float] = ...,
    lang: Optional[str] = ...,
    timeout: Optional[int] = ...,
    digit_timeout: Optional[int] = ...,
    service_url: Optional[str] = ...,
    param_name: Optional[str] = ...,
) -> str: ...
def build_record(announcement_id: Optional[int] = ..., phrase: Optional[str] = ..., lang: Optional[str] = ...) -> str: ...
def build_speech_to_text(announcement_id: int, recognation_duration: Optional[int] = ...) -> str: ...
def build_campaign(
    header: str,
    leads: Iterable[tuple[str, Optional[str], Optional[str]]],
    write: Optional[Callable[[str], object]] = ...,
    key: Optional[str] = ...,
) -> tuple[Optional[str], int]: ...
def logo_from_event(
    body: Union[bytes, str],
    keypress: Optional[str] = ...,
    caller_form: Optional[str] = ...,
    agent_id: Optional[str] = ...,
    trigger: Optional[str] = ...,
) -> tuple[Optional[str], str, list[_Diag]]: ...
def codes() -> list[tuple[str, str, str, str]]: ...
def tables() -> dict[str, Any]: ...
def parse_target(s: str, context: Optional[str] = ...) -> tuple[str, str, Optional[int]]: ...
def check_phrase(s: str) -> tuple[list[int], list[_Diag]]: ...
@final
class Prepared:
    operation: str
    method: str
    target: str
    content_type: Optional[str]
    body: bytes
    redacted: str
    idempotent: bool
    pool: str
    valid: bool
    diagnostics: list[Diagnostic]

@final
class Failure:
    code: str
    status: int
    transient: bool
    text: str

@final
class ReadReply:
    kind: str
    value: Any
    extra: Any
    diagnostics: list[Diagnostic]

def api_request(operation: str, **kwargs: Any) -> Prepared: ...
def api_reply(operation: str, status: int, body: Union[bytes, str]) -> ReadReply: ...
def masked_key(key: str) -> str: ...
def api_operations() -> list[
    tuple[
        str, str, str, str, str, Optional[str], bool, str, list[tuple[str, str, str, bool, str]],
        str, list[tuple[int, str, str, bool]],
    ]
]: ...
def api_records() -> list[tuple[str, list[tuple[str, str, str]]]]: ...
def data_url(mime: str, name: Optional[str], data: bytes, url_safe: bool) -> str: ...
class RateBucket:
    def __init__(self, pool: str) -> None: ...
    def take(self, now_ms: int) -> Optional[int]: ...
    def state(self) -> tuple[int, int]: ...
    @staticmethod
    def resume(pool: str, units: int, at_ms: int) -> "RateBucket": ...
def rate_budgets() -> list[tuple[str, int, int, int]]: ...
def cdr_windows(start: str, end: str) -> list[tuple[str, str]]: ...
def vendor_addresses() -> list[str]: ...
def check_cidrs(list: list[str]) -> list[str]: ...
def client_allowed(
    peer: str, x_forwarded_for: Optional[Union[bytes, str]], allow: list[str], trusted_proxies: list[str]
) -> tuple[str, bool]: ...
def advisory_response_info(body: Union[bytes, str]) -> tuple[bool, Optional[str], list[_Diag]]: ...

class Decision:
    """What the core's receiver answers and hands over."""
    status: int
    reason: str
    content_type: str
    allow: Optional[str]
    body: bytes
    handover: Optional[str]
    key: Optional[str]
    client: Optional[str]
    ping: bool
    value: Optional[dict[str, Any]]
    diagnostics: list[Diagnostic]

class Receiver:
    def __init__(
        self,
        allow: Optional[list[str]] = None,
        trusted_proxies: list[str] = ...,
        secret: Optional[str] = None,
        events_path: Optional[str] = "/events",
        reports_path: Optional[str] = "/reports",
        advisory_path: Optional[str] = "/advisory",
        body_limit: int = ...,
    ) -> None: ...
    def receive(
        self,
        method: str,
        path: Union[bytes, str],
        query: Union[bytes, str],
        peer: str,
        forwarded_for: Optional[Union[bytes, str]],
        content_type: Optional[Union[bytes, str]],
        content_length: Optional[int],
        body: Union[bytes, str],
    ) -> Decision: ...

def advisory_refusal(query: Union[bytes, str], param_name: Optional[str] = None) -> Optional[Decision]: ...
def advisory_answer(response: Optional[str], fallback: str) -> tuple[Decision, Optional[str], bool]: ...
def handler_done() -> Decision: ...
def handler_failed() -> Decision: ...

DEFAULT_FALLBACK: str
DEFAULT_EVENTS_PATH: str
DEFAULT_REPORTS_PATH: str
DEFAULT_ADVISORY_PATH: str
BODY_LIMIT: int
