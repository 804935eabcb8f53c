"""Enums of santral, generated from the core's tables by tools/gen_enums.py."""
# @generated: do not edit by hand.
from __future__ import annotations

from enum import Enum


class PhoneKind(str, Enum):
    """What a number reaches, in libphonenumber's vocabulary plus ``extension``."""

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


class EventType(str, Enum):
    """A call event's ``event_type``."""

    RINGING = "ringing"
    ANSWER = "answer"
    HANGUP = "hangup"
    USER_HANGUP = "user_hangup"


class Direction(str, Enum):
    """A call's ``direction``."""

    INTERNAL = "internal"
    INBOUND = "inbound"
    OUTBOUND = "outbound"


class Disposition(str, Enum):
    """Who hung up (``sip_hangup_disposition``)."""

    CALLER = "caller"
    CALLEE = "callee"


class HangupCause(str, Enum):
    """The 34 documented hangup causes (``cagri-sonuc-kodlari.md``)."""

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


KINDS: tuple[str, ...] = ("campaign", "campaign-report", "call-event", "advisory-request", "advisory-response", "crm-settings", "logo-crm", "opencart-request", "order-sync-settings", "cdr-list", "cdr-detail",)
