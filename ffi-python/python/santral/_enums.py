"""Enums of santral, generated from the core's `wire_enum!` tables by tools/gen_enums.py."""
# @generated: do not edit by hand.
from __future__ import annotations

from enum import Enum


class PhoneKind(str, Enum):
    """The core's ``PhoneKind``: its wire texts."""

    FIXED_LINE = "fixed_line"
    MOBILE = "mobile"
    TOLL_FREE = "toll_free"
    PREMIUM_RATE = "premium_rate"
    SHARED_COST = "shared_cost"
    VOIP = "voip"
    PERSONAL_NUMBER = "personal_number"
    PAGER = "pager"
    UAN = "uan"
    VOICEMAIL = "voicemail"
    UNKNOWN = "unknown"
    EXTENSION = "extension"
    FIXED_LINE_OR_MOBILE = "fixed_line_or_mobile"


class Format(str, Enum):
    """The core's ``Format``: its wire texts."""

    E164 = "e164"
    WIRE = "wire"
    NATIONAL = "national"
    INTERNATIONAL = "international"
    DISPLAY = "display"
    DISPLAY_INTERNATIONAL = "display_international"
    DISPLAY_IN_REGION = "display_in_region"


class InputForm(str, Enum):
    """The core's ``InputForm``: its wire texts."""

    E164 = "e164"
    INTERNATIONAL = "international"
    WIRE = "wire"
    NATIONAL = "national"
    BARE = "bare"
    EXTENSION = "extension"


class EventType(str, Enum):
    """The core's ``EventType``: its wire texts."""

    RINGING = "ringing"
    ANSWER = "answer"
    HANGUP = "hangup"
    USER_HANGUP = "user_hangup"


class Direction(str, Enum):
    """The core's ``Direction``: its wire texts."""

    INTERNAL = "internal"
    INBOUND = "inbound"
    OUTBOUND = "outbound"


class Disposition(str, Enum):
    """The core's ``Disposition``: its wire texts."""

    CALLER = "caller"
    CALLEE = "callee"


class HangupCause(str, Enum):
    """The core's ``HangupCause``: its wire texts."""

    USER_BUSY = "USER_BUSY"
    ORIGINATOR_CANCEL = "ORIGINATOR_CANCEL"
    NO_ANSWER = "NO_ANSWER"
    NORMAL_CLEARING = "NORMAL_CLEARING"
    CALL_REJECTED = "CALL_REJECTED"
    INCOMPATIBLE_DESTINATION = "INCOMPATIBLE_DESTINATION"
    INCOMING_CALL_BARRED = "INCOMING_CALL_BARRED"
    UNALLOCATED_NUMBER = "UNALLOCATED_NUMBER"
    NO_ROUTE_DESTINATION = "NO_ROUTE_DESTINATION"
    NO_USER_RESPONSE = "NO_USER_RESPONSE"
    NORMAL_UNSPECIFIED = "NORMAL_UNSPECIFIED"
    INVALID_NUMBER_FORMAT = "INVALID_NUMBER_FORMAT"
    NOT_ALLOWED_BY_IYS = "NOT_ALLOWED_BY_IYS"
    FACILITY_REJECTED = "FACILITY_REJECTED"
    SERVICE_NOT_IMPLEMENTED = "SERVICE_NOT_IMPLEMENTED"
    FACILITY_NOT_IMPLEMENTED = "FACILITY_NOT_IMPLEMENTED"
    SERVICE_UNAVAILABLE = "SERVICE_UNAVAILABLE"
    INTERWORKING = "INTERWORKING"
    REDIRECTION_TO_NEW_DESTINATION = "REDIRECTION_TO_NEW_DESTINATION"
    EXCHANGE_ROUTING_ERROR = "EXCHANGE_ROUTING_ERROR"
    MEDIA_TIMEOUT = "MEDIA_TIMEOUT"
    SYSTEM_SHUTDOWN = "SYSTEM_SHUTDOWN"
    ATTENDED_TRANSFER = "ATTENDED_TRANSFER"
    PICKED_OFF = "PICKED_OFF"
    DESTINATION_OUT_OF_ORDER = "DESTINATION_OUT_OF_ORDER"
    NORMAL_TEMPORARY_FAILURE = "NORMAL_TEMPORARY_FAILURE"
    NETWORK_OUT_OF_ORDER = "NETWORK_OUT_OF_ORDER"
    RECOVERY_ON_TIMER_EXPIRE = "RECOVERY_ON_TIMER_EXPIRE"
    ALLOTTED_TIMEOUT = "ALLOTTED_TIMEOUT"
    BEARERCAPABILITY_NOTIMPL = "BEARERCAPABILITY_NOTIMPL"
    LOSE_RACE = "LOSE_RACE"
    CHAN_NOT_IMPLEMENTED = "CHAN_NOT_IMPLEMENTED"
    NORMAL_CIRCUIT_CONGESTION = "NORMAL_CIRCUIT_CONGESTION"
    INVALID_CALL_REFERENCE = "INVALID_CALL_REFERENCE"

    @property
    def description_tr(self) -> str:
        """The vendor's Turkish description, e.g. ``Cevaplandı``."""
        return _HANGUP_TR[self.value]


