"""pytest suite of the santral wheel: every function, the vendor examples,
and bad input getting a clear exception."""
from __future__ import annotations

import datetime as dt
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

import santral
from santral import _native
from santral import advisory, campaign, logo_crm

ROOT = Path(__file__).resolve().parents[2]
VENDOR = ROOT / "core" / "tests" / "vendor"

RINGING = (
    "event_type=ringing&domain_id=101&direction=inbound&caller_id_number=02123205062"
    "&outbound_caller_id_number=&destination_number=1001&dialed_user=1001&call_uuid=1234"
    "&start_stamp=2016-01-01 00:00:00"
)
REPORT = (
    "notification_id=5&notification_date=2017-05-10 13:18:56 UTC&domain_id=429&ivr_campaign_id=131"
    "&ivr_campaign_name=Memnuniyet anketi&ivr_lead_id=1878&phone=905321234567&digit=2&status=Başarılı"
    "&call_uuid=aacdb242-364b-11e7-8bed-c9aec7093786"
)
QUEUE_HEADER = (
    '{"key":"K12345678-1234-5678-4321-123456789012","call_type":"queue","name":"Q",'
    '"queue_number":204,"thread_multiplier":1}'
)


def test_parse_phone_every_form() -> None:
    for text in ["905321234567", "05321234567", "5321234567", "+905321234567", "00905321234567"]:
        p = santral.parse_phone(text)
        assert (p.kind, p.valid, p.possible) == (santral.PhoneKind.MOBILE, True, True)
        assert (p.e164, p.wire, p.national, p.international) == (
            "+905321234567",
            "905321234567",
            "05321234567",
            "00905321234567",
        )
        assert p.display == "0532 123 45 67" and p.match_key == "5321234567"
    uan = santral.parse_phone("4441234")
    assert uan.kind is santral.PhoneKind.UAN and uan.e164 is None and uan.display == "444 1 234"
    unassigned = santral.parse_phone("05651236547")
    assert not unassigned.valid and unassigned.possible and unassigned.warning == "phone.unassigned"
    assert santral.parse_phone("1001").kind is santral.PhoneKind.EXTENSION
    assert santral.parse_phone("+90 (532) 123 45 67", lenient=True).e164 == "+905321234567"


def test_phones_of_every_country_and_region() -> None:
    berlin = santral.parse_phone("+49 30 27590915", lenient=True)
    assert (berlin.valid, berlin.kind, berlin.region) == (True, santral.PhoneKind.FIXED_LINE, "DE")
    assert (berlin.display, berlin.display_in_region) == ("+49 30 27590915", "030 27590915")
    assert santral.parse_phone("05321234567").region == "TR"
    us = santral.parse_phone("(202) 456-1111", lenient=True, region="us")
    assert us.e164 == "+12024561111" and us.kind is santral.PhoneKind.FIXED_LINE_OR_MOBILE
    assert santral.parse_phone("12423570000", region="US").region == "BS"
    # Without a region, national forms are Turkey's.
    assert santral.parse_phone("03027590915").country_code == 90
    with pytest.raises(santral.PhoneError) as e:
        santral.parse_phone("030 27590915", lenient=True, region="XY")
    assert (e.value.code, e.value.path, e.value.suggestion) == ("phone.unknown_region", "region", "BY")
    assert santral.parse_phone("1001").region is None
    # The batch path reads in a region too.
    batch = santral.normalize_phones(["030 27590915", "+44 20 7183 8750", "x"], region="DE")
    assert batch.e164 == ["+493027590915", "+442071838750", None]
    with pytest.raises(santral.PhoneError):
        santral.normalize_phones(["1"], region="XY")


