"""Every operation of the Bulut Santralim API as a method of ``Client`` and
``AsyncClient``, and every record type the API returns: generated from the
core's operation table by tools/gen_client.py."""
# @generated: do not edit by hand.
from __future__ import annotations

import datetime as _dt
from typing import Any, AsyncIterator, Iterator, Optional, Sequence, TypedDict, Union

from santral._files import FileData, _file
from santral._values import _record

Stamp = Union[_dt.datetime, str]

OPERATIONS: tuple[str, ...] = (
    "create_campaign",
    "delete_campaign",
    "set_campaign_status",
    "get_crm_settings",
    "update_crm_settings",
    "originate",
    "list_cdrs",
    "get_cdr",
    "bridge",
    "answer",
    "hangup",
    "transfer",
    "mute",
    "set_dnd",
    "recording_url",
    "list_announcements",
    "create_announcement",
    "update_announcement",
    "delete_announcement",
    "list_caller_ids",
    "set_outbound_caller_id",
    "list_queues",
    "list_queue_waiting",
    "list_queue_members",
    "set_queue_members",
    "list_voicemails",
    "voicemail_url",
    "list_contact_groups",
    "create_contact_group",
    "update_contact_group",
    "delete_contact_group",
    "list_contacts",
    "create_contact",
    "update_contact",
    "delete_contact",
    "list_blocked_numbers",
    "block_number",
    "unblock_number",
    "send_fax",
    "list_fax_orders",
    "list_fax_records",
    "fax_document_url",
    "list_agent_statuses",
    "list_user_statuses",
    "create_webphone_token",
)
"""The 45 operations, in the core's order."""


class Announcement(TypedDict, total=False):
    """One record of the API (fields absent from a reply are absent here; a value
    without its documented form is ``None``, its text under ``malformed``)."""

    id: Optional[int]
    """the sound file's id"""
    name: Optional[str]
    """its name"""
    malformed: dict[str, str]


class CallerId(TypedDict, total=False):
    """One record of the API (fields absent from a reply are absent here; a value
    without its documented form is ``None``, its text under ``malformed``)."""

    number: Optional[str]
    """an outside number usable as caller id"""
    malformed: dict[str, str]


class Queue(TypedDict, total=False):
    """One record of the API (fields absent from a reply are absent here; a value
    without its documented form is ``None``, its text under ``malformed``)."""

    number: Optional[int]
    """the queue's number"""
    name: Optional[str]
    """its name"""
    malformed: dict[str, str]


class QueueCaller(TypedDict, total=False):
    """One record of the API (fields absent from a reply are absent here; a value
    without its documented form is ``None``, its text under ``malformed``)."""

    queue_number: Optional[int]
    """the queue"""
    uuid: Optional[str]
    """the waiting leg"""
    call_uuid: Optional[str]
    """the call"""
    caller_id: Optional[str]
    """the caller's number"""
    joined_at: Optional[int]
    """when it joined the queue (Unix seconds)"""
    malformed: dict[str, str]


class QueueMember(TypedDict, total=False):
    """One record of the API (fields absent from a reply are absent here; a value
    without its documented form is ``None``, its text under ``malformed``)."""

    user: Optional[int]
    """the extension"""
    name: Optional[str]
    """its name"""
    malformed: dict[str, str]


class Voicemail(TypedDict, total=False):
    """One record of the API (fields absent from a reply are absent here; a value
    without its documented form is ``None``, its text under ``malformed``)."""

    start_stamp: Optional[_dt.datetime]
    """when the message was left"""
    read_stamp: Optional[_dt.datetime]
    """when it was first listened to"""
    user_number: Optional[str]
    """the extension it was left for"""
    uuid: Optional[str]
    """the message (and its call record)"""
    caller_id_number: Optional[str]
    """who left it"""
    caller_id_name: Optional[str]
    """their name"""
    duration: Optional[str]
    """its length (HH:MM:SS)"""
    malformed: dict[str, str]


class ContactGroup(TypedDict, total=False):
    """One record of the API (fields absent from a reply are absent here; a value
    without its documented form is ``None``, its text under ``malformed``)."""

    id: Optional[int]
    """the group's id"""
    name: Optional[str]
    """its name"""
    malformed: dict[str, str]


class Contact(TypedDict, total=False):
    """One record of the API (fields absent from a reply are absent here; a value
    without its documented form is ``None``, its text under ``malformed``)."""

    id: Optional[int]
    """the contact's id"""
    name: Optional[str]
    """first name"""
    surname: Optional[str]
    """surname"""
    tckn: Optional[str]
    """Turkish identity number"""
    description: Optional[str]
    """description"""
    phone: Optional[str]
    """mobile number 1"""
    phone1: Optional[str]
    """mobile number 2"""
    email: Optional[str]
    """e-mail address"""
    title: Optional[str]
    """title"""
    phone2: Optional[str]
    """another number"""
    fax: Optional[str]
    """fax number"""
    gender: Optional[str]
    """gender"""
    birthday: Optional[str]
    """birthday (dd.mm.yyyy)"""
    birthday_sms: Optional[bool]
    """a message on the birthday"""
    weddingday: Optional[str]
    """wedding day (dd.mm.yyyy)"""
    weddingday_sms: Optional[bool]
    """a message on the wedding day"""
    note1: Optional[str]
    """note"""
    note2: Optional[str]
    """note"""
    note3: Optional[str]
    """note"""
    note4: Optional[str]
    """note"""
    company_name: Optional[str]
    """company"""
    monthly_sms_day: Optional[int]
    """day of a monthly SMS (or null)"""
    monthly_sms_message: Optional[str]
    """the monthly SMS"""
    group_ids: Optional[list[int]]
    """the contact's groups"""
    malformed: dict[str, str]


class BlockedNumber(TypedDict, total=False):
    """One record of the API (fields absent from a reply are absent here; a value
    without its documented form is ``None``, its text under ``malformed``)."""

    id: Optional[int]
    """the entry's id"""
    number: Optional[str]
    """the number"""
    malformed: dict[str, str]


class FaxOrder(TypedDict, total=False):
    """One record of the API (fields absent from a reply are absent here; a value
    without its documented form is ``None``, its text under ``malformed``)."""

    id: Optional[int]
    """the order's id"""
    created_at: Optional[_dt.datetime]
    """when it was ordered"""
    local_station_id: Optional[str]
    """the sending number"""
    remote_station_id: Optional[str]
    """the receiving number"""
    status: Optional[str]
    """its state (Bekliyor: waiting)"""
    malformed: dict[str, str]


