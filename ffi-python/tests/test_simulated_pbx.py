"""Every ``santral.Client`` and ``AsyncClient`` method against ``santral
simulate`` playing the whole PBX (issue 28): each operation succeeds on
the state the previous calls made, and each documented failure raises its
code. One scenario, run through both clients."""
from __future__ import annotations

import asyncio
import inspect
import time
from typing import Any, Callable

import httpx
import pytest

import santral
from conftest import KEY, Simulator

SOUND = "data:audio/mp3;name:anons.mp3;base64,SUQzAwAAAAAHdlRZRVIAAAAGAAAAMjAxMwBU"
UUID = "f3797dfc-a818-11e7-bf70-cb295b6663ce"


async def run(client: Any, name: str, *args: Any, **kw: Any) -> Any:
    """One method through either client: awaited, iterators listed."""
    r = getattr(client, name)(*args, **kw)
    if inspect.isawaitable(r):
        r = await r
    if hasattr(r, "__aiter__"):
        return [x async for x in r]
    if hasattr(r, "__next__"):
        return list(r)
    return r


async def code(client: Any, name: str, *args: Any, **kw: Any) -> str:
    with pytest.raises(santral.ApiError) as e:
        await run(client, name, *args, **kw)
    return e.value.code


async def offices(c: Any) -> None:
    # Queues and members.
    assert [q["number"] for q in await run(c, "list_queues")] == [200, 201, 202]
    await run(c, "set_queue_members", "200", [1002, 1000])
    assert [m["user"] for m in await run(c, "list_queue_members", "200")] == [1002, 1000]
    assert await code(c, "list_queue_members", "205") == "response.not_found"
    assert await code(c, "set_queue_members", "200", "1000,1009") == "response.extension_not_found"
    assert await run(c, "list_queue_waiting") == []
    # DND and statuses.
    assert await run(c, "set_dnd", "1001", "on") is True
    assert [u["status"] for u in await run(c, "list_user_statuses", user="1001")] == ["SS_DND"]
    assert await code(c, "set_dnd", "1005", "on") == "response.extension_not_found"
    assert len(await run(c, "list_agent_statuses", queue="200")) == 2
    assert [x["number"] for x in await run(c, "list_caller_ids")][0] == "908505320000"
    assert await run(c, "set_outbound_caller_id", "1001", "908505320000") is None
    # Announcements.
    a = await run(c, "create_announcement", "karşılama", SOUND)
    assert [x["name"] for x in await run(c, "list_announcements")] == ["karşılama"]
    await run(c, "update_announcement", a, "yeni", b"ID3\x03\x00")
    await run(c, "delete_announcement", a)
    assert await code(c, "delete_announcement", a) == "response.not_found"
    assert await code(c, "update_announcement", 456, "x", SOUND) == "response.not_found"
    # A file the PBX would refuse (response.sound_format) is refused before it is sent.
    with pytest.raises(santral.SantralError) as e:
        await run(c, "create_announcement", "x", "data:audio/x;name:x.exe;base64,SUQz")
    assert e.value.code == "api.sound_format"
    # The phone book.
    g1 = await run(c, "create_contact_group", "Müşteriler")
    g2 = await run(c, "create_contact_group", "Arkadaşlarım")
    await run(c, "update_contact_group", g2, "Dostlar")
    contact = await run(c, "create_contact", "Verimor", "05531234567", birthday="01.01.1990", birthday_sms=True,
                        group_ids=[g1, g2])
    await run(c, "update_contact", contact, surname="Telekomünikasyon")
    await run(c, "delete_contact_group", g1)
    (got,) = await run(c, "list_contacts")
    assert (got["surname"], got["birthday_sms"], got["group_ids"]) == ("Telekomünikasyon", True, [g2])
    assert await code(c, "create_contact", "x", "05531234567", group_ids=[g1]) == "response.not_found"
    await run(c, "delete_contact", contact)
    assert await code(c, "delete_contact", contact) == "response.not_found"
    assert await code(c, "update_contact_group", g1, "x") == "response.not_found"
    assert len(await run(c, "list_contact_groups")) == 1
    # Blocked numbers.
    b = await run(c, "block_number", "05531234567")
    assert await run(c, "block_number", "05531234567") == b
    assert [x["number"] for x in await run(c, "list_blocked_numbers")] == ["05531234567"]
    await run(c, "unblock_number", "+905531234567")
    assert await run(c, "list_blocked_numbers") == []
    # A fax: sent in simulated time, in /fdrs, its document served.
    fax = await run(c, "send_fax", "902123205072", b"%PDF-1.4\n")
    deadline = time.monotonic() + 10
    while (await run(c, "list_fax_orders"))[0]["status"] == "Bekliyor":
        assert time.monotonic() < deadline, "the fax never went"
        await asyncio.sleep(0.02)
    assert (await run(c, "list_fax_orders"))[0]["id"] == fax
    (rec,) = await run(c, "list_fax_records", direction="outbound", success=True)
    url = await run(c, "fax_document_url", rec["call_uuid"])
    assert httpx.get(url).content.startswith(b"%PDF-")
    assert await code(c, "fax_document_url", UUID) == "response.call_not_found"
    # Voicemail, web phone, calls that do not exist.
    assert await run(c, "list_voicemails") == []
    assert await code(c, "voicemail_url", UUID) == "response.not_found"
    token = await run(c, "create_webphone_token", "1000")
    assert token.startswith("W") and len(token) == 37
    assert await code(c, "create_webphone_token", "1009") == "response.extension_not_found"
    for name, args in (("answer", (UUID,)), ("hangup", (UUID,)), ("mute", (UUID, "on")), ("transfer", (UUID, "1000"))):
        assert await code(c, name, *args) == "response.no_such_channel"
    assert await code(c, "recording_url", UUID) == "response.call_not_found"


async def calls(c: Any) -> None:
    """Calls in progress (a real-time clock)."""
    bridged = await run(c, "bridge", "905321234567", "905423456789", recording_enabled=True)
    originated = await run(c, "originate", "1001", "908505320000")
    await run(c, "mute", originated, "on")
    await run(c, "answer", originated)
    await run(c, "transfer", originated, "1003")
    for uuid in (bridged, originated):
        await run(c, "hangup", uuid)
    assert await code(c, "hangup", originated) == "response.no_such_channel"
    deadline = time.monotonic() + 10
    while True:
        try:
            detail = await run(c, "get_cdr", originated)
            break
        except santral.ApiError:
            assert time.monotonic() < deadline
            await asyncio.sleep(0.02)
    assert [s.destination_number.national for s in detail.call_flow if s.destination_number][1] == "1003"
    wav = httpx.get(await run(c, "recording_url", originated))
    assert wav.headers["content-type"] == "audio/wav" and wav.content.startswith(b"RIFF")


@pytest.mark.parametrize("kind", ["sync", "async"])
def test_every_method_against_the_simulated_pbx(simulator: Callable[..., Simulator], kind: str) -> None:
    office = simulator("--speed", "0", "--seed", "2", "--no-rate-limits")
    live = simulator("--speed", "1", "--seed", "2", "--no-rate-limits")

    async def scenario() -> None:
        if kind == "sync":
            with santral.Client(KEY, base_url=office.url, pace=False) as c, \
                    santral.Client(KEY, base_url=live.url, pace=False) as d:
                await offices(c)
                await calls(d)
        else:
            async with santral.AsyncClient(KEY, base_url=office.url, pace=False) as c, \
                    santral.AsyncClient(KEY, base_url=live.url, pace=False) as d:
                await offices(c)
                await calls(d)

    asyncio.run(scenario())