def test_phone_is_an_immutable_value() -> None:
    a = santral.parse_phone("05321234567")
    b = santral.parse_phone("+905321234567")
    assert isinstance(a, santral.Phone) and a.input == "05321234567"
    assert a == b and hash(a) == hash(b) and len({a, b}) == 1
    assert a != santral.parse_phone("05321234568") and a != "05321234567"
    assert "+905321234567" in repr(a)
    with pytest.raises(AttributeError):
        a.e164 = "x"  # type: ignore[misc]


def test_phone_errors_are_clear() -> None:
    with pytest.raises(santral.PhoneError) as e:
        santral.parse_phone("0532-123")
    assert e.value.code == "phone.invalid_character" and e.value.offset == 4
    assert isinstance(e.value, santral.SantralError) and isinstance(e.value, ValueError)
    with pytest.raises(santral.PhoneError):
        santral.parse_phone("1001", allow_extension=False)
    # The strict default refuses the commonest form, and says how it reads leniently.
    with pytest.raises(santral.PhoneError) as s:
        santral.parse_phone("+90 532 123 45 67")
    assert s.value.code == "phone.invalid_character" and s.value.suggestion == "+905321234567"
    assert s.value.diagnostics[0].suggestion == "+905321234567"
    assert santral.parse_phone("+90 532 123 45 67", lenient=True).e164 == s.value.suggestion
    with pytest.raises(TypeError):
        santral.parse_phone(5321234567)  # type: ignore[arg-type]
    with pytest.raises(santral.PhoneError):
        santral.parse_phone("9" * 100_000)


def test_matching() -> None:
    assert santral.same_number("05334979714", "+90 533 497 97 14")
    assert not santral.same_number("05334979714", "05334979715")
    assert santral.match_key("905334979714") == "5334979714"
    with pytest.raises(santral.PhoneError):
        santral.match_key("x")


def test_check_vendor_campaign_sample() -> None:
    body = (VENDOR / "campaign_ivr_seed004.json").read_bytes()
    r = santral.check("campaign", body)
    assert not r.valid and r.errors == 1
    d = r.diagnostics[0]
    assert (d.code, d.line, d.column, d.path) == ("json.expected_comma", 35, 9, "phone_list")
    assert d.message_tr.startswith("',' veya")
    fixed = body.replace(b'"tr-TR"}\n        {', b'"tr-TR"},\n        {')
    r = santral.check("campaign", fixed.decode(), today=dt.date(2022, 9, 1))
    assert r.valid and r.warnings == 1
    assert r.summary["leads"] == 2 and r.summary["call_type"] == "ivr"
    assert r.summary["date_range_begin"] == "2022-09-12"


def test_check_every_kind_and_bad_input() -> None:
    assert santral.check("call-event", RINGING).valid
    assert santral.check("campaign-report", REPORT.encode()).summary["answered"] is True
    assert santral.check("cdr-detail", (VENDOR / "cdr_detail.json").read_bytes()).warnings == 7
    prompt = santral.check("advisory-response", (VENDOR / "advisory_prompt_1.json").read_text())
    assert prompt.diagnostics[0].code == "json.trailing_comma"
    assert set(santral.KINDS) >= {"campaign", "logo-crm", "order-sync-settings"}
    with pytest.raises(ValueError, match="unknown kind"):
        santral.check("nope", b"")
    with pytest.raises(TypeError):
        santral.check("campaign", 42)  # type: ignore[arg-type]
    bad = santral.check("advisory-response", b'{"transfer":{"target":"\xff"}}')
    assert not bad.valid and bad.diagnostics[0].code == "json.invalid_utf8"
    huge = santral.check("campaign", b"[" * 100_000)
    assert huge.diagnostics[0].code in {"json.expected_object", "json.too_deep"}


