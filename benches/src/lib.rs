//! Deterministic inputs shared by the benchmarks and the allocation test.
#![allow(
    clippy::unwrap_used,
    clippy::indexing_slicing,
    clippy::arithmetic_side_effects
)]

/// A deterministic corpus of Turkish numbers in every form the PBX sends.
pub fn phone_corpus(n: usize) -> Vec<String> {
    let mut x: u64 = 0x2545_f491_4f6c_dd1d;
    let prefixes = [
        "532", "505", "542", "212", "216", "312", "850", "800", "444", "512",
    ];
    (0..n)
        .map(|i| {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            let p = prefixes[(x % prefixes.len() as u64) as usize];
            let rest = format!("{:07}", (x >> 8) % 10_000_000);
            if p == "444" {
                return format!("444{}", &rest[..4]);
            }
            match i % 5 {
                0 => format!("0{p}{rest}"),
                1 => format!("90{p}{rest}"),
                2 => format!("+90{p}{rest}"),
                3 => format!("{p}{rest}"),
                _ => format!("0090{p}{rest}"),
            }
        })
        .collect()
}

/// The advisory `transfer` every transfer workload builds from a target
/// checked once: a greeting name, a language and an announcement.
#[inline]
pub fn transfer(target: santral::json::JsonStr<'static>) -> santral::advisory::Transfer<'static> {
    let mut t = santral::advisory::Transfer::new(target);
    t.greet_name = Some(santral::json::JsonStr::text("Ahmet Yılmaz"));
    t.lang = Some(santral::lexical::Lang::TrTr);
    t.announcement_to_caller = santral::lexical::Id::new(12345);
    t
}

/// A campaign request with `leads` leads, every one with a phrase.
pub fn campaign(leads: usize) -> String {
    let mut s = String::from(
        r#"{"key":"K12345678-1234-5678-4321-123456789012","call_type":"ivr","name":"Bench","date_range_begin":"2030-01-01","time_range_begin":"09:00","time_range_end":"18:00","active_days":[1,2,3,4,5],"welcome_announcement_id":128,"digit_target_1":"queue/201","digit_target_2":"tts/tr-TR/Bu bir test cümlesidir.","phone_list":["#,
    );
    for i in 0..leads {
        if i > 0 {
            s.push(',');
        }
        s.push_str(&format!(r##"{{"phone":"0532{:07}","phrase":"#456 15/11/2017 #457 73.56 #458","lang":"tr-TR"}}"##, i % 10_000_000));
    }
    s.push_str("]}");
    s
}

/// The vendor's call-event example, a hangup with every field.
pub const CALL_EVENT: &str = "event_type=hangup&domain_id=101&direction=inbound&caller_id_number=02123205062&outbound_caller_id_number=&destination_number=1001&dialed_user=1001&connected_user=1001&call_uuid=651f8a68-782e-11g7-a6b6-5bedc26e2ab3&start_stamp=2016-01-01 00:00:00&answer_stamp=2016-01-01 00:00:05&end_stamp=2016-01-01 00:01:10&duration=65&recording_present=true&answered=true&queue=201&queue_wait_duration=4&sip_hangup_disposition=callee&hangup_cause=NORMAL_CLEARING";

/// One input of every payload kind `check` reads: a generated campaign of
/// `leads` leads, then the vendor's examples (`core/tests/vendor/`,
/// `examples/order-sync.env`) and small forms of the webhook kinds.
pub fn every_kind(leads: usize) -> Vec<(santral::check::Kind, Vec<u8>)> {
    use santral::check::Kind;
    let root = env!("CARGO_MANIFEST_DIR");
    let read = |f: &str| std::fs::read(format!("{root}/../{f}")).unwrap();
    let vendor = |f: &str| read(&format!("core/tests/vendor/{f}"));
    vec![
        (Kind::Campaign, campaign(leads).into_bytes()),
        (Kind::Campaign, vendor("campaign_ivr_seed004.json")),
        (Kind::CallEvent, CALL_EVENT.as_bytes().to_vec()),
        (
            Kind::CampaignReport,
            "notification_id=5&phone=905321234567&digit=2&status=Başarılı"
                .as_bytes()
                .to_vec(),
        ),
        (
            Kind::AdvisoryRequest,
            b"uuid=u&cli=05301234567&cld=08505321234&step=2&digits=12".to_vec(),
        ),
        (Kind::AdvisoryResponse, vendor("advisory_prompt_1.json")),
        (Kind::AdvisoryResponse, vendor("advisory_transfer_1.json")),
        (Kind::CrmSettings, vendor("crm_settings.json")),
        (Kind::LogoCrm, vendor("logo_seed003_1.json")),
        (
            Kind::OpencartRequest,
            b"route=api/verimor/update_order_status&order_id=4&status=99".to_vec(),
        ),
        (
            Kind::OpencartReply,
            br#"[[{"order_id":"3","telephone":"0533 497 97 14","payment_method":"Kap\u0131da \u00d6deme","order_status_id":"1"},{"order_id":4,"telephone":"yok"}]]"#.to_vec(),
        ),
        (Kind::OrderSyncSettings, read("examples/order-sync.env")),
        (Kind::CdrList, vendor("cdr_list.json")),
        (Kind::CdrDetail, vendor("cdr_detail.json")),
    ]
}

/// The Rust examples of the README and the book, run as this crate's
/// doctests (`cargo test` runs them; `scripts/readme_blocks.py` checks that
/// every page with a Rust block is included here).
#[cfg(doctest)]
#[doc = include_str!("../../README.md")]
pub struct ReadmeDoctests;

macro_rules! book_doctests {
    ($($name:ident = $page:literal),+ $(,)?) => {$(
        #[cfg(doctest)]
        #[doc = include_str!($page)]
        pub struct $name;
    )+};
}

book_doctests! {
    BookRust = "../../docs/src/getting-started/rust.md",
    BookDiagnostics = "../../docs/src/reference/diagnostics.md",
    BookMessages = "../../docs/src/reference/messages.md",
    BookPhoneNumbers = "../../docs/src/reference/phone-numbers.md",
    BookFirmware = "../../docs/src/getting-started/firmware.md",
    BookTrOther = "../../docs/src/tr/baslarken/diger.md",
}