class FaxRecord(TypedDict, total=False):
    """One record of the API (fields absent from a reply are absent here; a value
    without its documented form is ``None``, its text under ``malformed``)."""

    call_uuid: Optional[str]
    """the fax's uuid"""
    direction: Optional[str]
    """Gelen, Giden or Santral içi"""
    caller_id_number: Optional[str]
    """the sending number"""
    local_station_header: Optional[str]
    """the sender's header"""
    original_destination: Optional[str]
    """the receiving number"""
    pages_count: Optional[str]
    """pages ("sent / total")"""
    transfer_rate: Optional[int]
    """bits a second"""
    start_stamp: Optional[_dt.datetime]
    """called at"""
    answer_stamp: Optional[_dt.datetime]
    """answered at"""
    end_stamp: Optional[_dt.datetime]
    """ended at"""
    duration: Optional[int]
    """seconds"""
    success: Optional[bool]
    """whether it went through"""
    result: Optional[str]
    """the outcome"""
    malformed: dict[str, str]


class AgentStatus(TypedDict, total=False):
    """One record of the API (fields absent from a reply are absent here; a value
    without its documented form is ``None``, its text under ``malformed``)."""

    agent: Optional[str]
    """the agent's extension"""
    status: Optional[str]
    """AVAILABLE, TALKING, LOGGED_OUT or ON_BREAK"""
    queues: Optional[list[str]]
    """the queues the agent is a member of"""
    break_description: Optional[str]
    """the break's reason, when ON_BREAK"""
    malformed: dict[str, str]


class UserStatus(TypedDict, total=False):
    """One record of the API (fields absent from a reply are absent here; a value
    without its documented form is ``None``, its text under ``malformed``)."""

    user: Optional[int]
    """the extension"""
    status: Optional[str]
    """AVAILABLE, TALKING, UNREGISTERED or SS_DND"""
    malformed: dict[str, str]