def test_call_event_is_typed() -> None:
    e = santral.CallEvent.parse(RINGING)
    assert e.event_type is santral.EventType.RINGING and e.direction is santral.Direction.INBOUND
    assert e.start_stamp == dt.datetime(2016, 1, 1, 0, 0, 0) and e.start_stamp.tzinfo is None
    assert e.destination_number is not None and e.destination_number.kind is santral.PhoneKind.EXTENSION
    assert e.outbound_caller_id_number is None and e.call_uuid == "1234"
    hangup = santral.CallEvent.parse(
        "event_type=hangup&direction=outbound&call_uuid=x&duration=00:01:05&answered=false"
        "&hangup_cause=NO_ANSWER&sip_hangup_disposition=callee"
    )
    assert hangup.hangup_cause is santral.HangupCause.NO_ANSWER
    assert santral.HangupCause.NO_ANSWER.description_tr == "Cevapsız"
    assert hangup.duration == dt.timedelta(seconds=65) and hangup.answered is False
    assert hangup.sip_hangup_disposition is santral.Disposition.CALLEE
    odd = santral.CallEvent.parse("event_type=hangup&direction=inbound&call_uuid=x&hangup_cause=NEW_CAUSE")
    assert odd.hangup_cause == "NEW_CAUSE" and odd.warnings[0].code == "event.unknown_hangup_cause"
    assert santral.CallEvent.is_ping(b"") and santral.CallEvent.is_ping("{}")
    with pytest.raises(santral.WebhookError) as err:
        santral.CallEvent.parse("event_type=ringin&direction=inbound&call_uuid=1")
    assert err.value.code == "event.event_type" and err.value.path == "event_type"
    assert err.value.diagnostics[0].suggestion == "ringing"
    with pytest.raises(santral.WebhookError):
        santral.CallEvent.parse(b"event_type=ringing&\xff")
    with pytest.raises(AttributeError):
        e.call_uuid = "y"  # type: ignore[misc]


def test_campaign_report_and_advisory_request() -> None:
    r = santral.CampaignReport.parse(REPORT)
    assert r.answered and r.digit == "pressed" and r.key == "2"
    assert r.notification_date == dt.datetime(2017, 5, 10, 13, 18, 56, tzinfo=dt.timezone.utc)
    assert r.phone is not None and santral.same_number(r.phone.e164 or "", "05321234567")
    assert santral.CampaignReport.is_ping(b"")
    with pytest.raises(santral.WebhookError):
        santral.CampaignReport.parse("notification_id=0")
    q = santral.AdvisoryRequest.parse(
        "?uuid=651f8a68-782e-11g7-a6b6-5bedc26e2ab3&cli=05301234567&cld=08505321234&step=2"
        "&musteri_no=123456&error=&result=busesçevrildi",
        param_name="musteri_no",
    )
    assert (q.step, q.digits, q.result, q.error) == (2, "123456", "busesçevrildi", None)
    assert q.cld.kind is santral.PhoneKind.VOIP


def test_advisory_builders_round_trip() -> None:
    t = advisory.transfer(target="queue/201", greet_name="Ahmet Yılmaz", lang="tr-TR", announcement_to_caller=12345)
    assert json.loads(t) == {
        "transfer": {"target": "queue/201", "greet_name": "Ahmet Yılmaz", "lang": "tr-TR", "announcement_to_caller": 12345}
    }
    p = advisory.prompt(announcement_id=123, min_digits=5, max_digits=6, retry_count=3, param_name="musteri_no")
    assert json.loads(p)["prompt"]["min_digits"] == "5"
    for text in [t, p, advisory.record(phrase="Sayın Ahmet Yılmaz ses kaydınız alınıyor.", lang="tr-TR"),
                 advisory.speech_to_text(announcement_id=123, recognation_duration=10)]:
        assert santral.check("advisory-response", text).valid
    with pytest.raises(santral.AdvisoryError) as e:
        advisory.transfer(target="restart")
    assert e.value.code == "target.restart_not_allowed"
    with pytest.raises(santral.AdvisoryError):
        advisory.prompt(min_digits=7, max_digits=6, retry_count=0, announcement_id=1)
    with pytest.raises(santral.AdvisoryError):
        advisory.prompt(min_digits=1, max_digits=1, retry_count=0, phrase="x" * 301)


