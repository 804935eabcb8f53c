//! Property tests for every builder: whatever a builder accepts parses
//! back clean, with the same values.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)]

use proptest::prelude::*;
use santral::advisory::{parse_response, Action, Prompt, Record, Source, SpeechToText, Transfer};
use santral::campaign::{self, CallType, Header, Lead};
use santral::diag::Counter;
use santral::form::Form;
use santral::json::JsonStr;
use santral::lexical::{Extension, Id, Lang, OnOff};
use santral::phone::Phone;
use santral::target::{Target, TargetContext};
use santral::time::{Date, Time, Weekdays};

fn decode(form: &Form<'_>, name: &str) -> String {
    let v = form.get(name).unwrap().value;
    let mut buf = vec![0u8; v.raw().len()];
    v.decode_into(&mut buf).unwrap().to_string()
}

fn target() -> impl Strategy<Value = String> {
    prop_oneof![
        "(user|group|queue|voicemail)/[0-9]{2,8}",
        "(ivr|announcement)/[1-9][0-9]{0,5}",
        "external/0(532|212|850)[0-9]{7}",
        Just("fax".to_string()),
        "fax/[a-z]{1,8}@[a-z]{1,8}\\.com\\.tr",
        Just("hangup/busy".to_string()),
        "tts/(tr-TR|en-US|ar-XA)/[^\\x00-\\x1f]{1,40}",
    ]
}