class _Operations:
    """The generated operations of ``Client`` (a mixin)."""

    def _call(self, operation: str, **params: Any) -> tuple[str, Any, Any]:
        raise NotImplementedError

    def _pages(self, operation: str, **params: Any) -> Iterator[dict[str, Any]]:
        raise NotImplementedError

    def bridge(self, source: str, destination: str, *, caller_id: Optional[str] = None, recording_enabled: Optional[bool] = None, timeout: Optional[int] = None, announcement_to_callee: Optional[int] = None, announcement_to_caller: Optional[int] = None) -> str:
        """Call two outside numbers and connect them, neither seeing the other's number (number masking).

        ``GET /bridge``; never resent; rate pool ``default``.

        - ``source``: called first; when it answers, destination is called
        - ``destination``: called second
        - ``caller_id`` (optional): the outside number both sides see (default: extension 1000's)
        - ``recording_enabled`` (optional): false: do not record (default true)
        - ``timeout`` (optional): seconds to ring, 10 to 60 (default 30)
        - ``announcement_to_callee`` (optional): announcement played to the callee on answer
        - ``announcement_to_caller`` (optional): announcement played to the caller on answer
        """
        _, value, _ = self._call("bridge", source=source, destination=destination, caller_id=caller_id, recording_enabled=recording_enabled, timeout=timeout, announcement_to_callee=announcement_to_callee, announcement_to_caller=announcement_to_caller)
        return str(value)

    def answer(self, call_uuid: str) -> None:
        """Answer a ringing call.

        ``GET /answer/{call_uuid}``; safe to resend; rate pool ``default``.

        - ``call_uuid``: the call's uuid
        """
        self._call("answer", call_uuid=call_uuid)

    def hangup(self, call_uuid: str) -> None:
        """Hang up a call.

        ``GET /hangup/{call_uuid}``; safe to resend; rate pool ``default``.

        - ``call_uuid``: the call's uuid
        """
        self._call("hangup", call_uuid=call_uuid)

    def transfer(self, call_uuid: str, user_number: str) -> None:
        """Transfer a call to an extension.

        ``GET /transfer/{call_uuid}``; never resent; rate pool ``default``.

        - ``call_uuid``: the call's uuid
        - ``user_number``: the extension to transfer to
        """
        self._call("transfer", call_uuid=call_uuid, user_number=user_number)

    def mute(self, call_uuid: str, state: str) -> None:
        """Mute (on) or unmute (off) a call.

        ``GET /mute/{call_uuid}``; safe to resend; rate pool ``default``.

        - ``call_uuid``: the call's uuid
        - ``state``: on mutes, off unmutes
        """
        self._call("mute", call_uuid=call_uuid, state=state)

    def set_dnd(self, extension: str, state: str) -> bool:
        """Turn an extension's do-not-disturb mode on or off.

        ``GET /dnd/{extension}``; safe to resend; rate pool ``default``.

        - ``extension``: the extension
        - ``state``: on turns do-not-disturb on, off turns it off
        """
        _, _, state = self._call("set_dnd", extension=extension, state=state)
        return bool(state == "on")

    def recording_url(self, call_uuid: str) -> str:
        """Get a URL (valid one hour) to download a call's recording.

        ``POST /recording_url/``; safe to resend; rate pool ``recording_url``.

        - ``call_uuid``: the recorded call
        """
        _, value, _ = self._call("recording_url", call_uuid=call_uuid)
        return str(value)

    def list_announcements(self) -> list[Announcement]:
        """List the sound files (announcement ids for welcome_announcement_id and the like).

        ``GET /announcements``; safe to resend; rate pool ``default``.
        """
        _, value, _ = self._call("list_announcements")
        return [_record(r) for r in value]  # type: ignore[misc]

    def create_announcement(self, name: str, sounddata: FileData) -> int:
        """Upload a sound file; returns its id.

        ``POST /announcements``; never resent; rate pool ``default``.

        - ``name``: the name shown in the list
        - ``sounddata``: the file as a data URL, URL-safe base64
        """
        sounddata = _file(sounddata, sound=True)
        _, value, _ = self._call("create_announcement", name=name, sounddata=sounddata)
        return int(value)

    def update_announcement(self, id: int, name: str, sounddata: FileData) -> None:
        """Replace a sound file's name and content.

        ``PUT /announcements/{id}``; safe to resend; rate pool ``default``.

        - ``id``: the record's id
        - ``name``: the name shown in the list
        - ``sounddata``: the file as a data URL, URL-safe base64
        """
        sounddata = _file(sounddata, sound=True)
        self._call("update_announcement", id=id, name=name, sounddata=sounddata)

    def delete_announcement(self, id: int) -> None:
        """Delete a sound file.

        ``DELETE /announcements/{id}``; safe to resend; rate pool ``default``.

        - ``id``: the record's id
        """
        self._call("delete_announcement", id=id)

    def list_caller_ids(self) -> list[CallerId]:
        """List the outside numbers usable as caller id.

        ``GET /caller_ids``; safe to resend; rate pool ``default``.
        """
        _, value, _ = self._call("list_caller_ids")
        return [_record(r) for r in value]  # type: ignore[misc]

    def set_outbound_caller_id(self, extension: str, caller_id: str) -> None:
        """Set the outside number an extension's calls show.

        ``GET /update_outbound_caller_id``; safe to resend; rate pool ``default``.

        - ``extension``: the extension
        - ``caller_id``: the outside number it shows (one of list_caller_ids)
        """
        self._call("set_outbound_caller_id", extension=extension, caller_id=caller_id)

    def list_queues(self) -> list[Queue]:
        """List the queues (numbers for a campaign's queue_number).

        ``GET /queues``; safe to resend; rate pool ``default``.
        """
        _, value, _ = self._call("list_queues")
        return [_record(r) for r in value]  # type: ignore[misc]

    def list_queue_waiting(self) -> list[QueueCaller]:
        """List the callers waiting in queues.

        ``GET /queues/pending``; safe to resend; rate pool ``queues_pending``.
        """
        _, value, _ = self._call("list_queue_waiting")
        return [_record(r) for r in value]  # type: ignore[misc]

    def list_queue_members(self, queue_number: str) -> list[QueueMember]:
        """List a queue's extensions, in order.

        ``GET /queue/user_list``; safe to resend; rate pool ``default``.

        - ``queue_number``: the queue
        """
        _, value, _ = self._call("list_queue_members", queue_number=queue_number)
        return [_record(r) for r in value]  # type: ignore[misc]

    def set_queue_members(self, queue_number: str, user_list: Union[str, Sequence[Union[int, str]]]) -> None:
        """Set a queue's extensions and their order.

        ``GET /queue/manage_users``; safe to resend; rate pool ``default``.

        - ``queue_number``: the queue
        - ``user_list``: the queue's extensions, in order (replaces the list)
        """
        self._call("set_queue_members", queue_number=queue_number, user_list=user_list)

    def list_voicemails(self, *, start_stamp_from: Optional[Stamp] = None, start_stamp_to: Optional[Stamp] = None, read: Optional[bool] = None, user_number: Optional[str] = None, uuid: Optional[str] = None, limit: Optional[int] = None, page: Optional[int] = None) -> Iterator[Voicemail]:
        """List voicemail messages, a page at a time.

        ``GET /voicemail_messages``; safe to resend; rate pool ``default``.

        - ``start_stamp_from`` (optional): from this time (UTC)
        - ``start_stamp_to`` (optional): until this time (UTC); the range at most 31 days
        - ``read`` (optional): true: read messages, false: unread
        - ``user_number`` (optional): the extension the message was left for
        - ``uuid`` (optional): the message (and its call)
        - ``limit`` (optional): records a page, 10 to 100 (default 10)
        - ``page`` (optional): the page, from 1

        Every page, fetched as you iterate (unless ``page`` is given).
        """
        return self._pages("list_voicemails", start_stamp_from=start_stamp_from, start_stamp_to=start_stamp_to, read=read, user_number=user_number, uuid=uuid, limit=limit, page=page)  # type: ignore[return-value]

    def voicemail_url(self, uuid: str) -> str:
        """Get a URL (valid one hour) to download a voicemail message.

        ``POST /voicemail_recording_url/``; safe to resend; rate pool ``default``.

        - ``uuid``: the message
        """
        _, value, _ = self._call("voicemail_url", uuid=uuid)
        return str(value)

    def list_contact_groups(self) -> list[ContactGroup]:
        """List the phonebook's groups.

        ``GET /contact_groups``; safe to resend; rate pool ``default``.
        """
        _, value, _ = self._call("list_contact_groups")
        return [_record(r) for r in value]  # type: ignore[misc]

    def create_contact_group(self, name: str) -> int:
        """Create a phonebook group; returns its id.

        ``POST /contact_groups``; never resent; rate pool ``default``.

        - ``name``: the group's name
        """
        _, value, _ = self._call("create_contact_group", name=name)
        return int(value)

    def update_contact_group(self, id: int, name: str) -> None:
        """Rename a phonebook group.

        ``PATCH /contact_groups/{id}``; safe to resend; rate pool ``default``.

        - ``id``: the record's id
        - ``name``: the group's name
        """
        self._call("update_contact_group", id=id, name=name)

    def delete_contact_group(self, id: int) -> None:
        """Delete a phonebook group.

        ``DELETE /contact_groups/{id}``; safe to resend; rate pool ``default``.

        - ``id``: the record's id
        """
        self._call("delete_contact_group", id=id)

    def list_contacts(self, *, limit: Optional[int] = None, page: Optional[int] = None) -> Iterator[Contact]:
        """List the phonebook's contacts, a page at a time.

        ``GET /contacts``; safe to resend; rate pool ``default``.

        - ``limit`` (optional): records a page, 10 to 100 (default 10)
        - ``page`` (optional): the page, from 1

        Every page, fetched as you iterate (unless ``page`` is given).
        """
        return self._pages("list_contacts", limit=limit, page=page)  # type: ignore[return-value]

    def create_contact(self, name: str, phone: str, *, surname: Optional[str] = None, tckn: Optional[str] = None, description: Optional[str] = None, phone1: Optional[str] = None, email: Optional[str] = None, title: Optional[str] = None, phone2: Optional[str] = None, fax: Optional[str] = None, gender: Optional[str] = None, birthday: Optional[str] = None, birthday_sms: Optional[bool] = None, weddingday: Optional[str] = None, weddingday_sms: Optional[bool] = None, note1: Optional[str] = None, note2: Optional[str] = None, note3: Optional[str] = None, note4: Optional[str] = None, company_name: Optional[str] = None, monthly_sms_day: Optional[int] = None, monthly_sms_message: Optional[str] = None, group_ids: Optional[Union[str, Sequence[Union[int, str]]]] = None) -> int:
        """Add a contact to the phonebook; returns its id.

        ``POST /contacts``; never resent; rate pool ``default``.

        - ``name``: first name
        - ``surname`` (optional): surname
        - ``tckn`` (optional): Turkish identity number
        - ``description`` (optional): description
        - ``phone``: mobile number 1
        - ``phone1`` (optional): mobile number 2
        - ``email`` (optional): e-mail address
        - ``title`` (optional): title
        - ``phone2`` (optional): another phone number
        - ``fax`` (optional): fax number
        - ``gender`` (optional): m (male) or f (female)
        - ``birthday`` (optional): birthday, dd.mm.yyyy (required with birthday_sms)
        - ``birthday_sms`` (optional): true: an automatic message on the birthday
        - ``weddingday`` (optional): wedding day, dd.mm.yyyy (required with weddingday_sms)
        - ``weddingday_sms`` (optional): true: an automatic message on the wedding day
        - ``note1`` (optional): note
        - ``note2`` (optional): note
        - ``note3`` (optional): note
        - ``note4`` (optional): note
        - ``company_name`` (optional): company name
        - ``monthly_sms_day`` (optional): day of the month for a monthly SMS, 1 to 31
        - ``monthly_sms_message`` (optional): the monthly SMS (required with monthly_sms_day)
        - ``group_ids`` (optional): the groups to add the contact to
        """
        _, value, _ = self._call("create_contact", name=name, surname=surname, tckn=tckn, description=description, phone=phone, phone1=phone1, email=email, title=title, phone2=phone2, fax=fax, gender=gender, birthday=birthday, birthday_sms=birthday_sms, weddingday=weddingday, weddingday_sms=weddingday_sms, note1=note1, note2=note2, note3=note3, note4=note4, company_name=company_name, monthly_sms_day=monthly_sms_day, monthly_sms_message=monthly_sms_message, group_ids=group_ids)
        return int(value)

    def update_contact(self, id: int, *, name: Optional[str] = None, surname: Optional[str] = None, tckn: Optional[str] = None, description: Optional[str] = None, phone: Optional[str] = None, phone1: Optional[str] = None, email: Optional[str] = None, title: Optional[str] = None, phone2: Optional[str] = None, fax: Optional[str] = None, gender: Optional[str] = None, birthday: Optional[str] = None, birthday_sms: Optional[bool] = None, weddingday: Optional[str] = None, weddingday_sms: Optional[bool] = None, note1: Optional[str] = None, note2: Optional[str] = None, note3: Optional[str] = None, note4: Optional[str] = None, company_name: Optional[str] = None, monthly_sms_day: Optional[int] = None, monthly_sms_message: Optional[str] = None, group_ids: Optional[Union[str, Sequence[Union[int, str]]]] = None) -> None:
        """Change a contact's fields (those given).

        ``PATCH /contacts/{id}``; safe to resend; rate pool ``default``.

        - ``id``: the record's id
        - ``name`` (optional): first name
        - ``surname`` (optional): surname
        - ``tckn`` (optional): Turkish identity number
        - ``description`` (optional): description
        - ``phone`` (optional): mobile number 1
        - ``phone1`` (optional): mobile number 2
        - ``email`` (optional): e-mail address
        - ``title`` (optional): title
        - ``phone2`` (optional): another phone number
        - ``fax`` (optional): fax number
        - ``gender`` (optional): m (male) or f (female)
        - ``birthday`` (optional): birthday, dd.mm.yyyy (required with birthday_sms)
        - ``birthday_sms`` (optional): true: an automatic message on the birthday
        - ``weddingday`` (optional): wedding day, dd.mm.yyyy (required with weddingday_sms)
        - ``weddingday_sms`` (optional): true: an automatic message on the wedding day
        - ``note1`` (optional): note
        - ``note2`` (optional): note
        - ``note3`` (optional): note
        - ``note4`` (optional): note
        - ``company_name`` (optional): company name
        - ``monthly_sms_day`` (optional): day of the month for a monthly SMS, 1 to 31
        - ``monthly_sms_message`` (optional): the monthly SMS (required with monthly_sms_day)
        - ``group_ids`` (optional): the groups to add the contact to
        """
        self._call("update_contact", id=id, name=name, surname=surname, tckn=tckn, description=description, phone=phone, phone1=phone1, email=email, title=title, phone2=phone2, fax=fax, gender=gender, birthday=birthday, birthday_sms=birthday_sms, weddingday=weddingday, weddingday_sms=weddingday_sms, note1=note1, note2=note2, note3=note3, note4=note4, company_name=company_name, monthly_sms_day=monthly_sms_day, monthly_sms_message=monthly_sms_message, group_ids=group_ids)

    def delete_contact(self, id: int) -> None:
        """Delete a contact.

        ``DELETE /contacts/{id}``; safe to resend; rate pool ``default``.

        - ``id``: the record's id
        """
        self._call("delete_contact", id=id)

    def list_blocked_numbers(self, *, limit: Optional[int] = None, page: Optional[int] = None) -> Iterator[BlockedNumber]:
        """List the blocked numbers, a page at a time.

        ``GET /blocked_numbers``; safe to resend; rate pool ``default``.

        - ``limit`` (optional): records a page, 10 to 100 (default 10)
        - ``page`` (optional): the page, from 1

        Every page, fetched as you iterate (unless ``page`` is given).
        """
        return self._pages("list_blocked_numbers", limit=limit, page=page)  # type: ignore[return-value]

    def block_number(self, number: str) -> int:
        """Block a number; returns the entry's id.

        ``POST /blocked_numbers``; never resent; rate pool ``default``.

        - ``number``: the number to block
        """
        _, value, _ = self._call("block_number", number=number)
        return int(value)

    def unblock_number(self, number: str) -> None:
        """Unblock a number.

        ``GET /blocked_numbers/delete``; safe to resend; rate pool ``default``.

        - ``number``: the number to unblock
        """
        self._call("unblock_number", number=number)

    def send_fax(self, remote_station_id: str, filedata: FileData, *, local_station_id: Optional[str] = None, local_station_header: Optional[str] = None) -> int:
        """Send a fax; returns the order's id.

        ``POST /fax_orders``; never resent; rate pool ``default``.

        - ``local_station_id`` (optional): the sending number
        - ``local_station_header`` (optional): the sender's header line
        - ``remote_station_id``: the receiving number
        - ``filedata``: the document as a data URL
        """
        filedata = _file(filedata, sound=False)
        _, value, _ = self._call("send_fax", local_station_id=local_station_id, local_station_header=local_station_header, remote_station_id=remote_station_id, filedata=filedata)
        return int(value)

    def list_fax_orders(self, *, limit: Optional[int] = None, page: Optional[int] = None) -> Iterator[FaxOrder]:
        """List the faxes not yet sent, a page at a time.

        ``GET /fax_orders``; safe to resend; rate pool ``default``.

        - ``limit`` (optional): records a page, 10 to 100 (default 10)
        - ``page`` (optional): the page, from 1

        Every page, fetched as you iterate (unless ``page`` is given).
        """
        return self._pages("list_fax_orders", limit=limit, page=page)  # type: ignore[return-value]

    def list_fax_records(self, *, start_stamp_from: Optional[Stamp] = None, start_stamp_to: Optional[Stamp] = None, direction: Optional[str] = None, caller_id_number: Optional[str] = None, original_destination: Optional[str] = None, success: Optional[bool] = None, limit: Optional[int] = None, page: Optional[int] = None) -> Iterator[FaxRecord]:
        """List fax records, a page at a time.

        ``GET /fdrs``; safe to resend; rate pool ``default``.

        - ``start_stamp_from`` (optional): from this time (UTC)
        - ``start_stamp_to`` (optional): until this time (UTC); the range at most 31 days
        - ``direction`` (optional): inbound, outbound or internal
        - ``caller_id_number`` (optional): the sending number
        - ``original_destination`` (optional): the receiving number
        - ``success`` (optional): true: successful faxes, false: failed
        - ``limit`` (optional): records a page, 10 to 100 (default 10)
        - ``page`` (optional): the page, from 1

        Every page, fetched as you iterate (unless ``page`` is given).
        """
        return self._pages("list_fax_records", start_stamp_from=start_stamp_from, start_stamp_to=start_stamp_to, direction=direction, caller_id_number=caller_id_number, original_destination=original_destination, success=success, limit=limit, page=page)  # type: ignore[return-value]

    def fax_document_url(self, call_uuid: str) -> str:
        """Get a URL (valid one hour) to download a fax document.

        ``POST /fax_document_url/``; safe to resend; rate pool ``default``.

        - ``call_uuid``: the fax
        """
        _, value, _ = self._call("fax_document_url", call_uuid=call_uuid)
        return str(value)

    def list_agent_statuses(self, *, agent: Optional[str] = None, status: Optional[str] = None, queue: Optional[str] = None) -> list[AgentStatus]:
        """List the agents' states and queues (2 a minute, shared with list_user_statuses).

        ``GET /agent_statuses``; safe to resend; rate pool ``statuses``.

        - ``agent`` (optional): one agent
        - ``status`` (optional): agents in this state
        - ``queue`` (optional): agents of this queue
        """
        _, value, _ = self._call("list_agent_statuses", agent=agent, status=status, queue=queue)
        return [_record(r) for r in value]  # type: ignore[misc]

    def list_user_statuses(self, *, user: Optional[str] = None, status: Optional[str] = None) -> list[UserStatus]:
        """List the extensions' states (2 a minute, shared with list_agent_statuses).

        ``GET /user_statuses``; safe to resend; rate pool ``statuses``.

        - ``user`` (optional): one extension
        - ``status`` (optional): extensions in this state
        """
        _, value, _ = self._call("list_user_statuses", user=user, status=status)
        return [_record(r) for r in value]  # type: ignore[misc]

    def create_webphone_token(self, extension: str) -> str:
        """Get a token (valid one day) to embed the web phone for an extension.

        ``POST /webphone_tokens``; safe to resend; rate pool ``default``.

        - ``extension``: the extension the web phone works as
        """
        _, value, _ = self._call("create_webphone_token", extension=extension)
        return str(value)