def test_campaign_builder_streams_any_iterable() -> None:
    leads = (("05321234567", "#456 15/11/2017 #457 73.56 #458", "tr-TR") if i == 0 else f"0532{i:07d}" for i in range(1000))
    text = campaign.build(QUEUE_HEADER, leads)
    assert text is not None
    r = santral.check("campaign", text)
    assert r.valid and r.summary["leads"] == 1000
    chunks: list[str] = []
    assert campaign.build(QUEUE_HEADER, (f"0532{i:07d}" for i in range(50_000)), write=chunks.append) is None
    assert len(chunks) > 1 and santral.check("campaign", "".join(chunks)).summary["leads"] == 50_000
    with pytest.raises(santral.CampaignError):
        campaign.build("[1]", [])
    with pytest.raises(santral.CampaignError):
        campaign.build(QUEUE_HEADER, [("05321234567", None, "tr-tr")])


def test_logo_crm() -> None:
    body = "event_type=answer&direction=inbound&caller_id_number=905334979714&connected_user=911&call_uuid=A000001"
    assert logo_crm.from_event(body, keypress=3, caller_form="bare") == (
        '{"callUniqueId":"A000001","extension":"911","agentId":"911","callerId":"5334979714","keypress":"3"}'
    )
    assert logo_crm.from_event(body, trigger="ringing") is None
    with pytest.raises(santral.LogoCrmError):
        logo_crm.from_event("event_type=x")
    with pytest.raises(ValueError):
        logo_crm.from_event(body, keypress=4)


def test_batch_normalize_lists_and_arrow() -> None:
    values = ["05321234567", "+90 533 497 97 14", "4441234", "oops"]
    out = santral.normalize_phones(values)
    # A 444 number has no E.164 form: None (issue 30), its kind says what it is.
    assert out.e164 == ["+905321234567", "+905334979714", None, None]
    assert out.kind == ["mobile", "mobile", "uan", None] and out.valid == [True, True, True, False]
    assert out.error[3] == "phone.invalid_character" and len(out) == 4
    with pytest.raises(TypeError):
        santral.normalize_phones(["05321234567", 5])
    pa = pytest.importorskip("pyarrow")
    arr = pa.array(values + [None]).slice(1)
    struct = santral.normalize_phones(arr)
    assert struct.field("e164").to_pylist() == ["+905334979714", None, None, None]
    assert struct.field("kind").to_pylist() == ["mobile", "uan", None, None]
    assert struct.field("valid").to_pylist() == [True, True, False, None]
    assert struct.field("error").to_pylist() == [None, None, "phone.invalid_character", None]
    assert struct.is_null().to_pylist() == [False, False, False, True]


def test_batch_agrees_with_single_calls_across_chunks() -> None:
    # More rows than one native chunk (256), errors and every kind mixed in.
    base = ["05321234567", "0212 345 67 89", "4441234", "1001", "+44 20 7946 0958", "x1", "0800 123 45 67", ""]
    values = [base[i % len(base)] for i in range(1000)]
    for allow in (False, True):
        out = santral.normalize_phones(values, allow_extension=allow)
        for i, v in enumerate(values):
            try:
                p = santral.parse_phone(v, lenient=True, allow_extension=allow)
            except santral.PhoneError as e:
                assert (out.e164[i], out.kind[i], out.valid[i], out.error[i]) == (None, None, False, e.code)
                continue
            assert out.e164[i] == p.e164 and out.kind[i] == p.kind.value
            assert out.valid[i] == p.valid and out.error[i] is None