fn text() -> impl Strategy<Value = String> {
    "[^\\x00-\\x08]{1,60}"
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 300, ..ProptestConfig::default() })]

    #[test]
    fn transfers_round_trip(t in target(), name in proptest::option::of(text()), caller in 0u64..u64::MAX, rec in proptest::option::of(any::<bool>())) {
        let mut b = Transfer::to(&t).unwrap();
        b.greet_name = name.as_deref().map(JsonStr::text);
        b.announcement_to_caller = Id::new(caller);
        b.recording_enabled = rec;
        b.check().unwrap();
        let json = b.to_string();
        let mut c = Counter::default();
        let Some(Action::Transfer(back)) = parse_response(json.as_bytes(), &mut c) else { panic!("{json}") };
        prop_assert_eq!(c.errors + c.warnings, 0);
        // `target()` borrows only unescaped text; the decoded text always round-trips.
        prop_assert!(back.target.eq_str(&t), "{}", json);
        if let Some(parsed) = back.target() { prop_assert_eq!(parsed.to_string(), t); }
        prop_assert_eq!(back.announcement_to_caller, Id::new(caller));
        prop_assert_eq!(back.recording_enabled, rec);
        prop_assert_eq!(back.recording_enabled_or_default(), rec.unwrap_or(true));
        if let Some(n) = &name { prop_assert!(back.greet_name.unwrap().eq_str(n)); }
    }

    #[test]
    fn prompts_round_trip(min in 1u32..20, extra in 0u32..20, retries in 0u32..9, id in proptest::option::of(1u64..1_000_000), phrase in text(), timeout in proptest::option::of(1u32..=10), param in proptest::option::of("[a-z_][a-z0-9_]{0,20}")) {
        let source = match id { Some(i) => Source::Announcement(Id::new(i).unwrap()), None => Source::Phrase(&phrase) };
        let p = Prompt { announcement_id: source.announcement_id(), phrase: source.phrase(), phrase_speed: Some(1.0), lang: Some(Lang::TrTr), min_digits: min, max_digits: min + extra, timeout, digit_timeout: None, retry_count: retries, service_url: Some(JsonStr::text("https://example.com/x?a=1")), param_name: param.as_deref().map(JsonStr::text) };
        prop_assume!(p.check().is_ok());
        let json = p.to_string();
        let mut c = Counter::default();
        let Some(Action::Prompt(back)) = parse_response(json.as_bytes(), &mut c) else { panic!("{json}") };
        prop_assert_eq!((back.min_digits, back.max_digits, back.retry_count, back.timeout_or_default()), (min, min + extra, retries, timeout.unwrap_or(6)));
        prop_assert_eq!(back.announcement_id.map(|i| i.get()), id);
    }

    #[test]
    fn records_and_stt_round_trip(id in 1u64..u64::MAX, phrase in proptest::option::of(text()), d in proptest::option::of(1u32..=10)) {
        let r = Record { announcement_id: None, phrase: phrase.as_deref().map(JsonStr::text), lang: None };
        let json = r.to_string();
        let mut c = Counter::default();
        prop_assert!(matches!(parse_response(json.as_bytes(), &mut c), Some(Action::Record(_))), "{}", json);
        let s = SpeechToText { announcement_id: Id::new(id).unwrap(), recognation_duration: d };
        let json = s.to_string();
        let Some(Action::SpeechToText(back)) = parse_response(json.as_bytes(), &mut c) else { panic!("{json}") };
        prop_assert_eq!((back.announcement_id.get(), back.recognation_duration_or_default()), (id, d.unwrap_or(10)));
    }

    #[test]
    fn campaigns_round_trip(name in "[^\\x00-\\x1f\"]{1,30}", queue in any::<bool>(), n in 1usize..30, days in 1u8..128, t in target(), hours in (0u32..12, 12u32..24)) {
        prop_assume!(!name.trim().is_empty());
        let mut h = Header::new("K12345678-1234-5678-4321-123456789012", if queue { CallType::Queue } else { CallType::Ivr }, &name);
        if queue { h.queue_number = Extension::parse("0204").ok(); h.thread_multiplier = Some(2); } else { h.targets[3] = Target::parse(&t, TargetContext::Campaign).ok(); }
        h.date_range_begin = Date::from_ymd(2030, 1, 1);
        h.time_range_begin = Time::from_hm(hours.0, 0);
        h.time_range_end = Time::from_hm(hours.1, 30);
        let mut w = Weekdays::EMPTY;
        for d in 1..=7 { if days & (1 << (d - 1)) != 0 { let _ = w.add(d); } }
        h.active_days = Some(w);
        let phones: Vec<String> = (0..n).map(|i| format!("0532{:07}", i * 7919)).collect();
        let leads: Vec<Lead<'_>> = phones.iter().map(|p| Lead { phone: p, phrase: Some("#1 01/01/2030 2.5"), lang: Some(Lang::EnUs) }).collect();
        let mut json = String::new();
        campaign::write(&mut json, &h, leads.iter().copied()).unwrap();
        let mut c = Counter::default();
        let s = campaign::validate(json.as_bytes(), &campaign::Options::default(), &mut c);
        prop_assert_eq!((c.errors, c.warnings), (0, 0), "{}", json);
        prop_assert_eq!(s.leads, n as u64);
        prop_assert_eq!(s.weekdays, w);
    }

    #[test]
    fn logo_bodies_round_trip(uuid in "[0-9A-Za-z-]{1,64}", ext in "[0-9]{2,8}", caller in "0532[0-9]{7}", key in 1u32..=3) {
        let body = format!("event_type=answer&direction=inbound&caller_id_number={caller}&connected_user={ext}&call_uuid={uuid}");
        let mut c = Counter::default();
        let event = santral::event::CallEvent::parse(body.as_bytes(), &mut c).unwrap();
        let opts = santral::logo::LogoOptions { keypress: santral::logo::Keypress::parse(&key.to_string()).unwrap(), ..Default::default() };
        let json = santral::logo::from_event(&event, &opts).unwrap().unwrap().to_string();
        let back = santral::logo::parse(json.as_bytes(), &mut c).unwrap();
        prop_assert_eq!(c.errors, 0);
        prop_assert!(back.call_unique_id.eq_str(&uuid) && back.extension.eq_str(&ext));
        prop_assert_eq!(back.caller_id, Phone::parse(&caller).unwrap());
    }

    #[test]
    fn request_builders_round_trip(key in "[!-~]{1,64}", dest in "0(532|212|850)[0-9]{7}", timeout in 10u32..=60, url in "https://[a-z]{1,10}\\.com/[a-z?=&]{0,20}") {
        let o = santral::originate::Originate { timeout: Some(timeout), ..santral::originate::Originate::new(&key, Extension::parse("1001").unwrap(), Phone::parse(&dest).unwrap()) };
        prop_assume!(o.check().is_ok());
        let q = o.to_string();
        let form = Form::query(q.split_once('?').unwrap().1.as_bytes());
        prop_assert_eq!(decode(&form, "key"), key.clone());
        prop_assert_eq!(Phone::parse(&decode(&form, "destination")).unwrap(), Phone::parse(&dest).unwrap());
        let u = santral::crm::Update { key: &key, ringing: Some(OnOff::On), answered: None, hangup: Some(OnOff::Off), notification_url: &url };
        let body = u.to_string();
        let form = Form::new(body.as_bytes());
        prop_assert_eq!(decode(&form, "notification_url"), url.clone());
        prop_assert_eq!(decode(&form, "key"), key.clone());
        let id = Id::new(u64::from(timeout)).unwrap();
        let del = santral::api::Request::DeleteCampaign { key: &key, id }.target().to_string();
        let form = Form::query(del.split_once('?').unwrap().1.as_bytes());
        prop_assert_eq!(decode(&form, "key"), key.clone());
        let cdr = santral::cdr::Query { caller_id_number: Some(&dest), limit: Some(timeout), ..santral::cdr::Query::new(&key) };
        let q = cdr.to_string();
        let form = Form::query(q.split_once('?').unwrap().1.as_bytes());
        prop_assert_eq!(decode(&form, "caller_id_number"), dest.clone());
        prop_assert_eq!(decode(&form, "key"), key);
    }
}

