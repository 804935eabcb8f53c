//! The simulated PBX: its state (campaigns, calls, call records, CRM
//! settings, the clock) and what each operation and each moment does to
//! it. Every body it answers or sends is written by the core, and every
//! webhook body is checked by the core before it leaves.

use std::cmp::Reverse;
use std::collections::{BTreeMap, BinaryHeap, HashMap};
use std::time::Instant;

use santral::campaign::{self, CallType};
use santral::cdr::{self, CdrDirection, FlowStep, Lenient, Pagination, Query, Record};
use santral::diag::Counter;
use santral::event::{CallEvent, Cause, Direction, EventType, HangupCause};
use santral::form::Encoded;
use santral::json::JsonStr;
use santral::lexical::{Id, OnOff};
use santral::originate::Originate;
use santral::phone::{Options as PhoneOptions, Phone};
use santral::report::CampaignReport;
use santral::time::{Date, Duration, Timestamp, Weekdays, Window, Zone, TURKEY};

use super::office::{Office, Reply};
use super::outcome::{self, Outcome};
use super::rng::Rng;
use super::store::{CampaignRow, LeadRow, Snapshot, Store};
use santral::api::route::Routed;

/// The id the vendor's page shows for a new campaign: the first one here.
pub(crate) const FIRST_CAMPAIGN_ID: u64 = 20212;
/// The PBX's id in every webhook (the vendor's report example).
pub(crate) const DOMAIN_ID: u64 = 429;
/// The PBX's outside number, shown when a campaign has no `cli`.
pub(crate) const PBX_NUMBER: &str = "902129630131";
/// A lead that did not answer is dialled again this much later.
pub(crate) const RETRY_DELAY_MS: i64 = 10 * 60 * 1000;
/// Simultaneous calls of a campaign without `max_thread_count` (the
/// PBX's "Otomatik Arama Kanal Sayısı").
pub(crate) const DEFAULT_CHANNELS: u64 = 2;
/// Ring time of a campaign without `ring_timeout`, and of originate
/// without `timeout` (the vendor's default).
pub(crate) const DEFAULT_RING_S: u64 = 30;
/// `digit_timeout` when absent (the vendor's default).
pub(crate) const DEFAULT_DIGIT_TIMEOUT_S: u64 = 4;

/// The simulated clock, in Unix milliseconds. At speed 0 it stands still
/// and jumps to each next event ("as fast as possible").
#[derive(Debug)]
pub(crate) struct Clock {
    speed: f64,
    real0: Instant,
    sim0_ms: i64,
}

impl Clock {
    pub(crate) fn new(speed: f64, start_ms: i64) -> Clock {
        Clock {
            speed,
            real0: Instant::now(),
            sim0_ms: start_ms,
        }
    }

    pub(crate) fn now_ms(&self) -> i64 {
        if self.speed <= 0.0 {
            return self.sim0_ms;
        }
        let real = self.real0.elapsed().as_secs_f64() * 1000.0;
        self.sim0_ms + (real * self.speed) as i64
    }

    /// Moves a standing clock forward to `t`.
    pub(crate) fn advance_to(&mut self, t: i64) {
        if self.speed <= 0.0 && t > self.sim0_ms {
            self.sim0_ms = t;
        }
    }

    /// Real time until the simulated moment `t` (zero when it has come, or
    /// at speed 0).
    pub(crate) fn real_wait(&self, t: i64) -> std::time::Duration {
        if self.speed <= 0.0 {
            return std::time::Duration::ZERO;
        }
        let ms = ((t - self.now_ms()) as f64 / self.speed).max(0.0);
        std::time::Duration::from_micros((ms * 1000.0) as u64)
    }

    /// The local date on the PBX.
    pub(crate) fn today(&self) -> Option<Date> {
        Timestamp::from_unix(self.now_ms().div_euclid(1000), TURKEY).map(|t| t.date)
    }
}

/// A stamp in the PBX's local time, written with `zone`.
pub(crate) fn stamp(ms: i64, zone: Zone) -> Option<Timestamp> {
    let secs = ms.div_euclid(1000);
    match zone {
        // Call events carry local time without a zone.
        Zone::Unspecified => Timestamp::from_unix(secs, TURKEY).map(|t| Timestamp {
            zone: Zone::Unspecified,
            ..t
        }),
        z => Timestamp::from_unix(secs, z),
    }
}

/// Decodes a JSON string's text.
fn decode(s: JsonStr<'_>) -> String {
    let mut buf = vec![0u8; s.raw().len()];
    santral::json::text(s, &mut buf)
        .map(str::to_owned)
        .unwrap_or_default()
}

/// `on` or `off`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Status {
    On,
    Off,
}

/// One number of a campaign.
#[derive(Clone, Debug)]
pub(crate) struct Lead {
    pub id: u64,
    pub phone: Phone,
    pub attempts: u64,
    pub done: bool,
    pub next_ms: i64,
    pub busy: bool,
}

/// A campaign as the PBX runs it (its values read by the core).
#[derive(Clone, Debug)]
pub(crate) struct Campaign {
    pub id: u64,
    pub body: String,
    pub name: String,
    pub call_type: CallType,
    pub webhook_url: Option<String>,
    pub window: Window,
    pub weekdays: Weekdays,
    pub targets: u16,
    pub channels: u64,
    pub retries: u64,
    pub ring_s: u64,
    pub digit_timeout_s: u64,
    pub cli: Option<Phone>,
    pub status: Status,
    pub leads: Vec<Lead>,
    pub active: u64,
    pub finished: bool,
    /// The PBX's date when it was created (the default first day).
    pub created: Date,
    /// The id of its first lead (the others follow).
    pub first_lead: u64,
}

impl Campaign {
    /// Reads a campaign body the core accepted (a state file's, on
    /// restore). `first_lead` numbers its leads.
    pub(crate) fn from_body(id: u64, body: &str, today: Date, first_lead: u64) -> Campaign {
        let mut phones = Vec::new();
        let c = campaign::read(
            body.as_bytes(),
            &campaign::Options { today: Some(today) },
            &mut [],
            &mut Counter::default(),
            &mut |_, p| phones.push(p),
        );
        let mut campaign = Campaign::from_read(&c, phones, today);
        campaign.id = id;
        campaign.body = body.to_owned();
        campaign.number_leads(first_lead);
        campaign
    }