def test_batch_cleaning_lets_no_broken_number_through() -> None:
    # Issue 30: `0532-123` was cleaned into the "extension" 0532123.
    values = ["0532-123", "0532-1234", "053", "1001", "911", "4441234", "05321234567"]
    out = santral.normalize_phones(values)
    assert out.error == ["phone.too_short"] * 3 + ["phone.extension_not_allowed"] * 2 + [None, None]
    assert out.e164 == [None] * 6 + ["+905321234567"]
    # Extensions only when asked; a trunk prefix is never one.
    ext = santral.normalize_phones(values, allow_extension=True)
    assert ext.kind[:5] == [None, None, None, "extension", "extension"] and ext.e164[3:5] == [None, None]
    assert ext.error[:3] == ["phone.too_short"] * 3
    pa = pytest.importorskip("pyarrow")
    struct = santral.normalize_phones(pa.array(values), allow_extension=True)
    assert struct.field("e164").to_pylist() == ext.e164 and struct.field("kind").to_pylist() == ext.kind
    assert santral.normalize_phones(pa.array(values)).field("error").to_pylist() == out.error
    # One number on its own: the same verdict.
    with pytest.raises(santral.PhoneError) as e:
        santral.parse_phone("0532-123", lenient=True)
    assert e.value.code == "phone.too_short"


def test_phone_keeps_the_callers_string() -> None:
    text = "".join(["0532", "1234567"])
    p = santral.parse_phone(text)
    assert p.input is text and p.e164 == "+905321234567"
    assert repr(p) == "Phone(input='05321234567', kind='mobile', e164='+905321234567')"


def test_codes_and_version() -> None:
    ids = [c[0] for c in santral.codes()]
    assert "phone.too_short" in ids and len(ids) == len(set(ids))
    assert santral.__version__


def test_generated_enums_are_current() -> None:
    tool = ROOT / "ffi-python" / "tools" / "gen_enums.py"
    assert subprocess.run([sys.executable, str(tool), "--check"], check=False).returncode == 0, (
        "python/santral/_enums.py is stale: run ffi-python/tools/gen_enums.py"
    )


def test_generated_messages_are_current() -> None:
    tool = ROOT / "ffi-python" / "tools" / "gen_messages.py"
    assert subprocess.run([sys.executable, str(tool), "--check"], check=False).returncode == 0, (
        "python/santral/_messages.py is stale: run ffi-python/tools/gen_messages.py"
    )


def test_message_classes_follow_the_cores_fields() -> None:
    # One attribute per field the core declares, in its order, first.
    from dataclasses import fields as dataclass_fields

    for cls, rows in _native.tables()["messages"]:
        names = [f.name for f in dataclass_fields(getattr(santral, cls))]
        assert names[: len(rows)] == [r[0] for r in rows], cls


def test_wheel_ships_types() -> None:
    pkg = Path(santral.__file__).parent
    assert (pkg / "py.typed").exists() and (pkg / "_native.pyi").exists()
    assert os.path.exists(pkg / "advisory.py")


def test_targets_and_phrases() -> None:
    t = santral.parse_target("announcement/421")
    assert (t.kind, t.text, t.announcement_id) == ("announcement", "announcement/421", 421)
    assert santral.parse_target("", context="campaign").kind == ""
    with pytest.raises(santral.TargetError) as e:
        santral.parse_target("usr/1000")
    assert e.value.code == "target.unknown_kind"
    with pytest.raises(santral.TargetError):
        santral.parse_target("restart", context="advisory")
    with pytest.raises(ValueError):
        santral.parse_target("queue/1", context="nowhere")
    assert santral.check_phrase("#456 15/11/2017 #457 73.56 #458").announcement_ids == [456, 457, 458]
    with pytest.raises(santral.SantralError) as err:
        santral.check_phrase("#456 merhaba 31/02/2017")
    assert [d.code for d in err.value.diagnostics] == ["phrase.invalid_word", "phrase.invalid_date"]
    assert err.value.diagnostics[1].message_tr == "cümledeki tarih gerçek bir takvim tarihi değil"


