use super::*;
use crate::diag::Collector;

const RINGING: &[u8] = b"event_type=ringing&domain_id=101&direction=inbound&caller_id_number=02123205062&outbound_caller_id_number=&destination_number=1001&dialed_user=1001&call_uuid=1234&start_stamp=2016-01-01 00:00:00";

fn diags(body: &[u8]) -> Vec<(String, String)> {
    let mut sink: Collector<16> = Collector::new();
    let _ = CallEvent::parse(body, &mut sink);
    sink.diagnostics()
        .iter()
        .map(|d| (d.code.id().to_string(), d.path.to_string()))
        .collect()
}

#[test]
fn vendor_ringing_example() {
    let mut sink: Collector<4> = Collector::new();
    let e = CallEvent::parse(RINGING, &mut sink).unwrap();
    assert!(sink.diagnostics().is_empty());
    assert_eq!(e.domain_id.map(Id::get), Some(101));
    assert_eq!(e.caller_id_number.unwrap().national_number(), "2123205062");
    assert_eq!(e.start_stamp.unwrap().to_string(), "2016-01-01 00:00:00");
    assert!(e.call_uuid.eq_str("1234"));
    assert_eq!(e.hangup_cause, None);
}

#[test]
fn a_full_hangup_event() {
    let body = b"event_type=hangup&domain_id=101&direction=outbound&caller_id_number=1001&outbound_caller_id_number=902129630131&destination_number=05321234567&dialed_user=1001&connected_user=1001&call_uuid=651f8a68-782e-11g7-a6b6-5bedc26e2ab3&start_stamp=2016-01-01+00%3A00%3A00&answer_stamp=2016-01-01 00:00:05&end_stamp=2016-01-01 00:01:10&duration=65&recording_present=true&answered=true&queue=201&queue_wait_duration=00:00:04&sip_hangup_disposition=callee&hangup_cause=NORMAL_CLEARING&failure_status=&failure_phrase=&future_field=x";
    let mut sink: Collector<4> = Collector::new();
    let e = CallEvent::parse(body, &mut sink).unwrap();
    assert!(sink.diagnostics().is_empty(), "{:?}", sink.diagnostics());
    assert_eq!(e.event_type, EventType::Hangup);
    assert_eq!(e.duration.map(|d| d.seconds), Some(65));
    assert_eq!(e.queue_wait_duration.map(|d| d.seconds), Some(4));
    assert_eq!((e.answered, e.recording_present), (Some(true), Some(true)));
    assert_eq!(e.sip_hangup_disposition, Some(Disposition::Callee));
    assert_eq!(
        e.hangup_cause,
        Some(Cause::Known(HangupCause::NormalClearing))
    );
    assert_eq!(HangupCause::NormalClearing.description_tr(), "Cevaplandı");
    assert_eq!(
        e.start_stamp,
        e.start_stamp
            .map(|t| Timestamp::parse(&t.to_string()).unwrap())
    );
    assert!(e.failure_status.is_none());
}

#[test]
fn every_problem_is_reported() {
    let body = b"event_type=ringin&direction=sideways&caller_id_number=0532-1&start_stamp=2016-13-01 00:00:00&answered=maybe&duration=00:0:35&sip_hangup_disposition=nobody&hangup_cause=WEIRD_CAUSE&event_type=answer&domain_id=0";
    assert_eq!(
        diags(body),
        [
            ("form.duplicate_field", "event_type"),
            ("event.event_type", "event_type"),
            ("id.invalid", "domain_id"),
            ("event.direction", "direction"),
            ("phone.invalid_character", "caller_id_number"),
            ("timestamp.out_of_range", "start_stamp"),
            ("duration.syntax", "duration"),
            ("bool.invalid", "answered"),
            ("event.disposition", "sip_hangup_disposition"),
            ("event.unknown_hangup_cause", "hangup_cause"),
            ("form.missing_field", "call_uuid"),
        ]
        .map(|(a, b)| (a.to_string(), b.to_string()))
    );
    let mut sink: Collector<16> = Collector::new();
    assert!(CallEvent::parse(body, &mut sink).is_none());
    let e = sink.diagnostics()[1];
    assert_eq!(e.suggestion, Some("ringing"));
    assert_eq!(&body[e.span.start..e.span.end], b"ringin");
}

#[test]
fn unknown_causes_are_kept_raw_with_a_warning() {
    let body = b"event_type=hangup&direction=inbound&call_uuid=1&hangup_cause=NEW_CAUSE";
    let mut sink: Collector<4> = Collector::new();
    let e = CallEvent::parse(body, &mut sink).unwrap();
    assert!(matches!(e.hangup_cause, Some(Cause::Other(raw)) if raw.eq_str("NEW_CAUSE")));
    assert_eq!(sink.warning_count(), 1);
}

#[test]
fn all_34_causes_round_trip() {
    assert_eq!(HangupCause::ALL.len(), 34);
    for c in HangupCause::ALL {
        assert_eq!(HangupCause::from_wire(c.as_str()), Some(*c));
        assert!(!c.description_tr().is_empty());
    }
    assert_eq!(
        HangupCause::NotAllowedByIys.description_tr(),
        "İYS izni yok"
    );
}

#[test]
fn verification_pings() {
    assert!(CallEvent::is_ping(b""));
    assert!(CallEvent::is_ping(b"{}"));
    assert!(!CallEvent::is_ping(RINGING));
}

/// Found by the logo round-trip property test: extension fields keep
/// 2-8 digit values as written, leading zero included.
#[test]
fn extension_fields_are_extensions_first() {
    let body = b"event_type=answer&direction=inbound&call_uuid=1&connected_user=04000000&dialed_user=0212&caller_id_number=04000000";
    let mut sink: Collector<4> = Collector::new();
    let e = CallEvent::parse(body, &mut sink).unwrap();
    let c = e.connected_user.unwrap();
    assert_eq!(
        (c.kind(), c.national_number()),
        (crate::phone::PhoneKind::Extension, "04000000")
    );
    assert_eq!(e.dialed_user.unwrap().national_number(), "0212");
    // A caller number is a phone first: 04000000 is a 7-digit national number.
    assert_eq!(e.caller_id_number.unwrap().country_code(), 90);
}

/// Found by the long `call_event` fuzz run: a required field present but
/// empty is reported missing (before, the event was silently invalid).
#[test]
fn fuzz_regression_empty_required_fields_are_missing() {
    assert_eq!(
        diags(b"event_type=ringing&direction=&call_uuid=1"),
        [("form.missing_field".to_string(), "direction".to_string())]
    );
    let mut sink: Collector<4> = Collector::new();
    assert!(crate::report::CampaignReport::parse(
        b"notification_id=&phone=905321234567&digit=&status=x",
        &mut sink
    )
    .is_none());
    assert_eq!(sink.diagnostics()[0].code, Code::FormMissingField);
}