class DigitKind(str, Enum):
    """The core's ``DigitKind``: its wire texts."""

    NOT_STARTED = "not_started"
    PRESSED = "pressed"
    NO_KEY = "no_key"
    INVALID_KEY = "invalid_key"


class TargetKind(str, Enum):
    """The core's ``TargetKind``: its wire texts."""

    RESTART = "restart"
    USER = "user"
    GROUP = "group"
    QUEUE = "queue"
    IVR = "ivr"
    VOICEMAIL = "voicemail"
    ANNOUNCEMENT = "announcement"
    EXTERNAL = "external"
    FAX = "fax"
    HANGUP = "hangup"
    TTS = "tts"


class TargetContext(str, Enum):
    """The core's ``TargetContext``: its wire texts."""

    CAMPAIGN = "campaign"
    ADVISORY = "advisory"


class Lang(str, Enum):
    """The core's ``Lang``: its wire texts."""

    TR_TR = "tr-TR"
    EN_US = "en-US"
    AR_XA = "ar-XA"


class OnOff(str, Enum):
    """The core's ``OnOff``: its wire texts."""

    ON = "on"
    OFF = "off"


class CallType(str, Enum):
    """The core's ``CallType``: its wire texts."""

    IVR = "ivr"
    QUEUE = "queue"


class IysRecipientType(str, Enum):
    """The core's ``IysRecipientType``: its wire texts."""

    BIREYSEL = "BIREYSEL"
    TACIR = "TACIR"


class ActionKind(str, Enum):
    """The core's ``ActionKind``: its wire texts."""

    TRANSFER = "transfer"
    PROMPT = "prompt"
    RECORD = "record"
    SPEECH_TO_TEXT = "speech_to_text"


class CallerForm(str, Enum):
    """The core's ``CallerForm``: its wire texts."""

    NATIONAL = "national"
    BARE = "bare"
    E164 = "e164"


class Trigger(str, Enum):
    """The core's ``Trigger``: its wire texts."""

    ANSWER = "answer"
    RINGING = "ringing"


class CdrDirection(str, Enum):
    """The core's ``CdrDirection``: its wire texts."""

    GELEN = "Gelen"
    GIDEN = "Giden"
    GIDEN_API = "Giden (API)"
    GIDEN_IVR = "Giden (IVR)"
    SANTRAL_ICI = "Santral içi"


class RecordingFilter(str, Enum):
    """The core's ``RecordingFilter``: its wire texts."""

    TRUE = "true"
    FALSE = "false"
    DELETED = "deleted"


class Severity(str, Enum):
    """The core's ``Severity``: its wire texts."""

    WARNING = "warning"
    ERROR = "error"