def test_options_and_defaults_are_the_cores() -> None:
    assert santral.parse_phone("1001").kind is santral.PhoneKind.EXTENSION
    with pytest.raises(santral.PhoneError) as e:
        santral.parse_phone("1001", allow_extension=False)
    assert (e.value.code, e.value.path, e.value.line, e.value.column) == ("phone.extension_not_allowed", "phone", 1, 1)
    assert santral.parse_phone("04000000", extension_first=True).national_number == "04000000"
    assert santral.MAX_DIAGNOSTICS == 200 and santral.DUPLICATE_LEADS == 1_000_000
    body = (
        '{"key":"K12345678-1234-5678-4321-123456789012","call_type":"queue","name":"q","queue_number":204,'
        '"thread_multiplier":1,"phone_list":[{"phone":"05321234567"},{"phone":"905321234567"}]}'
    )
    r = santral.check("campaign", body)
    d = r.diagnostics[0]
    assert d.code == "campaign.duplicate_phone" and d.related is not None and d.related.offset == body.index('"05321234567"')
    assert santral.check("campaign", body, duplicate_leads=0).warnings == 0
    capped = santral.check("campaign", body, max_diagnostics=0)
    assert capped.diagnostics == [] and capped.diagnostics_omitted == 1
    with pytest.raises(santral.SantralError) as err:
        santral.check("campaign", body, today="2023-02-29")
    assert (err.value.code, err.value.path) == ("date.not_calendar", "today")
    with pytest.raises(santral.SantralError) as err:
        santral.check("advisory-request", "", param_name="step")
    assert err.value.code == "advisory.param_name_reserved"


def test_every_error_carries_the_cores_information() -> None:
    with pytest.raises(santral.TargetError) as e:
        santral.parse_target("usr/1000")
    assert (e.value.suggestion, e.value.end) == ("user", 3) and "did you mean user" in str(e.value)
    with pytest.raises(santral.TargetError) as e:
        santral.parse_target("queue:201", context="advisory")
    assert e.value.suggestion == "queue/"
    with pytest.raises(santral.SantralError) as err:
        santral.check_phrase("çağrı #1 x")
    second = err.value.diagnostics[1]
    assert (second.offset, second.column, second.line, second.path) == (12, 10, 1, "phrase")
    with pytest.raises(santral.WebhookError) as w:
        santral.CallEvent.parse(b"{}")
    assert w.value.code == "webhook.ping" and w.value.code in {c[0] for c in santral.codes()}
    with pytest.raises(santral.AdvisoryError) as a:
        advisory.prompt(min_digits=1, max_digits=1, retry_count=0, announcement_id=1, phrase_speed=2.0)
    assert a.value.path == "prompt.phrase_speed"
    with pytest.raises(santral.CampaignError) as c:
        campaign.build('{"phone_list":[]}', [])
    assert c.value.code == "campaign.header_phone_list"
    with pytest.raises(santral.CampaignError) as c:
        campaign.build(QUEUE_HEADER, [("05321234567", None, None), ("05331234567", None, "tr")])
    assert (c.value.code, c.value.path, c.value.suggestion) == ("lang.unknown", "phone_list[1].lang", None)


def test_the_builder_writes_its_own_types() -> None:
    header = '{"key":"K12345678-1234-5678-4321-123456789012","call_type":"queue","name":"Q","queue_number":"204","thread_multiplier":"1","recording_enabled":true}'
    text = campaign.build(header, ["05321234567"])
    assert text is not None
    sent = json.loads(text)
    assert (sent["queue_number"], sent["thread_multiplier"], sent["recording_enabled"]) == (204, 1, "true")


def test_the_enums_come_from_the_core() -> None:
    assert [f.value for f in santral.Format] == [
        "e164", "wire", "national", "international", "display", "display_international", "display_in_region",
    ]
    assert santral.TargetKind.QUEUE.value == "queue" and santral.Lang.TR_TR.value == "tr-TR"
    assert {k.value for k in santral.Kind} == set(santral.KINDS)
