#![no_main]
#![allow(unused_imports)]
use std::ops::ControlFlow;

use libfuzzer_sys::fuzz_target;
use santral::advisory::{parse_response, AdvisoryRequest};
use santral::campaign::validate_with_duplicates;
use santral::check::{check, Kind, Options};
use santral::crm::parse_settings;
use santral::diag::line_column;
use santral::event::CallEvent;
use santral::form::Form;
use santral::json::{Reader, MAX_DEPTH};
use santral::opencart::parse_request;
use santral::phone::{Format, Options as PhoneOptions, Phone};
use santral::phrase::Phrase;
use santral::report::CampaignReport;
use santral::target::{Target, TargetContext};
use santral::time::Date;
use santral_fuzz::{diagnostics_are_placed, record, verdict_agrees, Dyn};

fuzz_target!(|data: &[u8]| {
    let Ok(s) = std::str::from_utf8(data) else {
        return;
    };
    for ctx in [TargetContext::Campaign, TargetContext::Advisory] {
        match Target::parse(s, ctx) {
            Ok(t) => assert_eq!(t.to_string(), s, "display must round-trip"),
            Err(e) => assert!(
                e.span.end <= s.len()
                    && s.is_char_boundary(e.span.start)
                    && s.is_char_boundary(e.span.end)
            ),
        }
    }
});