mod pbx_side {
    use super::*;
    use santral::cdr::{list_json, read_list, Lenient, Pagination, Record};
    use santral::event::{CallEvent, Cause, Direction, EventType, HangupCause};
    use santral::form::Encoded;
    use santral::json::JsonStr;
    use santral::report::{CampaignReport, Digit};
    use santral::time::{Duration, Timestamp, Zone};
    use std::ops::ControlFlow;

    fn stamp() -> impl Strategy<Value = i64> {
        // 1970 .. 2100
        0i64..4_102_444_800
    }

    fn digit() -> impl Strategy<Value = Digit> {
        let key = prop_oneof![proptest::char::range('0', '9'), Just('*'), Just('#')];
        prop_oneof![
            Just(Digit::NotStarted),
            Just(Digit::NoKey),
            key.clone().prop_map(Digit::Pressed),
            key.prop_map(Digit::Invalid),
        ]
    }

    proptest! {
        #![proptest_config(ProptestConfig { cases: 300, ..ProptestConfig::default() })]

        #[test]
        fn unix_time_round_trips(t in stamp(), offset in -720i16..=840) {
            for zone in [Zone::Utc, Zone::Offset(offset), Zone::Unspecified] {
                let ts = Timestamp::from_unix(t, zone).unwrap();
                prop_assert_eq!(ts.unix_seconds(), t);
                prop_assert_eq!(Timestamp::parse(&ts.to_string()).unwrap(), ts);
            }
        }

        #[test]
        fn report_forms_round_trip(name in text(), status in text(), uuid in "[0-9A-Za-z-]{1,64}", phone in "0(532|212|850)[0-9]{7}", d in digit(), t in stamp(), ids in proptest::array::uniform4(1u64..u64::MAX)) {
            let form = CampaignReport {
                notification_id: Id::new(ids[0]).unwrap(),
                notification_date: Timestamp::from_unix(t, Zone::Utc),
                domain_id: Id::new(ids[1]),
                ivr_campaign_id: Id::new(ids[2]),
                ivr_campaign_name: Some(Encoded::text(&name)),
                ivr_lead_id: Id::new(ids[3]),
                phone: Phone::parse(&phone).ok(),
                digit: d,
                status: Encoded::text(&status),
                call_uuid: Some(Encoded::text(&uuid)),
            };
            let body = form.form().to_string();
            let mut c = Counter::default();
            let back = CampaignReport::parse(body.as_bytes(), &mut c).unwrap();
            prop_assert_eq!(c.errors + c.warnings, 0, "{}", body);
            prop_assert!(back.ivr_campaign_name.unwrap().eq_str(&name));
            prop_assert!(back.status.eq_str(&status));
            prop_assert_eq!(back.digit, d);
            prop_assert_eq!(back.phone, form.phone);
            prop_assert_eq!(back.notification_date, form.notification_date);
            prop_assert_eq!(back.ivr_lead_id, form.ivr_lead_id);
        }

        #[test]
        fn event_forms_round_trip(kind in 0usize..4, dir in 0usize..3, caller in "0(532|212)[0-9]{7}", ext in "[1-9][0-9]{1,3}", uuid in "[0-9A-Za-z-]{1,64}", t in stamp(), talk in 0u32..100_000, queue in proptest::option::of(text()), cause in 0usize..34, answered in any::<bool>()) {
            let event_type = EventType::ALL[kind];
            let ext = Phone::parse_with(&ext, santral::phone::Options::EXTENSION_FIRST).unwrap();
            let at = |s: i64| Timestamp::from_unix(s, Zone::Unspecified);
            let mut form = CallEvent::new(event_type, Direction::ALL[dir], Encoded::text(&uuid));
            form.caller_id_number = Phone::parse(&caller).ok();
            form.destination_number = Some(ext);
            form.dialed_user = Some(ext);
            form.connected_user = Some(ext);
            form.start_stamp = at(t);
            form.answer_stamp = at(t + 5);
            form.end_stamp = at(t + 5 + i64::from(talk));
            form.duration = Some(Duration { seconds: talk });
            form.answered = Some(answered);
            form.recording_present = Some(!answered);
            form.queue = queue.as_deref().map(Encoded::text);
            form.queue_wait_duration = Some(Duration { seconds: talk % 600 });
            form.hangup_cause = Some(Cause::Known(HangupCause::ALL[cause]));
            let body = form.form().to_string();
            let mut c = Counter::default();
            let back = CallEvent::parse(body.as_bytes(), &mut c).unwrap();
            prop_assert_eq!(c.errors + c.warnings, 0, "{}", body);
            prop_assert_eq!(back.event_type, event_type);
            prop_assert!(back.call_uuid.eq_str(&uuid));
            prop_assert_eq!(back.caller_id_number, form.caller_id_number);
            prop_assert_eq!(back.start_stamp, form.start_stamp);
            if event_type.fields().contains(&santral::event::Field::Duration) {
                prop_assert_eq!(back.duration, form.duration);
                prop_assert_eq!(back.answered, Some(answered));
                prop_assert_eq!(back.hangup_cause, Some(Cause::Known(HangupCause::ALL[cause])));
                prop_assert_eq!(back.queue_wait_duration, form.queue_wait_duration);
            }
        }

        #[test]
        fn cdr_records_round_trip(t in stamp(), talk in 0u32..100_000, caller in "0(532|212)[0-9]{7}", name in "[^\"\\\\\\x00-\\x1f]{0,30}", missed in any::<bool>(), total in 0u64..1000, limit in 10u32..=100, page in 1u32..20) {
            let at = |s: i64| Timestamp::from_unix(s, Zone::Offset(180)).unwrap();
            let r = Record {
                start_stamp: Lenient::Value(at(t)),
                answer_stamp: if missed { Lenient::Absent } else { Lenient::Value(at(t + 3)) },
                end_stamp: Lenient::Value(at(t + 3 + i64::from(talk))),
                direction: Lenient::Value(santral::cdr::CdrDirection::GidenIvr),
                caller_id_number: Lenient::Value(Phone::parse(&caller).unwrap()),
                caller_id_name: JsonStr::plain(&name),
                duration: Lenient::Value(Duration { seconds: talk + 3 }),
                talk_duration: Lenient::Value(Duration { seconds: talk }),
                missed: Lenient::Value(missed),
                return_uuid: Lenient::Null,
                recording_present: Lenient::Value(false),
                call_uuid: JsonStr::plain("5cfdfb46-776c"),
                ..Record::default()
            };
            let (p, _) = Pagination::of(total, limit, page);
            let json = list_json(&[r, r], &p).to_string();
            let mut c = Counter::default();
            let mut back = Vec::new();
            let summary = read_list(json.as_bytes(), &mut c, |x| { back.push(*x); ControlFlow::Continue(()) });
            prop_assert_eq!(c.errors + c.warnings, 0, "{}", json);
            prop_assert_eq!(summary.pagination, Some(p));
            prop_assert_eq!(back.len(), 2);
            prop_assert_eq!(back[0].start_stamp, r.start_stamp);
            prop_assert_eq!(back[0].talk_duration, r.talk_duration);
            prop_assert_eq!(back[0].missed, r.missed);
            prop_assert_eq!(back[0].caller_id_number, r.caller_id_number);
            prop_assert_eq!(back[0].return_uuid, Lenient::Null);
            prop_assert!(back[0].caller_id_name.is_some_and(|n| n.eq_str(&name)));
        }

        #[test]
        fn crm_settings_round_trip(flags in proptest::array::uniform3(any::<bool>()), url in "https://[a-z]{1,10}\\.com/[a-z\"\\\\?=&]{0,20}") {
            let f = flags.map(|b| if b { OnOff::On } else { OnOff::Off });
            let json = santral::crm::settings_json(f, &url).to_string();
            let mut c = Counter::default();
            let s = santral::crm::parse_settings(json.as_bytes(), &mut c);
            prop_assert_eq!(c.errors, 0, "{}", json);
            let s = s.unwrap();
            prop_assert_eq!([s.ringing, s.answered, s.hangup], f);
            prop_assert!(s.notification_url.eq_str(&url));
        }
    }
}
