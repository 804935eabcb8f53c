"""The uniffi-generated Python module, loaded against the built cdylib.

    python bindings/tests/test_generated_python.py GENERATED_DIR VENDOR_DIR
(GENERATED_DIR holds santral_uniffi.py and libsantral_uniffi.so)."""
import sys
from pathlib import Path

sys.path.insert(0, sys.argv[1])
import santral_uniffi as s  # noqa: E402

vendor = Path(sys.argv[2])
passed = failed = 0


def check(cond, what):
    global passed, failed
    if cond:
        passed += 1
    else:
        failed += 1
        print("FAILED:", what, file=sys.stderr)


p = s.parse_phone("05321234567", False)
check((p.kind, p.e164, p.match_key) == ("mobile", "+905321234567", "5321234567"), "phone")
check(s.same_number("05334979714", "905334979714"), "same number")
try:
    s.parse_phone("x", False)
    check(False, "bad phone must raise")
except s.SantralError.Invalid as e:
    check(e.code == "phone.invalid_character", "error code")
r = s.check("campaign", (vendor / "campaign_ivr_seed004.json").read_bytes())
check(not r.valid and (r.diagnostics[0].line, r.diagnostics[0].column) == (35, 9), "vendor sample")
e = s.parse_call_event(b"event_type=ringing&direction=inbound&call_uuid=1234&destination_number=1001&start_stamp=2016-01-01 00:00:00")
check(e.destination_number.kind == "extension" and e.start_stamp == "2016-01-01T00:00:00", "call event")
rep = s.parse_campaign_report("notification_id=5&phone=905321234567&digit=2&status=Başarılı&notification_date=2017-05-10 13:18:56 UTC".encode())
check(rep.answered and rep.key == "2" and rep.notification_date == "2017-05-10T13:18:56Z", "campaign report")
a = s.parse_advisory_request("uuid=u&cli=05301234567&cld=08505321234&step=2&secim=1", "secim")
check(a.digits == "1" and a.cld.kind == "voip", "advisory request")
check(s.build_prompt(1, 1, 2, announcement_id=123, param_name="secim").startswith('{"prompt":{"announcement_id":"123"'), "prompt")
# The core's defaults apply when an option is left out, the same as in every face.
check(s.parse_phone("1001").kind == "extension", "the default accepts an extension")
de = s.parse_phone("030 27590915", lenient=True, region="de")
check((de.region, de.valid, de.e164) == ("DE", True, "+493027590915"), "a national form read in its region")
try:
    s.parse_phone("1001", allow_extension=False)
    check(False, "a refused extension must raise")
except s.SantralError.Invalid as e:
    check(e.code == "phone.extension_not_allowed" and e.path == "phone", "refused extension")
try:
    s.parse_target("usr/1000")
    check(False, "bad target must raise")
except s.SantralError.Invalid as e:
    check(e.suggestion == "user" and e.diagnostics[0].end == 3, "target suggestion")
try:
    s.check("campaign", b"{}", today="2023-02-29")
    check(False, "an impossible today must raise")
except s.SantralError.Invalid as e:
    check(e.code == "date.not_calendar" and e.path == "today", "option error")
hangup = s.parse_call_event(b"event_type=hangup&direction=inbound&call_uuid=x&hangup_cause=NEW_CAUSE")
check(hangup.warnings[0].code == "event.unknown_hangup_cause", "event warnings")
check(s.build_speech_to_text(123, 10).endswith('"recognation_duration":10}}'), "speech_to_text")
header = '{"key":"K12345678-1234-5678-4321-123456789012","call_type":"queue","name":"Q","queue_number":204,"thread_multiplier":1}'
body = s.build_campaign(header, [s.Lead(phone="05321234567", phrase=None, lang="tr-TR")])
check(s.check("campaign", body.encode()).valid, "campaign builder")
check(len(s.code_ids()) > 100 and s.version(), "codes, version")
print(f"uniffi python: {passed} passed, {failed} failed")
sys.exit(1 if failed else 0)
