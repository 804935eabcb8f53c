use super::*;
use crate::diag::Collector;

const LIST: &str = include_str!("../../../tests/vendor/cdr_list.json");
const DETAIL: &str = include_str!("../../../tests/vendor/cdr_detail.json");

fn found(sink: &Collector<32>) -> Vec<(String, String)> {
    sink.diagnostics()
        .iter()
        .map(|d| (d.code.id().to_string(), d.path.to_string()))
        .collect()
}

#[test]
fn vendor_list_sample() {
    let mut sink: Collector<32> = Collector::new();
    let mut records = Vec::new();
    let s = read_list(LIST.as_bytes(), &mut sink, |r| {
        records.push(*r);
        ControlFlow::Continue(())
    });
    assert_eq!(
        found(&sink),
        [(
            "cdr.malformed_value".to_string(),
            "cdrs[0].end_stamp".to_string()
        )]
    );
    assert_eq!((s.records, s.errors, s.warnings), (1, 0, 1));
    assert_eq!(
        s.pagination,
        Some(Pagination {
            page: 1,
            total_count: 25,
            total_pages: 3,
            limit: 10
        })
    );
    let r = records[0];
    assert_eq!(r.direction, Lenient::Value(CdrDirection::Gelen));
    assert_eq!(
        r.direction.value().map(CdrDirection::direction),
        Some(Direction::Inbound)
    );
    assert_eq!(r.duration.value().map(|d| d.seconds), Some(65));
    assert_eq!(r.queue_wait_seconds.value().map(|d| d.seconds), Some(10));
    assert_eq!(r.missed, Lenient::Value(true));
    assert!(matches!(r.end_stamp, Lenient::Raw(raw) if raw.eq_str("017-08-03 12:30:52 +0300")));
    assert!(matches!(r.caller_id_number, Lenient::Value(p) if p.national_number() == "3121234567"));
}

#[test]
fn vendor_detail_sample() {
    let mut sink: Collector<32> = Collector::new();
    let mut steps = Vec::new();
    let r = read_detail(DETAIL.as_bytes(), &mut sink, |s| steps.push(*s)).unwrap();
    assert_eq!(r.direction, Lenient::Value(CdrDirection::SantralIci));
    assert!(matches!(r.caller_id_number, Lenient::Value(p) if p.is_extension()));
    assert_eq!(steps.len(), 2);
    assert!(matches!(steps[0].ip_address, Lenient::Value(ip) if ip.to_string() == "192.168.1.101"));
    assert!(matches!(steps[0].write_codec, Lenient::Value(c) if c.eq_str("PCMA")));
    assert!(matches!(steps[1].read_codec, Lenient::Raw(c) if c.eq_str(" PCMU")));
    assert_eq!(
        found(&sink),
        [
            ("cdr.talk_exceeds_duration", "cdr.talk_duration"),
            ("cdr.malformed_value", "call_flow[0].duration"),
            ("json.unknown_key", "call_flow[0]"),
            ("cdr.malformed_value", "call_flow[1].start_stamp"),
            ("cdr.malformed_value", "call_flow[1].answer_stamp"),
            ("cdr.malformed_value", "call_flow[1].duration"),
            ("cdr.malformed_value", "call_flow[1].read_codec"),
        ]
        .map(|(a, b)| (a.to_string(), b.to_string()))
    );
    let unknown = sink.diagnostics()[2];
    assert_eq!(unknown.suggestion, Some("read_codec"));
    assert_eq!(
        &DETAIL[unknown.span.start..unknown.span.end],
        "\"read_code\""
    );
}