class _AsyncOperations:
    """The generated operations of ``AsyncClient`` (a mixin)."""

    async def _call(self, operation: str, **params: Any) -> tuple[str, Any, Any]:
        raise NotImplementedError

    def _pages(self, operation: str, **params: Any) -> AsyncIterator[dict[str, Any]]:
        raise NotImplementedError

    async def bridge(self, source: str, destination: str, *, caller_id: Optional[str] = None, recording_enabled: Optional[bool] = None, timeout: Optional[int] = None, announcement_to_callee: Optional[int] = None, announcement_to_caller: Optional[int] = None) -> str:
        """Call two outside numbers and connect them, neither seeing the other's number (number masking).

        ``GET /bridge``; never resent; rate pool ``default``.

        - ``source``: called first; when it answers, destination is called
        - ``destination``: called second
        - ``caller_id`` (optional): the outside number both sides see (default: extension 1000's)
        - ``recording_enabled`` (optional): false: do not record (default true)
        - ``timeout`` (optional): seconds to ring, 10 to 60 (default 30)
        - ``announcement_to_callee`` (optional): announcement played to the callee on answer
        - ``announcement_to_caller`` (optional): announcement played to the caller on answer
        """
        _, value, _ = await self._call("bridge", source=source, destination=destination, caller_id=caller_id, recording_enabled=recording_enabled, timeout=timeout, announcement_to_callee=announcement_to_callee, announcement_to_caller=announcement_to_caller)
        return str(value)

    async def answer(self, call_uuid: str) -> None:
        """Answer a ringing call.

        ``GET /answer/{call_uuid}``; safe to resend; rate pool ``default``.

        - ``call_uuid``: the call's uuid
        """
        await self._call("answer", call_uuid=call_uuid)

    async def hangup(self, call_uuid: str) -> None:
        """Hang up a call.

        ``GET /hangup/{call_uuid}``; safe to resend; rate pool ``default``.

        - ``call_uuid``: the call's uuid
        """
        await self._call("hangup", call_uuid=call_uuid)

    async def transfer(self, call_uuid: str, user_number: str) -> None:
        """Transfer a call to an extension.

        ``GET /transfer/{call_uuid}``; never resent; rate pool ``default``.

        - ``call_uuid``: the call's uuid
        - ``user_number``: the extension to transfer to
        """
        await self._call("transfer", call_uuid=call_uuid, user_number=user_number)

    async def mute(self, call_uuid: str, state: str) -> None:
        """Mute (on) or unmute (off) a call.

        ``GET /mute/{call_uuid}``; safe to resend; rate pool ``default``.

        - ``call_uuid``: the call's uuid
        - ``state``: on mutes, off unmutes
        """
        await self._call("mute", call_uuid=call_uuid, state=state)

    async def set_dnd(self, extension: str, state: str) -> bool:
        """Turn an extension's do-not-disturb mode on or off.

        ``GET /dnd/{extension}``; safe to resend; rate pool ``default``.

        - ``extension``: the extension
        - ``state``: on turns do-not-disturb on, off turns it off
        """
        _, _, state = await self._call("set_dnd", extension=extension, state=state)
        return bool(state == "on")

    async def recording_url(self, call_uuid: str) -> str:
        """Get a URL (valid one hour) to download a call's recording.

        ``POST /recording_url/``; safe to resend; rate pool ``recording_url``.

        - ``call_uuid``: the recorded call
        """
        _, value, _ = await self._call("recording_url", call_uuid=call_uuid)
        return str(value)

    async def list_announcements(self) -> list[Announcement]:
        """List the sound files (announcement ids for welcome_announcement_id and the like).

        ``GET /announcements``; safe to resend; rate pool ``default``.
        """
        _, value, _ = await self._call("list_announcements")
        return [_record(r) for r in value]  # type: ignore[misc]

    async def create_announcement(self, name: str, sounddata: FileData) -> int:
        """Upload a sound file; returns its id.

        ``POST /announcements``; never resent; rate pool ``default``.

        - ``name``: the name shown in the list
        - ``sounddata``: the file as a data URL, URL-safe base64
        """
        sounddata = _file(sounddata, sound=True)
        _, value, _ = await self._call("create_announcement", name=name, sounddata=sounddata)
        return int(value)

    async def update_announcement(self, id: int, name: str, sounddata: FileData) -> None:
        """Replace a sound file's name and content.

        ``PUT /announcements/{id}``; safe to resend; rate pool ``default``.

        - ``id``: the record's id
        - ``name``: the name shown in the list
        - ``sounddata``: the file as a data URL, URL-safe base64
        """
        sounddata = _file(sounddata, sound=True)
        await self._call("update_announcement", id=id, name=name, sounddata=sounddata)

    async def delete_announcement(self, id: int) -> None:
        """Delete a sound file.

        ``DELETE /announcements/{id}``; safe to resend; rate pool ``default``.

        - ``id``: the record's id
        """
        await self._call("delete_announcement", id=id)

    async def list_caller_ids(self) -> list[CallerId]:
        """List the outside numbers usable as caller id.

        ``GET /caller_ids``; safe to resend; rate pool ``default``.
        """
        _, value, _ = await self._call("list_caller_ids")
        return [_record(r) for r in value]  # type: ignore[misc]

    async def set_outbound_caller_id(self, extension: str, caller_id: str) -> None:
        """Set the outside number an extension's calls show.

        ``GET /update_outbound_caller_id``; safe to resend; rate pool ``default``.

        - ``extension``: the extension
        - ``caller_id``: the outside number it shows (one of list_caller_ids)
        """
        await self._call("set_outbound_caller_id", extension=extension, caller_id=caller_id)

    async def list_queues(self) -> list[Queue]:
        """List the queues (numbers for a campaign's queue_number).

        ``GET /queues``; safe to resend; rate pool ``default``.
        """
        _, value, _ = await self._call("list_queues")
        return [_record(r) for r in value]  # type: ignore[misc]

    async def list_queue_waiting(self) -> list[QueueCaller]:
        """List the callers waiting in queues.

        ``GET /queues/pending``; safe to resend; rate pool ``queues_pending``.
        """
        _, value, _ = await self._call("list_queue_waiting")
        return [_record(r) for r in value]  # type: ignore[misc]

    async def list_queue_members(self, queue_number: str) -> list[QueueMember]:
        """List a queue's extensions, in order.

        ``GET /queue/user_list``; safe to resend; rate pool ``default``.

        - ``queue_number``: the queue
        """
        _, value, _ = await self._call("list_queue_members", queue_number=queue_number)
        return [_record(r) for r in value]  # type: ignore[misc]

    async def set_queue_members(self, queue_number: str, user_list: Union[str, Sequence[Union[int, str]]]) -> None:
        """Set a queue's extensions and their order.

        ``GET /queue/manage_users``; safe to resend; rate pool ``default``.

        - ``queue_number``: the queue
        - ``user_list``: the queue's extensions, in order (replaces the list)
        """
        await self._call("set_queue_members", queue_number=queue_number, user_list=user_list)

    def list_voicemails(self, *, start_stamp_from: Optional[Stamp] = None, start_stamp_to: Optional[Stamp] = None, read: Optional[bool] = None, user_number: Optional[str] = None, uuid: Optional[str] = None, limit: Optional[int] = None, page: Optional[int] = None) -> AsyncIterator[Voicemail]:
        """List voicemail messages, a page at a time.

        ``GET /voicemail_messages``; safe to resend; rate pool ``default``.

        - ``start_stamp_from`` (optional): from this time (UTC)
        - ``start_stamp_to`` (optional): until this time (UTC); the range at most 31 days
        - ``read`` (optional): true: read messages, false: unread
        - ``user_number`` (optional): the extension the message was left for
        - ``uuid`` (optional): the message (and its call)
        - ``limit`` (optional): records a page, 10 to 100 (default 10)
        - ``page`` (optional): the page, from 1

        Every page, fetched as you iterate (unless ``page`` is given).
        """
        return self._pages("list_voicemails", start_stamp_from=start_stamp_from, start_stamp_to=start_stamp_to, read=read, user_number=user_number, uuid=uuid, limit=limit, page=page)  # type: ignore[return-value]

    async def voicemail_url(self, uuid: str) -> str:
        """Get a URL (valid one hour) to download a voicemail message.

        ``POST /voicemail_recording_url/``; safe to resend; rate pool ``default``.

        - ``uuid``: the message
        """
        _, value, _ = await self._call("voicemail_url", uuid=uuid)
        return str(value)

    async def list_contact_groups(self) -> list[ContactGroup]:
        """List the phonebook's groups.

        ``GET /contact_groups``; safe to resend; rate pool ``default``.
        """
        _, value, _ = await self._call("list_contact_groups")
        return [_record(r) for r in value]  # type: ignore[misc]

    async def create_contact_group(self, name: str) -> int:
        """Create a phonebook group; returns its id.

        ``POST /contact_groups``; never resent; rate pool ``default``.

        - ``name``: the group's name
        """
        _, value, _ = await self._call("create_contact_group", name=name)
        return int(value)

    async def update_contact_group(self, id: int, name: str) -> None:
        """Rename a phonebook group.

        ``PATCH /contact_groups/{id}``; safe to resend; rate pool ``default``.

        - ``id``: the record's id
        - ``name``: the group's name
        """
        await self._call("update_contact_group", id=id, name=name)

    async def delete_contact_group(self, id: int) -> None:
        """Delete a phonebook group.

        ``DELETE /contact_groups/{id}``; safe to resend; rate pool ``default``.

        - ``id``: the record's id
        """
        await self._call("delete_contact_group", id=id)

    def list_contacts(self, *, limit: Optional[int] = None, page: Optional[int] = None) -> AsyncIterator[Contact]:
        """List the phonebook's contacts, a page at a time.

        ``GET /contacts``; safe to resend; rate pool ``default``.

        - ``limit`` (optional): records a page, 10 to 100 (default 10)
        - ``page`` (optional): the page, from 1

        Every page, fetched as you iterate (unless ``page`` is given).
        """
        return self._pages("list_contacts", limit=limit, page=page)  # type: ignore[return-value]

    async def create_contact(self, name: str, phone: str, *, surname: Optional[str] = None, tckn: Optional[str] = None, description: Optional[str] = None, phone1: Optional[str] = None, email: Optional[str] = None, title: Optional[str] = None, phone2: Optional[str] = None, fax: Optional[str] = None, gender: Optional[str] = None, birthday: Optional[str] = None, birthday_sms: Optional[bool] = None, weddingday: Optional[str] = None, weddingday_sms: Optional[bool] = None, note1: Optional[str] = None, note2: Optional[str] = None, note3: Optional[str] = None, note4: Optional[str] = None, company_name: Optional[str] = None, monthly_sms_day: Optional[int] = None, monthly_sms_message: Optional[str] = None, group_ids: Optional[Union[str, Sequence[Union[int, str]]]] = None) -> int:
        """Add a contact to the phonebook; returns its id.

        ``POST /contacts``; never resent; rate pool ``default``.

        - ``name``: first name
        - ``surname`` (optional): surname
        - ``tckn`` (optional): Turkish identity number
        - ``description`` (optional): description
        - ``phone``: mobile number 1
        - ``phone1`` (optional): mobile number 2
        - ``email`` (optional): e-mail address
        - ``title`` (optional): title
        - ``phone2`` (optional): another phone number
        - ``fax`` (optional): fax number
        - ``gender`` (optional): m (male) or f (female)
        - ``birthday`` (optional): birthday, dd.mm.yyyy (required with birthday_sms)
        - ``birthday_sms`` (optional): true: an automatic message on the birthday
        - ``weddingday`` (optional): wedding day, dd.mm.yyyy (required with weddingday_sms)
        - ``weddingday_sms`` (optional): true: an automatic message on the wedding day
        - ``note1`` (optional): note
        - ``note2`` (optional): note
        - ``note3`` (optional): note
        - ``note4`` (optional): note
        - ``company_name`` (optional): company name
        - ``monthly_sms_day`` (optional): day of the month for a monthly SMS, 1 to 31
        - ``monthly_sms_message`` (optional): the monthly SMS (required with monthly_sms_day)
        - ``group_ids`` (optional): the groups to add the contact to
        """
        _, value, _ = await self._call("create_contact", name=name, surname=surname, tckn=tckn, description=description, phone=phone, phone1=phone1, email=email, title=title, phone2=phone2, fax=fax, gender=gender, birthday=birthday, birthday_sms=birthday_sms, weddingday=weddingday, weddingday_sms=weddingday_sms, note1=note1, note2=note2, note3=note3, note4=note4, company_name=company_name, monthly_sms_day=monthly_sms_day, monthly_sms_message=monthly_sms_message, group_ids=group_ids)
        return int(value)

    async def update_contact(self, id: int, *, name: Optional[str] = None, surname: Optional[str] = None, tckn: Optional[str] = None, description: Optional[str] = None, phone: Optional[str] = None, phone1: Optional[str] = None, email: Optional[str] = None, title: Optional[str] = None, phone2: Optional[str] = None, fax: Optional[str] = None, gender: Optional[str] = None, birthday: Optional[str] = None, birthday_sms: Optional[bool] = None, weddingday: Optional[str] = None, weddingday_sms: Optional[bool] = None, note1: Optional[str] = None, note2: Optional[str] = None, note3: Optional[str] = None, note4: Optional[str] = None, company_name: Optional[str] = None, monthly_sms_day: Optional[int] = None, monthly_sms_message: Optional[str] = None, group_ids: Optional[Union[str, Sequence[Union[int, str]]]] = None) -> None:
        """Change a contact's fields (those given).

        ``PATCH /contacts/{id}``; safe to resend; rate pool ``default``.

        - ``id``: the record's id
        - ``name`` (optional): first name
        - ``surname`` (optional): surname
        - ``tckn`` (optional): Turkish identity number
        - ``description`` (optional): description
        - ``phone`` (optional): mobile number 1
        - ``phone1`` (optional): mobile number 2
        - ``email`` (optional): e-mail address
        - ``title`` (optional): title
        - ``phone2`` (optional): another phone number
        - ``fax`` (optional): fax number
        - ``gender`` (optional): m (male) or f (female)
        - ``birthday`` (optional): birthday, dd.mm.yyyy (required with birthday_sms)
        - ``birthday_sms`` (optional): true: an automatic message on the birthday
        - ``weddingday`` (optional): wedding day, dd.mm.yyyy (required with weddingday_sms)
        - ``weddingday_sms`` (optional): true: an automatic message on the wedding day
        - ``note1`` (optional): note
        - ``note2`` (optional): note
        - ``note3`` (optional): note
        - ``note4`` (optional): note
        - ``company_name`` (optional): company name
        - ``monthly_sms_day`` (optional): day of the month for a monthly SMS, 1 to 31
        - ``monthly_sms_message`` (optional): the monthly SMS (required with monthly_sms_day)
        - ``group_ids`` (optional): the groups to add the contact to
        """
        await self._call("update_contact", id=id, name=name, surname=surname, tckn=tckn, description=description, phone=phone, phone1=phone1, email=email, title=title, phone2=phone2, fax=fax, gender=gender, birthday=birthday, birthday_sms=birthday_sms, weddingday=weddingday, weddingday_sms=weddingday_sms, note1=note1, note2=note2, note3=note3, note4=note4, company_name=company_name, monthly_sms_day=monthly_sms_day, monthly_sms_message=monthly_sms_message, group_ids=group_ids)

    async def delete_contact(self, id: int) -> None:
        """Delete a contact.

        ``DELETE /contacts/{id}``; safe to resend; rate pool ``default``.

        - ``id``: the record's id
        """
        await self._call("delete_contact", id=id)

    def list_blocked_numbers(self, *, limit: Optional[int] = None, page: Optional[int] = None) -> AsyncIterator[BlockedNumber]:
        """List the blocked numbers, a page at a time.

        ``GET /blocked_numbers``; safe to resend; rate pool ``default``.

        - ``limit`` (optional): records a page, 10 to 100 (default 10)
        - ``page`` (optional): the page, from 1

        Every page, fetched as you iterate (unless ``page`` is given).
        """
        return self._pages("list_blocked_numbers", limit=limit, page=page)  # type: ignore[return-value]

    async def block_number(self, number: str) -> int:
        """Block a number; returns the entry's id.

        ``POST /blocked_numbers``; never resent; rate pool ``default``.

        - ``number``: the number to block
        """
        _, value, _ = await self._call("block_number", number=number)
        return int(value)

    async def unblock_number(self, number: str) -> None:
        """Unblock a number.

        ``GET /blocked_numbers/delete``; safe to resend; rate pool ``default``.

        - ``number``: the number to unblock
        """
        await self._call("unblock_number", number=number)

    async def send_fax(self, remote_station_id: str, filedata: FileData, *, local_station_id: Optional[str] = None, local_station_header: Optional[str] = None) -> int:
        """Send a fax; returns the order's id.

        ``POST /fax_orders``; never resent; rate pool ``default``.

        - ``local_station_id`` (optional): the sending number
        - ``local_station_header`` (optional): the sender's header line
        - ``remote_station_id``: the receiving number
        - ``filedata``: the document as a data URL
        """
        filedata = _file(filedata, sound=False)
        _, value, _ = await self._call("send_fax", local_station_id=local_station_id, local_station_header=local_station_header, remote_station_id=remote_station_id, filedata=filedata)
        return int(value)

    def list_fax_orders(self, *, limit: Optional[int] = None, page: Optional[int] = None) -> AsyncIterator[FaxOrder]:
        """List the faxes not yet sent, a page at a time.

        ``GET /fax_orders``; safe to resend; rate pool ``default``.

        - ``limit`` (optional): records a page, 10 to 100 (default 10)
        - ``page`` (optional): the page, from 1

        Every page, fetched as you iterate (unless ``page`` is given).
        """
        return self._pages("list_fax_orders", limit=limit, page=page)  # type: ignore[return-value]

    def list_fax_records(self, *, start_stamp_from: Optional[Stamp] = None, start_stamp_to: Optional[Stamp] = None, direction: Optional[str] = None, caller_id_number: Optional[str] = None, original_destination: Optional[str] = None, success: Optional[bool] = None, limit: Optional[int] = None, page: Optional[int] = None) -> AsyncIterator[FaxRecord]:
        """List fax records, a page at a time.

        ``GET /fdrs``; safe to resend; rate pool ``default``.

        - ``start_stamp_from`` (optional): from this time (UTC)
        - ``start_stamp_to`` (optional): until this time (UTC); the range at most 31 days
        - ``direction`` (optional): inbound, outbound or internal
        - ``caller_id_number`` (optional): the sending number
        - ``original_destination`` (optional): the receiving number
        - ``success`` (optional): true: successful faxes, false: failed
        - ``limit`` (optional): records a page, 10 to 100 (default 10)
        - ``page`` (optional): the page, from 1

        Every page, fetched as you iterate (unless ``page`` is given).
        """
        return self._pages("list_fax_records", start_stamp_from=start_stamp_from, start_stamp_to=start_stamp_to, direction=direction, caller_id_number=caller_id_number, original_destination=original_destination, success=success, limit=limit, page=page)  # type: ignore[return-value]

    async def fax_document_url(self, call_uuid: str) -> str:
        """Get a URL (valid one hour) to download a fax document.

        ``POST /fax_document_url/``; safe to resend; rate pool ``default``.

        - ``call_uuid``: the fax
        """
        _, value, _ = await self._call("fax_document_url", call_uuid=call_uuid)
        return str(value)

    async def list_agent_statuses(self, *, agent: Optional[str] = None, status: Optional[str] = None, queue: Optional[str] = None) -> list[AgentStatus]:
        """List the agents' states and queues (2 a minute, shared with list_user_statuses).

        ``GET /agent_statuses``; safe to resend; rate pool ``statuses``.

        - ``agent`` (optional): one agent
        - ``status`` (optional): agents in this state
        - ``queue`` (optional): agents of this queue
        """
        _, value, _ = await self._call("list_agent_statuses", agent=agent, status=status, queue=queue)
        return [_record(r) for r in value]  # type: ignore[misc]

    async def list_user_statuses(self, *, user: Optional[str] = None, status: Optional[str] = None) -> list[UserStatus]:
        """List the extensions' states (2 a minute, shared with list_agent_statuses).

        ``GET /user_statuses``; safe to resend; rate pool ``statuses``.

        - ``user`` (optional): one extension
        - ``status`` (optional): extensions in this state
        """
        _, value, _ = await self._call("list_user_statuses", user=user, status=status)
        return [_record(r) for r in value]  # type: ignore[misc]

    async def create_webphone_token(self, extension: str) -> str:
        """Get a token (valid one day) to embed the web phone for an extension.

        ``POST /webphone_tokens``; safe to resend; rate pool ``default``.

        - ``extension``: the extension the web phone works as
        """
        _, value, _ = await self._call("create_webphone_token", extension=extension)
        return str(value)


__all__ = ["OPERATIONS", "Announcement", "CallerId", "Queue", "QueueCaller", "QueueMember", "Voicemail", "ContactGroup", "Contact", "BlockedNumber", "FaxOrder", "FaxRecord", "AgentStatus", "UserStatus"]