class Kind(str, Enum):
    """The core's ``Kind``: its wire texts."""

    CAMPAIGN = "campaign"
    CAMPAIGN_REPORT = "campaign-report"
    CALL_EVENT = "call-event"
    ADVISORY_REQUEST = "advisory-request"
    ADVISORY_RESPONSE = "advisory-response"
    CRM_SETTINGS = "crm-settings"
    LOGO_CRM = "logo-crm"
    OPENCART_REQUEST = "opencart-request"
    OPENCART_REPLY = "opencart-reply"
    ORDER_SYNC_SETTINGS = "order-sync-settings"
    CDR_LIST = "cdr-list"
    CDR_DETAIL = "cdr-detail"
    GATEWAY_CONFIG = "gateway-config"


_HANGUP_TR: dict[str, str] = {
    "USER_BUSY": "Meşgul",
    "ORIGINATOR_CANCEL": "Vazgeçildi",
    "NO_ANSWER": "Cevapsız",
    "NORMAL_CLEARING": "Cevaplandı",
    "CALL_REJECTED": "Reddedildi",
    "INCOMPATIBLE_DESTINATION": "Ses kodekleri uyumsuz",
    "INCOMING_CALL_BARRED": "Reddedildi",
    "UNALLOCATED_NUMBER": "Hatalı Numara",
    "NO_ROUTE_DESTINATION": "Hatalı Numara",
    "NO_USER_RESPONSE": "Ulaşılamıyor",
    "NORMAL_UNSPECIFIED": "Cevaplandı",
    "INVALID_NUMBER_FORMAT": "Hatalı Numara",
    "NOT_ALLOWED_BY_IYS": "İYS izni yok",
    "FACILITY_REJECTED": "Hata",
    "SERVICE_NOT_IMPLEMENTED": "Hata",
    "FACILITY_NOT_IMPLEMENTED": "Hata",
    "SERVICE_UNAVAILABLE": "Genel Hata",
    "INTERWORKING": "Genel Hata",
    "REDIRECTION_TO_NEW_DESTINATION": "Cihaz yönlendirmesi",
    "EXCHANGE_ROUTING_ERROR": "Çağrı bağlanamadı",
    "MEDIA_TIMEOUT": "RTP zamanaşımı",
    "SYSTEM_SHUTDOWN": "Santral kapatılıyor",
    "ATTENDED_TRANSFER": "Katılımlı aktarım",
    "PICKED_OFF": "Çağrısı çekildi",
    "DESTINATION_OUT_OF_ORDER": "Cihazla iletişim sorunu",
    "NORMAL_TEMPORARY_FAILURE": "Cihazla iletişim sorunu",
    "NETWORK_OUT_OF_ORDER": "İletişim sorunu",
    "RECOVERY_ON_TIMER_EXPIRE": "Zamanaşımı",
    "ALLOTTED_TIMEOUT": "Cevapsız",
    "BEARERCAPABILITY_NOTIMPL": "Sesli görüşme yapamayan numara",
    "LOSE_RACE": "Diğer dahili cevapladı",
    "CHAN_NOT_IMPLEMENTED": "Desteklenmeyen kanal tipi",
    "NORMAL_CIRCUIT_CONGESTION": "Arama için santral uygun durumda değil",
    "INVALID_CALL_REFERENCE": "Tanınmayan Çağrı ID numarası",
}


KINDS: tuple[str, ...] = ("campaign", "campaign-report", "call-event", "advisory-request", "advisory-response", "crm-settings", "logo-crm", "opencart-request", "opencart-reply", "order-sync-settings", "cdr-list", "cdr-detail", "gateway-config",)

__all__ = ["PhoneKind", "Format", "InputForm", "EventType", "Direction", "Disposition", "HangupCause", "DigitKind", "TargetKind", "TargetContext", "Lang", "OnOff", "CallType", "IysRecipientType", "ActionKind", "CallerForm", "Trigger", "CdrDirection", "RecordingFilter", "Severity", "Kind", "KINDS"]
