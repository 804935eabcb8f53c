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
    let form = Form::new(data);
    for p in form.pairs() {
        for e in [p.name, p.value] {
            assert_eq!(data.get(e.span().start..e.span().end), Some(e.raw()));
            let mut buf = vec![0u8; e.raw().len()];
            if let Ok(text) = e.decode_into(&mut buf) {
                assert!(e.eq_str(text));
                assert!(e.check().is_ok());
            } else {
                assert!(e.check().is_err());
            }
        }
    }
    for e in form.errors() {
        assert!(e.span.start <= e.span.end && e.span.end <= data.len());
    }
});