    /// A campaign from the core's reading of its body (its values and its
    /// leads' phones), before it has an id, a body and lead ids.
    pub(crate) fn from_read(
        c: &campaign::Campaign<'_>,
        phones: Vec<Phone>,
        today: Date,
    ) -> Campaign {
        let window = c
            .summary
            .window
            .unwrap_or_else(|| Window::resolve(today, None, None, None, None));
        let leads = phones
            .into_iter()
            .map(|phone| Lead {
                id: 0,
                phone,
                attempts: 0,
                done: false,
                next_ms: 0,
                busy: false,
            })
            .collect();
        let channels = c.max_thread_count.unwrap_or(DEFAULT_CHANNELS);
        let call_type = c.summary.call_type.unwrap_or(CallType::Ivr);
        Campaign {
            id: 0,
            body: String::new(),
            name: c.name.map(decode).unwrap_or_default(),
            call_type,
            webhook_url: c.webhook_url.map(decode),
            window,
            weekdays: c.summary.weekdays,
            targets: c.summary.targets,
            // A queue campaign dials thread_multiplier calls per free agent;
            // the simulator has one agent.
            channels: match (call_type, c.thread_multiplier) {
                (CallType::Queue, Some(m)) => channels.min(m.max(1)),
                _ => channels,
            }
            .max(1),
            retries: c.call_retries.unwrap_or(0),
            ring_s: c.ring_timeout.unwrap_or(DEFAULT_RING_S),
            digit_timeout_s: c.digit_timeout.unwrap_or(DEFAULT_DIGIT_TIMEOUT_S),
            cli: c.cli,
            status: Status::On,
            leads,
            active: 0,
            finished: false,
            created: today,
            first_lead: 0,
        }
    }

    fn number_leads(&mut self, first_lead: u64) {
        self.first_lead = first_lead;
        for (i, l) in self.leads.iter_mut().enumerate() {
            l.id = first_lead + i as u64;
        }
    }

    fn outstanding(&self) -> usize {
        self.leads.iter().filter(|l| !l.done).count()
    }
}

/// What the simulator keeps of a campaign while the core reads it (the
/// body is read once: the core's reader hands over each lead's phone and
/// the accepted campaign's values).
#[derive(Debug)]
pub(crate) struct CampaignReading {
    today: Date,
    phones: std::cell::RefCell<Vec<Phone>>,
    read: std::cell::RefCell<Option<Campaign>>,
}

impl CampaignReading {
    pub(crate) fn new(today: Date) -> Self {
        CampaignReading {
            today,
            phones: Default::default(),
            read: Default::default(),
        }
    }

    /// The accepted campaign, if the request was one.
    pub(crate) fn take(&self) -> Option<Campaign> {
        self.read.borrow_mut().take()
    }
}

impl santral::api::incoming::CampaignReader for CampaignReading {
    fn lead(&self, _index: u32, phone: Phone) {
        self.phones.borrow_mut().push(phone);
    }

    fn accepted(&self, campaign: &campaign::Campaign<'_>) {
        let phones = std::mem::take(&mut *self.phones.borrow_mut());
        *self.read.borrow_mut() = Some(Campaign::from_read(campaign, phones, self.today));
    }
}

/// Where a call came from.
#[derive(Clone, Debug)]
pub(crate) enum Origin {
    Campaign {
        id: u64,
        name: String,
        lead: usize,
        lead_id: u64,
        webhook_url: Option<String>,
    },
    Originate {
        extension: Phone,
        manual_answer: bool,
    },
    /// `GET /bridge`: two outside numbers joined.
    Bridge,
    /// A call from outside to one of the domain's numbers.
    Inbound {
        /// The extension that answered (or whose voicemail took it).
        extension: Option<Phone>,
        /// The queue it waited in.
        queue: Option<u32>,
        /// The caller withheld the number.
        withheld: bool,
        /// The extension whose voicemail takes a message at the end.
        voicemail: Option<String>,
    },
}

/// An inbound call to place: who, where to, and what the route decided.
#[derive(Clone, Debug)]
pub(crate) struct Plan {
    pub uuid: String,
    /// `None`: withheld.
    pub caller: Option<Phone>,
    pub cld: Phone,
    /// The target the route (or the Santral Programlama service) chose.
    pub target: String,
    /// How long an extension rings before its voicemail.
    pub no_answer_ms: i64,
    pub recorded: bool,
}

/// A call in progress.
#[derive(Clone, Debug)]
pub(crate) struct Call {
    pub uuid: String,
    pub origin: Origin,
    pub caller: Phone,
    pub outbound_cli: Option<Phone>,
    pub callee: Phone,
    pub start_ms: i64,
    pub answer_ms: Option<i64>,
    pub end_ms: i64,
    pub outcome: Outcome,
    /// Recorded (its recording served by `recording_url` once it ends).
    pub recorded: bool,
    /// Extensions it was transferred to, and when.
    pub transfers: Vec<(i64, Phone)>,
}

/// The CRM integration settings.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Crm {
    pub flags: [OnOff; 3],
    pub url: String,
}

/// Something due at a simulated moment.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) enum Event {
    /// See whether a campaign can start calls.
    Tick(u64),
    /// A call starts ringing.
    Ringing(u64),
    /// A call is answered.
    Answer(u64),
    /// A call ends.
    Hangup(u64),
    /// Nothing but the moment itself: a fax done (a standing clock moves
    /// to it).
    Due,
}

/// What a webhook body is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Hook {
    Report,
    Event(EventType),
}

/// A webhook to send.
#[derive(Clone, Debug)]
pub(crate) struct Webhook {
    pub hook: Hook,
    pub url: String,
    pub body: String,
    /// What it is about, for the log: `campaign 20212 lead 3` or a uuid.
    pub about: String,
}

