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
    let (valid, found) = record(|sink| {
        let mut sink = Dyn(sink);
        parse_settings(data, &mut sink).is_some()
    });
    diagnostics_are_placed(data, &found);
    verdict_agrees(valid, &found);
});
