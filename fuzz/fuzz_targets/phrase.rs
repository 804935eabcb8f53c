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
    let mut last = 0;
    for t in Phrase::new(s).tokens() {
        let span = match t {
            Ok(tok) => tok.span,
            Err(e) => e.span,
        };
        assert!(span.start >= last && span.start <= span.end && span.end <= s.len());
        assert!(s.get(span.start..span.end).is_some());
        last = span.start;
    }
});
