//! santral on a Cortex-M: validate the campaign held in flash, print the
//! verdict over semihosting, exit 0 when it is the expected one.
#![no_std]
#![no_main]

use cortex_m_rt::entry;
use cortex_m_semihosting::{debug, hprintln};
use santral::check::{check_into, Kind, Options, Report, Value};
use santral::diag::Counter;

/// A vendor example campaign (core/tests/vendor), stored in flash.
static CAMPAIGN: &[u8] = include_bytes!("../../core/tests/vendor/campaign_queue_seed004.json");

#[entry]
fn main() -> ! {
    let mut counter = Counter::default();
    // black_box: every payload kind stays linked, as in firmware that checks
    // whatever arrives (the size report measures that).
    let kind = core::hint::black_box(Kind::Campaign);
    // check_into: the report lives here, once (check by value would hold
    // two more copies of it on the stack while returning it).
    let mut report = Report::empty(kind);
    check_into(
        &mut report,
        kind,
        CAMPAIGN,
        &Options::default(),
        &mut counter,
    );
    let leads = match report.get("leads") {
        Some(Value::Int(n)) => *n,
        _ => 0,
    };
    hprintln!(
        "santral on Cortex-M: campaign {} ({} leads, {} errors, {} warnings)",
        if report.valid { "valid" } else { "invalid" },
        leads,
        report.errors,
        report.warnings
    );
    let expected = report.valid && leads == 2;
    debug::exit(if expected {
        debug::EXIT_SUCCESS
    } else {
        debug::EXIT_FAILURE
    });
    loop {
        cortex_m::asm::wfi();
    }
}

#[panic_handler]
fn panic(_: &core::panic::PanicInfo) -> ! {
    debug::exit(debug::EXIT_FAILURE);
    loop {
        cortex_m::asm::wfi();
    }
}