#[test]
fn a_large_list_streams_and_can_stop() {
    let mut body = String::from("{\"cdrs\":[");
    let n = if cfg!(miri) { 50 } else { 20_000 };
    for i in 0..n {
        if i > 0 {
            body.push(',');
        }
        body.push_str(
            r#"{"start_stamp":"2017-08-03 12:30:32 +0300","duration":"00:01:05","missed":"false"}"#,
        );
    }
    body.push_str("]}");
    let mut sink: Collector<4> = Collector::new();
    let s = read_list(body.as_bytes(), &mut sink, |_| ControlFlow::Continue(()));
    assert_eq!((s.records, s.errors, s.warnings), (n, 0, 0));
    let mut seen = 0;
    let s = read_list(body.as_bytes(), &mut sink, |_| {
        seen += 1;
        if seen == 3 {
            ControlFlow::Break(())
        } else {
            ControlFlow::Continue(())
        }
    });
    assert_eq!((s.records, seen), (3, 3));
}

#[test]
fn list_faults() {
    let mut sink: Collector<32> = Collector::new();
    let s = read_list(
        br#"{"cdrs":[1,{"direction":"Sideways","missed":1}],"pagination":{"page":-1},"x":2}"#,
        &mut sink,
        |_| ControlFlow::Continue(()),
    );
    assert_eq!(
        found(&sink),
        [
            ("json.expected_object", "cdrs[0]"),
            ("cdr.malformed_value", "cdrs[1].direction"),
            ("cdr.malformed_value", "cdrs[1].missed"),
            ("json.expected_integer", "pagination.page"),
            ("json.unknown_key", ""),
        ]
        .map(|(a, b)| (a.to_string(), b.to_string()))
    );
    assert_eq!(s.errors, 2);
    let mut sink: Collector<32> = Collector::new();
    read_list(b"{}", &mut sink, |_| ControlFlow::Continue(()));
    assert_eq!(
        found(&sink),
        [("json.missing_field".to_string(), "cdrs".to_string())]
    );
    let mut sink: Collector<32> = Collector::new();
    assert!(read_detail(br#"{"call_flow":[]}"#, &mut sink, |_| {}).is_none());
}

#[test]
fn queries() {
    let key = "K12345678-1234-5678-4321-123456789012";
    let mut q = Query::new(key);
    assert_eq!(
        q.to_string(),
        "/cdrs?key=K12345678-1234-5678-4321-123456789012"
    );
    q.start_stamp_from = Timestamp::parse("2017-08-03 12:30:32 UTC").ok();
    q.start_stamp_to = Timestamp::parse("2017-09-03 12:30:32 UTC").ok();
    q.recording_present = Some(RecordingFilter::Deleted);
    q.direction = Some(Direction::Inbound);
    q.caller_id_number = Some("+905321234567");
    q.missed = Some(true);
    q.limit = Some(100);
    q.page = Some(2);
    q.check().unwrap();
    assert_eq!(
        q.to_string(),
        "/cdrs?key=K12345678-1234-5678-4321-123456789012&start_stamp_from=2017-08-03%2012:30:32%20UTC&start_stamp_to=2017-09-03%2012:30:32%20UTC&recording_present=deleted&direction=inbound&caller_id_number=%2B905321234567&missed=true&limit=100&page=2"
    );
    let too_long = Query {
        start_stamp_to: Timestamp::parse("2017-09-03 12:30:33 UTC").ok(),
        ..q
    };
    assert_eq!(too_long.check().unwrap_err().code, Code::CdrRangeTooLong);
    let backwards = Query {
        start_stamp_to: Timestamp::parse("2017-08-03 12:30:31 UTC").ok(),
        ..q
    };
    assert_eq!(backwards.check().unwrap_err().code, Code::CdrRangeOrder);
    assert_eq!(
        Query {
            limit: Some(9),
            ..q
        }
        .check()
        .unwrap_err()
        .code,
        Code::CdrLimitRange
    );
    assert_eq!(
        Query {
            limit: Some(101),
            ..q
        }
        .check()
        .unwrap_err()
        .code,
        Code::CdrLimitRange
    );
    assert_eq!(
        Query { page: Some(0), ..q }.check().unwrap_err().code,
        Code::CdrPageRange
    );
    let offset = Query {
        start_stamp_from: Timestamp::parse("2017-08-03 12:30:32 +0300").ok(),
        ..q
    };
    assert_eq!(offset.check().unwrap_err().code, Code::CdrFilterZone);
}