/// The whole PBX.
pub(crate) struct Pbx {
    pub clock: Clock,
    pub rng: Rng,
    pub extensions: Vec<String>,
    pub next_campaign: u64,
    pub next_lead: u64,
    pub next_notification: u64,
    pub next_call: u64,
    pub seq: u64,
    pub campaigns: BTreeMap<u64, Campaign>,
    pub calls: HashMap<u64, Call>,
    /// Each call record as the detail reply the PBX gives for it.
    pub cdrs: Vec<(String, String)>,
    pub crm: Option<Crm>,
    pub queue: BinaryHeap<Reverse<(i64, u64, Event)>>,
    pub store: Option<Store>,
    /// Lines for the log, taken by the caller.
    pub notes: Vec<String>,
    /// Extensions, queues, the phone book, voicemail, faxes…
    pub office: Office,
    /// The office changed since the last save.
    pub office_changed: bool,
}

impl std::fmt::Debug for Pbx {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Pbx")
            .field("campaigns", &self.campaigns.len())
            .field("calls", &self.calls.len())
            .field("cdrs", &self.cdrs.len())
            .finish_non_exhaustive()
    }
}

impl Pbx {
    pub(crate) fn new(clock: Clock, seed: u64, extensions: Vec<String>) -> Pbx {
        Pbx {
            clock,
            rng: Rng(seed),
            next_campaign: FIRST_CAMPAIGN_ID,
            next_lead: 1,
            next_notification: 1,
            next_call: 1,
            seq: 0,
            campaigns: BTreeMap::new(),
            calls: HashMap::new(),
            cdrs: Vec::new(),
            crm: None,
            queue: BinaryHeap::new(),
            store: None,
            notes: Vec::new(),
            office: Office::new(&extensions),
            office_changed: false,
            extensions,
        }
    }

    fn note(&mut self, line: String) {
        self.notes.push(line);
    }

    pub(crate) fn schedule(&mut self, at_ms: i64, e: Event) {
        self.seq += 1;
        self.queue.push(Reverse((at_ms, self.seq, e)));
    }

    /// When the next event is due.
    pub(crate) fn next_at(&self) -> Option<i64> {
        self.queue.peek().map(|Reverse((t, _, _))| *t)
    }

    /// The earliest event if it is due (moving a standing clock to it).
    pub(crate) fn pop_due(&mut self) -> Option<(i64, Event)> {
        let t = self.next_at()?;
        self.clock.advance_to(t);
        if t > self.clock.now_ms() {
            return None;
        }
        self.queue.pop().map(|Reverse((t, _, e))| (t, e))
    }

    pub(crate) fn save(&mut self) {
        if let Some(store) = &self.store {
            match store.save(&self.snapshot()) {
                Ok(()) => self.office_changed = false,
                Err(e) => {
                    let line = format!("state: could not save: {e}");
                    self.notes.push(line);
                }
            }
        }
    }

