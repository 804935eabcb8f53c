//! Auto-dial campaigns (SPEC §6, `ivr_campaigns.md`): validate the JSON an
//! integrator POSTs to `/ivr_campaigns.json`, summarise it, build it, and
//! the delete and stop/start requests are in [`crate::api`].
//!
//! Validation streams: one pass, fixed memory ([`Validator`] is a few
//! kilobytes whether the campaign has one lead or a million), every problem
//! reported with its path (`phone_list[1].phone`, `digit_target_7`,
//! `active_days[2]`, `iys_brand_code`).
//!
//! ```
//! use santral::campaign::{validate, Options, CallType};
//! use santral::diag::Collector;
//!
//! let body = br#"{"key": "K12345678-1234-5678-4321-123456789012", "call_type": "queue",
//!   "name": "Queue Test (API)", "queue_number": 204, "thread_multiplier": 1,
//!   "phone_list": [{"phone": "05512369874"}, {"phone": "0551236987"}]}"#;
//! let mut sink: Collector<8> = Collector::new();
//! let summary = validate(body, &Options::default(), &mut sink);
//! assert_eq!(summary.call_type, Some(CallType::Queue));
//! assert_eq!(summary.leads, 2);
//! let d = &sink.diagnostics()[0];
//! assert_eq!((d.code.id(), d.path.to_string().as_str()), ("phone.too_short", "phone_list[1].phone"));
//! ```

use crate::diag::Code;
use crate::lexical::Lang;
use crate::time::Date;
use crate::wire::Shape;

crate::wire_enum! {
    /// The kind of campaign.
    pub enum CallType: Code::CampaignCallType {
        /// Play an announcement or phrase and route by the key pressed.
        Ivr = "ivr",
        /// Predictive dialling into a queue of agents.
        Queue = "queue",
    }
}

crate::wire_enum! {
    /// `iys_recipient_type` of a commercial campaign.
    pub enum IysRecipientType: Code::CampaignIysRecipientType {
        /// `BIREYSEL`: individuals.
        Bireysel = "BIREYSEL",
        /// `TACIR`: merchants.
        Tacir = "TACIR",
    }
}

/// The longest string value decoded for checking (a TTS phrase or a
/// target with escapes); longer ones are reported as too long.
const TEXT_MAX: usize = 1280;

crate::fields! {
    /// Every field of a campaign request, declared once (slot = position).
    pub enum Field {
        /// API key.
        Key = "key" required,
        /// `ivr` or `queue`.
        CallType = "call_type" required,
        /// Campaign name.
        Name = "name" required,
        /// Queue campaigns: the queue.
        QueueNumber = "queue_number",
        /// Queue campaigns: calls per agent.
        ThreadMultiplier = "thread_multiplier",
        /// Most simultaneous calls.
        MaxThreadCount = "max_thread_count",
        /// First day.
        DateRangeBegin = "date_range_begin",
        /// Last day.
        DateRangeEnd = "date_range_end",
        /// Daily start.
        TimeRangeBegin = "time_range_begin",
        /// Daily end.
        TimeRangeEnd = "time_range_end",
        /// Weekdays.
        ActiveDays = "active_days",
        /// Seconds to ring.
        RingTimeout = "ring_timeout",
        /// Caller id.
        Cli = "cli",
        /// Ivr: the announcement played first.
        WelcomeAnnouncementId = "welcome_announcement_id",
        /// Redials.
        CallRetries = "call_retries",
        /// Ivr: menu repeats.
        DigitRetries = "digit_retries",
        /// Ivr: seconds to wait for a key.
        DigitTimeout = "digit_timeout",
        /// Where reports are POSTed.
        WebhookUrl = "webhook_url",
        /// Target of key 0.
        DigitTarget0 = "digit_target_0",
        /// Target of key 1.
        DigitTarget1 = "digit_target_1",
        /// Target of key 2.
        DigitTarget2 = "digit_target_2",
        /// Target of key 3.
        DigitTarget3 = "digit_target_3",
        /// Target of key 4.
        DigitTarget4 = "digit_target_4",
        /// Target of key 5.
        DigitTarget5 = "digit_target_5",
        /// Target of key 6.
        DigitTarget6 = "digit_target_6",
        /// Target of key 7.
        DigitTarget7 = "digit_target_7",
        /// Target of key 8.
        DigitTarget8 = "digit_target_8",
        /// Target of key 9.
        DigitTarget9 = "digit_target_9",
        /// Target of `*`.
        DigitTargetStar = "digit_target_star",
        /// Target of `#`.
        DigitTargetSquare = "digit_target_square",
        /// Target when no key is pressed.
        TimeoutTarget = "timeout_target",
        /// Target of a key without a target.
        InvalidTarget = "invalid_target",
        /// Commercial (İYS) campaign.
        IsCommercial = "is_commercial",
        /// İYS recipient type.
        IysRecipientType = "iys_recipient_type",
        /// İYS brand code.
        IysBrandCode = "iys_brand_code",
        /// Record from the start.
        RecordingEnabled = "recording_enabled",
        /// The leads.
        PhoneList = "phone_list" required,
    }
}

crate::fields! {
    /// The fields of a lead in `phone_list`.
    pub enum LeadField {
        /// The number (strict form).
        Phone = "phone" required,
        /// The TTS phrase read to this lead.
        Phrase = "phrase",
        /// The phrase's language.
        Lang = "lang",
    }
}

impl Field {
    /// The field's JSON type and rule (the reader takes its bounds from
    /// here; the OpenAPI document's campaign schema is written from it).
    pub const fn shape(self) -> Shape {
        use Field as F;
        match self {
            F::Key => Shape::Key,
            F::CallType => Shape::Choice(CallType::NAMES),
            F::Name => Shape::Name,
            F::QueueNumber => Shape::Extension,
            F::ThreadMultiplier | F::MaxThreadCount => Shape::Int {
                min: 1,
                max: i64::MAX,
            },
            F::RingTimeout => Shape::Int { min: 25, max: 60 },
            F::CallRetries | F::DigitRetries => Shape::Int {
                min: 0,
                max: i64::MAX,
            },
            F::DigitTimeout => Shape::Int { min: 1, max: 10 },
            F::DateRangeBegin | F::DateRangeEnd => Shape::Day,
            F::TimeRangeBegin | F::TimeRangeEnd => Shape::Clock,
            F::ActiveDays => Shape::Weekdays,
            F::Cli => Shape::Phone,
            F::WelcomeAnnouncementId => Shape::Id,
            F::WebhookUrl => Shape::Url,
            F::IsCommercial => Shape::Bool,
            F::IysRecipientType => Shape::Choice(IysRecipientType::NAMES),
            F::IysBrandCode => Shape::Name,
            F::RecordingEnabled => Shape::Boolish,
            F::PhoneList => Shape::List {
                fields: &LEAD_SHAPES,
            },
            _ => Shape::Target,
        }
    }

    /// The bounds of an [`Shape::Int`] field (`(0, 0)` for any other).
    const fn bounds(self) -> (i64, i64) {
        match self.shape() {
            Shape::Int { min, max } => (min, max),
            _ => (0, 0),
        }
    }
}

/// A lead's fields: wire name, required, shape.
pub const LEAD_SHAPES: [(&str, bool, Shape); 3] = [
    (
        LeadField::Phone.name(),
        LeadField::Phone.is_required(),
        Shape::Phone,
    ),
    (
        LeadField::Phrase.name(),
        LeadField::Phrase.is_required(),
        Shape::Phrase,
    ),
    (
        LeadField::Lang.name(),
        LeadField::Lang.is_required(),
        Shape::Choice(Lang::NAMES),
    ),
];

/// Where the 14 target fields start in [`Field`].
const FIRST_TARGET: usize = Field::DigitTarget0.index();

/// The 14 target keys, in the vendor's order (slots of [`Field`]).
#[allow(clippy::indexing_slicing)] // Evaluated at compile time: an index out of range fails the build.
pub const TARGET_KEYS: [&str; 14] = {
    let mut keys = [""; 14];
    let mut i = 0;
    while i < 14 {
        keys[i] = Field::NAMES[FIRST_TARGET + i];
        i += 1;
    }
    keys
};

/// The key a lead presses for each of the first 12 [`TARGET_KEYS`]
/// (`digit_target_0` … `digit_target_9`, `_star`, `_square`); the last
/// two targets are for no key (`timeout_target`) and a key without a
/// target (`invalid_target`).
pub const KEY_PRESSES: [char; 12] = ['0', '1', '2', '3', '4', '5', '6', '7', '8', '9', '*', '#'];

/// Every key a campaign defines (the wire names of [`Field`]).
pub const KEYS: [&str; 37] = Field::NAMES;

/// Keys of a lead in `phone_list`.
pub const LEAD_KEYS: [&str; 3] = LeadField::NAMES;

/// How many distinct announcement ids a summary keeps.
pub const SUMMARY_ANNOUNCEMENTS: usize = 16;

/// Validation options.
#[derive(Clone, Copy, Debug, Default)]
pub struct Options {
    /// Today, for the vendor's default `date_range_begin` (the core has no
    /// clock). Without it, the window is only checked when both dates are given.
    pub today: Option<Date>,
}

mod build;
mod stream;
mod validate;

pub use build::*;
pub use stream::*;
pub use validate::*;

#[cfg(test)]
mod tests;