    /// The state as the store's rows (the office only when it changed).
    fn snapshot(&self) -> Snapshot<'_> {
        Snapshot {
            counters: [
                self.next_campaign,
                self.next_lead,
                self.next_notification,
                self.next_call,
                self.rng.0,
            ]
            .map(Some),
            campaigns: self
                .campaigns
                .values()
                .map(|c| CampaignRow {
                    id: c.id,
                    body: c.body.as_str().into(),
                    created: c.created,
                    first_lead: c.first_lead,
                    on: c.status == Status::On,
                    finished: c.finished,
                    leads: c
                        .leads
                        .iter()
                        .enumerate()
                        .map(|(index, l)| LeadRow {
                            index,
                            // A lead being called is saved as not yet called.
                            attempts: l.attempts.saturating_sub(u64::from(l.busy)),
                            done: l.done,
                            next_ms: l.next_ms,
                        })
                        .collect(),
                })
                .collect(),
            cdrs: self.cdrs.as_slice().into(),
            crm: self.crm.as_ref().map(|c| (c.flags, c.url.as_str().into())),
            office: self
                .office_changed
                .then(|| serde_json::to_string(&self.office).ok())
                .flatten(),
        }
    }

    /// Fills a fresh PBX from what the store holds and books a look at
    /// every running campaign.
    pub(crate) fn restore(&mut self, state: Snapshot<'static>) -> Result<(), String> {
        let [campaign, lead, notification, call, rng] = state.counters;
        self.next_campaign = campaign.unwrap_or(self.next_campaign);
        self.next_lead = lead.unwrap_or(self.next_lead);
        self.next_notification = notification.unwrap_or(self.next_notification);
        self.next_call = call.unwrap_or(self.next_call);
        self.rng.0 = rng.unwrap_or(self.rng.0);
        let now = self.clock.now_ms();
        for row in state.campaigns {
            let mut c = Campaign::from_body(row.id, &row.body, row.created, row.first_lead);
            c.status = if row.on { Status::On } else { Status::Off };
            c.finished = row.finished;
            for p in row.leads {
                if let Some(l) = c.leads.get_mut(p.index) {
                    l.attempts = p.attempts;
                    l.done = p.done;
                    l.next_ms = p.next_ms;
                    l.busy = false;
                }
            }
            if c.status == Status::On && !c.finished {
                self.schedule(now, Event::Tick(c.id));
            }
            self.campaigns.insert(c.id, c);
        }
        self.cdrs = state.cdrs.into_owned();
        self.crm = state.crm.map(|(flags, url)| Crm {
            flags,
            url: url.into_owned(),
        });
        if let Some(office) = state.office {
            self.office = serde_json::from_str(&office).map_err(|e| format!("office: {e}"))?;
        }
        Ok(())
    }

    // ------------------------------------------------------------ the API

    /// `POST /ivr_campaigns.json`: the campaign as the core read it while
    /// accepting the body ([`CampaignReading`]), and the body for the state.
    pub(crate) fn create_campaign(&mut self, mut c: Campaign, body: &str) -> u64 {
        let id = self.next_campaign;
        self.next_campaign += 1;
        c.id = id;
        c.body = body.to_owned();
        c.number_leads(self.next_lead);
        self.next_lead += c.leads.len() as u64;
        let now = self.clock.now_ms();
        match c
            .window
            .next_start(c.weekdays, now.div_euclid(1000), TURKEY)
        {
            Some(t) => self.note(format!(
                "campaign {id}: leads {}, channels {}, first call at {}",
                c.leads.len(),
                c.channels,
                stamp(t * 1000, TURKEY)
                    .map(|t| t.to_string())
                    .unwrap_or_default()
            )),
            None => self.note(format!(
                "campaign {id}: its window {} has passed: it will call no one",
                c.window
            )),
        }
        self.campaigns.insert(id, c);
        self.schedule(now, Event::Tick(id));
        self.save();
        id
    }

    /// `DELETE /ivr_campaigns/{id}`: calls in progress finish and are
    /// reported; no new call starts.
    pub(crate) fn delete_campaign(&mut self, id: u64) -> bool {
        let found = self.campaigns.remove(&id).is_some();
        if found {
            self.note(format!("campaign {id}: deleted"));
            self.save();
        }
        found
    }

    /// `PATCH /ivr_campaigns/{id}`.
    pub(crate) fn set_status(&mut self, id: u64, status: OnOff) -> bool {
        let now = self.clock.now_ms();
        let Some(c) = self.campaigns.get_mut(&id) else {
            return false;
        };
        c.status = if status.is_on() {
            Status::On
        } else {
            Status::Off
        };
        self.note(format!("campaign {id}: status {status}"));
        if status.is_on() {
            self.schedule(now, Event::Tick(id));
        }
        self.save();
        true
    }

    /// `POST /crm_integrations` (the URL answered the test POST).
    pub(crate) fn update_crm(&mut self, u: &santral::crm::Update<'_>) {
        let old = self.crm.clone();
        let keep = |v: Option<OnOff>, i: usize| {
            v.or_else(|| old.as_ref().and_then(|o| o.flags.get(i).copied()))
                .unwrap_or(OnOff::Off)
        };
        self.crm = Some(Crm {
            flags: [keep(u.ringing, 0), keep(u.answered, 1), keep(u.hangup, 2)],
            url: u.notification_url.to_owned(),
        });
        self.save();
    }

    /// `GET /crm_integrations`: the settings JSON (all off, no URL, before
    /// any update).
    pub(crate) fn crm_json(&self) -> String {
        match &self.crm {
            Some(c) => santral::crm::settings_json(c.flags, &c.url).to_string(),
            None => santral::crm::settings_json([OnOff::Off; 3], "").to_string(),
        }
    }

    /// `GET /originate`: `None` when the extension does not exist.
    pub(crate) fn originate(&mut self, o: &Originate<'_>) -> Option<String> {
        let ext = o.extension.as_str();
        if !self.extensions.iter().any(|e| e == ext) {
            return None;
        }
        let extension = Phone::parse_with(ext, PhoneOptions::EXTENSION_FIRST).ok()?;
        let timeout = i64::from(o.timeout.unwrap_or(DEFAULT_RING_S as u32));
        let outcome = outcome::originated_call(&mut self.rng, timeout);
        let now = self.clock.now_ms();
        // The extension rings first: it answers at once, or after a few
        // seconds with manual_answer.
        let pickup = if o.manual_answer {
            self.rng.range(2_000, 6_000)
        } else {
            500
        };
        let uuid = self.rng.uuid();
        let call = Call {
            uuid: uuid.clone(),
            origin: Origin::Originate {
                extension,
                manual_answer: o.manual_answer,
            },
            caller: extension,
            outbound_cli: o
                .caller_id
                .or_else(|| {
                    let set = self.office.extensions.get(ext)?.caller_id.as_deref()?;
                    Phone::parse(set).ok()
                })
                .or_else(pbx_number),
            callee: o.destination,
            start_ms: now,
            answer_ms: outcome.answered().then_some(now + pickup + outcome.ring_ms),
            end_ms: now + pickup + outcome.ring_ms + outcome.talk_ms,
            outcome,
            recorded: true,
            transfers: Vec::new(),
        };
        self.start(call);
        self.save();
        Some(uuid)
    }

    /// The call in progress with `uuid` (started and not ended).
    fn live(&self, uuid: &str) -> Option<u64> {
        let now = self.clock.now_ms();
        self.calls
            .iter()
            .find(|(_, c)| c.uuid == uuid && c.start_ms <= now && now < c.end_ms)
            .map(|(n, _)| *n)
    }

    /// Extensions in a call now.
    pub(crate) fn talking(&self) -> Vec<String> {
        self.calls
            .values()
            .filter_map(|c| match (&c.origin, c.answer_ms) {
                (Origin::Originate { extension, .. }, Some(_)) => {
                    Some(extension.national_number().to_string())
                }
                _ => None,
            })
            .chain(self.calls.values().flat_map(|c| {
                c.transfers
                    .last()
                    .map(|(_, p)| p.national_number().to_string())
            }))
            .collect()
    }

    /// `bridge`, `answer`, `hangup`, `transfer`, `mute`: the call model's
    /// operations; `None` for any other.
    pub(crate) fn call_control(&mut self, r: &Routed<'_>) -> Option<Reply> {
        use santral::api::Operation as O;
        let op = r.op;
        let get = |n: &str| r.get(n).unwrap_or("");
        let now = self.clock.now_ms();
        let plus_ok = Reply::Text(200, op.spec().success.to_string());
        match op {
            O::Bridge => {
                let phone = |n: &str| Phone::parse(get(n)).ok();
                let (Some(source), Some(destination)) = (phone("source"), phone("destination"))
                else {
                    return Some(Reply::Text(
                        400,
                        format!("invalid destination: {}", get("destination")),
                    ));
                };
                let timeout = r
                    .get("timeout")
                    .and_then(|t| t.parse::<i64>().ok())
                    .unwrap_or(DEFAULT_RING_S as i64);
                let outcome = outcome::originated_call(&mut self.rng, timeout);
                let uuid = self.rng.uuid();
                let recorded = r
                    .get("recording_enabled")
                    .and_then(|v| santral::api::call::parse_bool(v).ok())
                    .unwrap_or(false);
                let call = Call {
                    uuid: uuid.clone(),
                    origin: Origin::Bridge,
                    caller: source,
                    outbound_cli: phone("caller_id").or_else(pbx_number),
                    callee: destination,
                    start_ms: now,
                    answer_ms: outcome.answered().then_some(now + outcome.ring_ms),
                    end_ms: now + outcome.ring_ms + outcome.talk_ms,
                    outcome,
                    recorded,
                    transfers: Vec::new(),
                };
                self.start(call);
                self.save();
                Some(Reply::Text(200, uuid))
            }
            O::Answer | O::Hangup | O::Transfer | O::Mute => {
                let uuid = get("call_uuid");
                let Some(n) = self.live(uuid) else {
                    let f = op
                        .spec()
                        .failure(santral::diag::Code::ResponseNoSuchChannel);
                    return Some(Reply::Text(
                        f.map_or(400, |f| f.status),
                        f.map_or_else(String::new, |f| f.text_for(uuid).to_string()),
                    ));
                };
                let mut book = Vec::new();
                if op == O::Transfer {
                    let to = get("user_number");
                    if !self.extensions.iter().any(|e| e == to) {
                        return Some(Reply::Text(400, format!("extension {to} not found")));
                    }
                }
                let Some(call) = self.calls.get_mut(&n) else {
                    return Some(plus_ok);
                };
                match op {
                    O::Hangup => {
                        match call.answer_ms {
                            Some(a) if a <= now => call.outcome.talk_ms = now - a,
                            _ => {
                                call.answer_ms = None;
                                call.outcome.cause = HangupCause::OriginatorCancel;
                                call.outcome.talk_ms = 0;
                            }
                        }
                        call.end_ms = now;
                        book.push((now, Event::Hangup(n)));
                    }
                    O::Answer if call.answer_ms.is_none_or(|a| a > now) => {
                        call.answer_ms = Some(now);
                        call.outcome.cause = HangupCause::NormalClearing;
                        call.end_ms = call.end_ms.max(now + 30_000);
                        call.outcome.talk_ms = call.end_ms - now;
                        book.push((now, Event::Answer(n)));
                        book.push((call.end_ms, Event::Hangup(n)));
                    }
                    O::Transfer => {
                        if let Ok(to) =
                            Phone::parse_with(get("user_number"), PhoneOptions::EXTENSION_FIRST)
                        {
                            call.transfers.push((now, to));
                        }
                    }
                    _ => {}
                }
                let about = call.uuid.clone();
                for (at, e) in book {
                    self.schedule(at, e);
                }
                self.note(format!("call {about}: {}", op.as_str()));
                Some(plus_ok)
            }
            _ => None,
        }
    }

    /// Places an inbound call as its plan says, with the office as it is
    /// now: a blocked caller rejected; an extension that answers, or rings
    /// and goes to voicemail (DND, unregistered, busy); a queue that holds
    /// the caller (`/queues/pending`) until an available member takes it,
    /// or until the caller gives up; any other target played and ended.
    /// Returns what happened, for the trigger's answer.
    pub(crate) fn inbound(&mut self, plan: Plan) -> serde_json::Value {
        use santral::event::HangupCause as H;
        let now = self.clock.now_ms();
        let withheld = plan.caller.is_none();
        let caller = plan.caller.or_else(pbx_number);
        let Some(caller) = caller else {
            return serde_json::json!({"error": "no caller"});
        };
        let blocked = plan.caller.is_some_and(|c| {
            let key = c.match_key();
            self.office.blocked.values().any(|b| {
                santral::phone::match_key(b)
                    .ok()
                    .as_ref()
                    .map(|k| k.as_str())
                    == Some(key.as_str())
            })
        });
        let (kind, rest) = plan
            .target
            .split_once('/')
            .unwrap_or((plan.target.as_str(), ""));
        let ext_phone = |e: &str| Phone::parse_with(e, PhoneOptions::EXTENSION_FIRST).ok();
        let talking = self.talking();
        let answers = |o: &Office, e: &str| {
            o.extensions
                .get(e)
                .is_some_and(|x| x.registered && !x.dnd && !talking.iter().any(|t| t == e))
        };
        let mut extension = None;
        let mut queue = None;
        let mut voicemail = None;
        let (outcome, what) = if blocked {
            (
                outcome::inbound_call(H::CallRejected, 0, 0),
                "rejected: the caller is blocked".to_string(),
            )
        } else {
            match kind {
                "user" | "voicemail" if !self.office.extensions.contains_key(rest) => (
                    outcome::inbound_call(H::UnallocatedNumber, 1_000, 0),
                    format!("no extension {rest}"),
                ),
                "user" if answers(&self.office, rest) => {
                    extension = ext_phone(rest);
                    let ring = self.rng.range(2_000, 8_000).min(plan.no_answer_ms);
                    (
                        outcome::inbound_call(
                            H::NormalClearing,
                            ring,
                            self.rng.range(20_000, 180_000),
                        ),
                        format!("answered by {rest}"),
                    )
                }
                "user" | "voicemail" => {
                    extension = ext_phone(rest);
                    voicemail = Some(rest.to_string());
                    let dnd = self.office.extensions.get(rest).is_some_and(|x| x.dnd);
                    let ring = if kind == "voicemail" || dnd {
                        0
                    } else {
                        plan.no_answer_ms
                    };
                    (
                        outcome::inbound_call(
                            H::NormalClearing,
                            ring,
                            self.rng.range(8_000, 40_000),
                        ),
                        format!("voicemail of {rest}"),
                    )
                }
                "queue" => match rest
                    .parse::<u32>()
                    .ok()
                    .filter(|q| self.office.queues.contains_key(q))
                {
                    None => (
                        outcome::inbound_call(H::UnallocatedNumber, 1_000, 0),
                        format!("no queue {rest}"),
                    ),
                    Some(q) => {
                        queue = Some(q);
                        let members = self
                            .office
                            .queues
                            .get(&q)
                            .map(|x| x.members.clone())
                            .unwrap_or_default();
                        let free = members.iter().find(|m| {
                            answers(&self.office, m)
                                && self
                                    .office
                                    .extensions
                                    .get(*m)
                                    .is_some_and(|x| x.agent_status == "AVAILABLE")
                        });
                        let (o, what, wait) = match free {
                            Some(m) => {
                                extension = ext_phone(m);
                                let wait = self.rng.range(10_000, 40_000);
                                (
                                    outcome::inbound_call(
                                        H::NormalClearing,
                                        wait,
                                        self.rng.range(30_000, 300_000),
                                    ),
                                    format!("queue {q}, answered by {m}"),
                                    wait,
                                )
                            }
                            None => (
                                outcome::inbound_call(H::OriginatorCancel, 90_000, 0),
                                format!("queue {q}: no member available, the caller gave up"),
                                90_000,
                            ),
                        };
                        let leg = self.rng.uuid();
                        self.office.waiting.push(super::office::Waiting {
                            queue: q,
                            uuid: leg,
                            call_uuid: plan.uuid.clone(),
                            caller_id: if withheld {
                                String::new()
                            } else {
                                caller
                                    .format(santral::phone::Format::Wire)
                                    .map(|f| f.to_string())
                                    .unwrap_or_default()
                            },
                            joined_at: now,
                            until_ms: now + wait,
                        });
                        self.office_changed = true;
                        (o, what)
                    }
                },
                "hangup" if rest == "busy" => {
                    (outcome::inbound_call(H::UserBusy, 0, 0), "busy tone".into())
                }
                "hangup" => (
                    outcome::inbound_call(H::NormalClearing, 0, 1_000),
                    "hung up".into(),
                ),
                "external" => (
                    outcome::inbound_call(
                        H::NormalClearing,
                        self.rng.range(3_000, 10_000),
                        self.rng.range(20_000, 120_000),
                    ),
                    format!("connected to {rest}"),
                ),
                _ => (
                    outcome::inbound_call(H::NormalClearing, 0, self.rng.range(5_000, 15_000)),
                    format!("{} played", plan.target),
                ),
            }
        };
        let answered = outcome.answered();
        let call = Call {
            uuid: plan.uuid.clone(),
            origin: Origin::Inbound {
                extension,
                queue,
                withheld,
                voicemail: voicemail.clone(),
            },
            caller,
            outbound_cli: None,
            callee: plan.cld,
            start_ms: now,
            answer_ms: answered.then_some(now + outcome.ring_ms),
            end_ms: now + outcome.ring_ms + outcome.talk_ms.max(500),
            outcome,
            recorded: plan.recorded && voicemail.is_none(),
            transfers: Vec::new(),
        };
        self.note(format!("inbound call {}: {what}", plan.uuid));
        self.start(call);
        self.save();
        serde_json::json!({
            "call_uuid": plan.uuid,
            "target": plan.target,
            "outcome": what,
            "voicemail": voicemail,
        })
    }

    /// `GET /cdrs`: the page the query asks for, newest first.
    pub(crate) fn list_cdrs(&self, q: &Query<'_>) -> String {
        let mut records: Vec<Record<'_>> = self
            .cdrs
            .iter()
            .rev()
            .filter_map(|(_, detail)| {
                cdr::read_detail(detail.as_bytes(), &mut Counter::default(), |_| {})
            })
            .filter(|r| q.matches(r))
            .collect();
        records
            .sort_by_key(|r| Reverse(r.start_stamp.value().map(|t| t.unix_seconds()).unwrap_or(0)));
        let (p, range) = Pagination::of(records.len() as u64, q.page_size(), q.page.unwrap_or(1));
        let (a, b) = (range.start as usize, range.end as usize);
        let json = cdr::list_json(records.get(a..b).unwrap_or(&[]), &p).to_string();
        json
    }

    /// `GET /cdrs/{uuid}`.
    pub(crate) fn cdr(&self, uuid: &str) -> Option<String> {
        self.cdrs
            .iter()
            .find(|(u, _)| u == uuid)
            .map(|(_, d)| d.clone())
    }

    // ------------------------------------------------------------ calls

    fn start(&mut self, call: Call) {
        let n = self.next_call;
        self.next_call += 1;
        self.schedule(call.start_ms, Event::Ringing(n));
        if let Some(a) = call.answer_ms {
            self.schedule(a, Event::Answer(n));
        }
        self.schedule(call.end_ms, Event::Hangup(n));
        self.calls.insert(n, call);
    }

    /// Handles one due event; returns the webhooks it causes, in order.
    pub(crate) fn process(&mut self, at: i64, e: Event) -> Vec<Webhook> {
        let mut out = Vec::new();
        match e {
            Event::Tick(id) => self.tick(id, at),
            Event::Due => {}
            Event::Ringing(n) => {
                if let Some(call) = self.calls.get(&n).cloned() {
                    self.crm_event(&call, EventType::Ringing, &mut out);
                }
            }
            Event::Answer(n) => {
                // A call answered early by `answer` was booked again.
                if let Some(call) = self
                    .calls
                    .get(&n)
                    .filter(|c| c.answer_ms == Some(at))
                    .cloned()
                {
                    self.crm_event(&call, EventType::Answer, &mut out);
                }
            }
            Event::Hangup(n) => {
                // A call hung up early by `hangup` was booked again.
                if self.calls.get(&n).is_some_and(|c| at < c.end_ms) {
                    return out;
                }
                if let Some(call) = self.calls.remove(&n) {
                    self.hangup(&call, &mut out);
                    self.save();
                }
            }
        }
        out
    }

    /// Starts what calls a campaign can, and books its next look.
    fn tick(&mut self, id: u64, at: i64) {
        let Some(c) = self.campaigns.get(&id) else {
            return;
        };
        if c.status == Status::Off || c.finished {
            return;
        }
        let now = at.max(self.clock.now_ms());
        if c.outstanding() == 0 {
            if c.active == 0 {
                self.finish(id, "every lead is done");
            }
            return;
        }
        let Some(open) = c
            .window
            .next_start(c.weekdays, now.div_euclid(1000), TURKEY)
        else {
            if c.active == 0 {
                self.finish(id, "its window has passed");
            }
            return;
        };
        let open_ms = open * 1000;
        if open_ms > now {
            self.schedule(open_ms, Event::Tick(id));
            return;
        }
        loop {
            let Some(c) = self.campaigns.get(&id) else {
                return;
            };
            if c.active >= c.channels {
                return;
            }
            let ready = c
                .leads
                .iter()
                .position(|l| !l.done && !l.busy && l.next_ms <= now);
            let Some(i) = ready else {
                // Nothing ready now: look again when the next retry is due.
                let next = c
                    .leads
                    .iter()
                    .filter(|l| !l.done && !l.busy)
                    .map(|l| l.next_ms)
                    .min();
                if let Some(t) = next {
                    self.schedule(t, Event::Tick(id));
                }
                return;
            };
            self.dial(id, i, now);
        }
    }

    fn finish(&mut self, id: u64, why: &str) {
        if let Some(c) = self.campaigns.get_mut(&id) {
            c.finished = true;
            self.note(format!("campaign {id}: finished: {why}"));
        }
    }

    /// Dials lead `i` of campaign `id` now.
    fn dial(&mut self, id: u64, i: usize, now: i64) {
        let Some(c) = self.campaigns.get(&id) else {
            return;
        };
        let outcome = outcome::campaign_call(
            &mut self.rng,
            c.call_type,
            c.targets,
            c.ring_s as i64,
            c.digit_timeout_s as i64,
        );
        let Some(lead) = c.leads.get(i) else { return };
        let Some(caller) = c.cli.or_else(pbx_number) else {
            return;
        };
        let call = Call {
            uuid: self.rng.uuid(),
            origin: Origin::Campaign {
                id,
                name: c.name.clone(),
                lead: i,
                lead_id: lead.id,
                webhook_url: c.webhook_url.clone(),
            },
            caller,
            outbound_cli: None,
            callee: lead.phone,
            start_ms: now,
            answer_ms: outcome.answered().then_some(now + outcome.ring_ms),
            end_ms: now + outcome.ring_ms + outcome.talk_ms,
            outcome,
            recorded: false,
            transfers: Vec::new(),
        };
        if let Some(c) = self.campaigns.get_mut(&id) {
            c.active += 1;
            if let Some(l) = c.leads.get_mut(i) {
                l.busy = true;
                l.attempts += 1;
            }
        }
        self.start(call);
    }

    /// A call ends: its record, its report, its CRM event, its lead.
    fn hangup(&mut self, call: &Call, out: &mut Vec<Webhook>) {
        let talk = call.answer_ms.map_or(0, |a| (call.end_ms - a) / 1000);
        self.note(format!(
            "call {} ended: {} ({talk} s talk)",
            call.uuid, call.outcome.cause
        ));
        self.crm_event(call, EventType::Hangup, out);
        let detail = self.record(call);
        self.cdrs.push((call.uuid.clone(), detail));
        if call.recorded && call.answer_ms.is_some() {
            self.office.recorded.push(call.uuid.clone());
            self.office_changed = true;
        }
        if let Origin::Inbound {
            voicemail: Some(user),
            withheld,
            ..
        } = &call.origin
        {
            let caller = if *withheld {
                String::new()
            } else {
                call.caller
                    .format(santral::phone::Format::National)
                    .map(|f| f.to_string())
                    .unwrap_or_default()
            };
            self.office.voicemails.push(super::office::Voicemail {
                uuid: self.rng.uuid(),
                user_number: user.clone(),
                caller_id_number: caller,
                caller_id_name: String::new(),
                start_ms: call.answer_ms.unwrap_or(call.start_ms),
                read_ms: None,
                seconds: (call.outcome.talk_ms / 1000) as u32,
            });
            self.office_changed = true;
        }
        let Origin::Campaign {
            id,
            name,
            lead,
            lead_id,
            webhook_url,
            ..
        } = &call.origin
        else {
            return;
        };
        if let Some(url) = webhook_url {
            let notification = self.next_notification;
            self.next_notification += 1;
            let ids = (
                Id::new(notification),
                Id::new(DOMAIN_ID),
                Id::new(*id),
                Id::new(*lead_id),
                stamp(call.end_ms, Zone::Utc),
            );
            if let (Some(n), Some(domain), Some(campaign), Some(lead), Some(date)) = ids {
                let report = CampaignReport {
                    notification_id: n,
                    notification_date: Some(date),
                    domain_id: Some(domain),
                    ivr_campaign_id: Some(campaign),
                    ivr_campaign_name: Some(Encoded::text(name)),
                    ivr_lead_id: Some(lead),
                    phone: Some(call.callee),
                    digit: call.outcome.digit,
                    status: Encoded::text(call.outcome.cause.description_tr()),
                    call_uuid: Some(Encoded::text(&call.uuid)),
                };
                out.push(Webhook {
                    hook: Hook::Report,
                    url: url.clone(),
                    body: report.form().to_string(),
                    about: format!("campaign {id} lead {lead_id}"),
                });
            }
        }
        let now = self.clock.now_ms();
        let Some(c) = self.campaigns.get_mut(id) else {
            return;
        };
        c.active = c.active.saturating_sub(1);
        let retries = c.retries;
        if let Some(l) = c.leads.get_mut(*lead) {
            l.busy = false;
            if call.outcome.answered() || l.attempts > retries {
                l.done = true;
            } else {
                l.next_ms = call.end_ms + RETRY_DELAY_MS;
            }
        }
        let id = *id;
        self.schedule(now, Event::Tick(id));
    }

    /// The call-event webhook of `event`, when the CRM settings ask for it.
    fn crm_event(&mut self, call: &Call, event: EventType, out: &mut Vec<Webhook>) {
        let Some(crm) = &self.crm else { return };
        let on = match event {
            EventType::Ringing => crm.flags[0],
            EventType::Answer => crm.flags[1],
            _ => crm.flags[2],
        };
        if !on.is_on() || crm.url.is_empty() {
            return;
        }
        let inbound = matches!(call.origin, Origin::Inbound { .. });
        let queue_text;
        let direction = if inbound {
            Direction::Inbound
        } else {
            Direction::Outbound
        };
        let mut form = CallEvent::new(event, direction, Encoded::text(&call.uuid));
        form.domain_id = Id::new(DOMAIN_ID);
        form.caller_id_number = Some(call.caller);
        form.outbound_caller_id_number = call.outbound_cli;
        form.destination_number = Some(call.callee);
        match &call.origin {
            Origin::Originate { extension, .. } => {
                form.dialed_user = Some(*extension);
                form.connected_user = Some(*extension);
            }
            Origin::Inbound {
                extension,
                withheld,
                queue,
                ..
            } => {
                if *withheld {
                    form.caller_id_number = None;
                }
                if let Some(q) = queue {
                    queue_text = q.to_string();
                    form.queue = Some(Encoded::text(&queue_text));
                }
                form.dialed_user = *extension;
                if event != EventType::Ringing && call.answer_ms.is_some() {
                    form.connected_user = *extension;
                }
            }
            _ => {}
        }
        form.start_stamp = stamp(call.start_ms, Zone::Unspecified);
        form.answer_stamp = call.answer_ms.and_then(|a| stamp(a, Zone::Unspecified));
        if event == EventType::Hangup {
            let o = &call.outcome;
            form.end_stamp = stamp(call.end_ms, Zone::Unspecified);
            form.duration = Some(Duration {
                seconds: (o.talk_ms / 1000) as u32,
            });
            form.recording_present = Some(call.recorded && call.answer_ms.is_some());
            form.answered = Some(o.answered());
            form.sip_hangup_disposition = Some(o.disposition);
            form.hangup_cause = Some(Cause::Known(o.cause));
            if !o.answered() {
                form.failure_phrase = Some(Encoded::text(o.cause.description_tr()));
            }
        }
        out.push(Webhook {
            hook: Hook::Event(event),
            url: crm.url.clone(),
            body: form.form().to_string(),
            about: call.uuid.clone(),
        });
    }

    /// The call's record, as the detail reply writes it.
    fn record(&self, call: &Call) -> String {
        let o = &call.outcome;
        let at = |ms: i64| stamp(ms, TURKEY).map_or(Lenient::Absent, Lenient::Value);
        let (direction, extension) = match &call.origin {
            Origin::Campaign { .. } => (CdrDirection::GidenIvr, None),
            Origin::Originate { extension, .. } => (CdrDirection::GidenApi, Some(*extension)),
            Origin::Bridge => (CdrDirection::GidenApi, None),
            Origin::Inbound { extension, .. } => (CdrDirection::Gelen, *extension),
        };
        let talk = call.answer_ms.map_or(0, |a| call.end_ms - a);
        let name = |p: &Phone| {
            if p.is_extension() {
                format!("Dahili {}", p.national_number())
            } else {
                String::new()
            }
        };
        let (caller_name, callee_name) = (name(&call.caller), name(&call.callee));
        let result = o.cause.description_tr();
        let record = Record {
            start_stamp: at(call.start_ms),
            answer_stamp: call.answer_ms.map_or(Lenient::Null, at),
            end_stamp: at(call.end_ms),
            direction: Lenient::Value(direction),
            caller_id_number: match call.origin {
                Origin::Inbound { withheld: true, .. } => Lenient::Null,
                _ => Lenient::Value(call.caller),
            },
            caller_id_name: JsonStr::plain(&caller_name),
            destination_number: Lenient::Value(call.callee),
            destination_name: JsonStr::plain(&callee_name),
            duration: Lenient::Value(Duration {
                seconds: ((call.end_ms - call.start_ms) / 1000) as u32,
            }),
            talk_duration: Lenient::Value(Duration {
                seconds: (talk / 1000) as u32,
            }),
            queue_wait_seconds: Lenient::Value(Duration { seconds: 0 }),
            queue: None,
            result: JsonStr::plain(result),
            missed: Lenient::Value(!o.answered()),
            return_uuid: Lenient::Null,
            recording_present: Lenient::Value(call.recorded && call.answer_ms.is_some()),
            sip_hangup_disposition: Lenient::Value(o.disposition),
            call_uuid: JsonStr::plain(&call.uuid),
        };
        // The legs: the extension first for an originated call, then the far end.
        let mut flow = Vec::new();
        let far_start = match extension {
            Some(ext) => {
                let picked = call.start_ms
                    + match call.origin {
                        Origin::Originate {
                            manual_answer: true,
                            ..
                        } => 3_000,
                        _ => 500,
                    };
                flow.push(FlowStep {
                    destination_number: Lenient::Value(ext),
                    start_stamp: at(call.start_ms),
                    answer_stamp: at(picked),
                    end_stamp: at(call.end_ms),
                    duration: Lenient::Value(Duration {
                        seconds: ((call.end_ms - call.start_ms) / 1000) as u32,
                    }),
                    ip_address: Lenient::Value(std::net::IpAddr::from([192, 168, 1, 101])),
                    sip_user_agent: JsonStr::plain("Yealink SIP-T22P 7.73.0.50"),
                    write_codec: JsonStr::plain("PCMA").map_or(Lenient::Absent, Lenient::Value),
                    read_codec: JsonStr::plain("PCMA").map_or(Lenient::Absent, Lenient::Value),
                    result: JsonStr::plain(HangupCause::NormalClearing.description_tr()),
                });
                picked
            }
            None => call.start_ms,
        };
        for (when, to) in &call.transfers {
            flow.push(FlowStep {
                destination_number: Lenient::Value(*to),
                start_stamp: at(*when),
                answer_stamp: at(*when),
                end_stamp: at(call.end_ms),
                duration: Lenient::Value(Duration {
                    seconds: ((call.end_ms - when) / 1000).max(0) as u32,
                }),
                result: JsonStr::plain(HangupCause::NormalClearing.description_tr()),
                ..FlowStep::default()
            });
        }
        flow.push(FlowStep {
            destination_number: Lenient::Value(call.callee),
            start_stamp: at(far_start),
            answer_stamp: call.answer_ms.map_or(Lenient::Null, at),
            end_stamp: at(call.end_ms),
            duration: Lenient::Value(Duration {
                seconds: ((call.end_ms - far_start) / 1000).max(0) as u32,
            }),
            result: JsonStr::plain(result),
            ..FlowStep::default()
        });
        let json = cdr::detail_json(&record, &flow).to_string();
        json
    }
}

/// The PBX's outside number (a constant that parses).
fn pbx_number() -> Option<Phone> {
    Phone::parse(PBX_NUMBER).ok()
}

/// Checks a webhook body with the core before it leaves: the simulator
/// sends only what `santral check` accepts.
pub(crate) fn check_webhook(w: &Webhook) -> Result<(), usize> {
    let mut c = Counter::default();
    let ok = match w.hook {
        Hook::Report => CampaignReport::parse(w.body.as_bytes(), &mut c).is_some(),
        Hook::Event(_) => CallEvent::parse(w.body.as_bytes(), &mut c).is_some(),
    };
    if ok && c.errors == 0 {
        Ok(())
    } else {
        Err(c.errors)
    }
}
