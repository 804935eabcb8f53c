//! Inbound calls: a caller dials one of the domain's numbers, the routing
//! file (`--routing`, read by the core's `santral::routing`) says where it
//! goes, and for `advisory` the Santral Programlama service decides
//! (`advisory_webhook.md`): the simulator GETs `?uuid&cli&cld&step` (the
//! core's `advisory::RequestQuery`), reads each answer with the core's
//! advisory reader and follows it — a transfer ends the dialogue, a prompt
//! collects the trigger's next digits and asks again with `step` + 1 under
//! the prompt's `param_name` (at its `service_url` if it names one), a
//! speech recognition answers with the trigger's next phrase, a recording
//! records. When the service fails — no answer within its
//! `timeout_seconds`, a status other than 200, a body that is none of the
//! documented answers, a target the core refuses, more than 10 speech
//! recognitions — the call goes to the fallback target.

use std::time::Duration;

use serde_json::{json, Value as Json};

use santral::advisory::{self, Action, RequestQuery, DEFAULT_PARAM_NAME};
use santral::diag::Counter;
use santral::phone::{Format, Options as PhoneOptions, Phone};
use santral::routing::{Destination, Routing, DEFAULT_FALLBACK};

use super::pbx::Plan;
use super::Shared;

/// The most requests one call makes to the service.
pub const MAX_STEPS: u32 = 12;
/// The most speech recognitions in one call (the page: 10).
pub const MAX_SPEECH: u32 = 10;

/// What `trigger inbound` asks for.
#[derive(Debug, Clone, Default)]
pub struct Inbound {
    /// The caller; empty or `anonymous`: withheld.
    pub from: String,
    /// The dialled number.
    pub to: String,
    /// The keys the caller presses at each prompt, in order.
    pub digits: Vec<String>,
    /// What the caller says at each speech recognition, in order.
    pub speech: Vec<String>,
}

/// Places the call: `Ok` with what happened, or `Err((status, why))` for
/// a trigger that cannot be a call.
pub(crate) async fn place(shared: &Shared, t: Inbound) -> Result<Json, (u16, String)> {
    let withheld = t.from.trim().is_empty() || t.from.trim().eq_ignore_ascii_case("anonymous");
    let caller = if withheld {
        None
    } else {
        Some(
            Phone::parse_with(t.from.trim(), PhoneOptions::LENIENT)
                .map_err(|e| (400, format!("from is invalid: {}", e.code.message())))?,
        )
    };
    let cld = Phone::parse_with(t.to.trim(), PhoneOptions::LENIENT)
        .map_err(|e| (400, format!("to is invalid: {}", e.code.message())))?;
    let routing = shared.routing.as_ref();
    // Without a routing file every number goes to queue 200; with one, a
    // number it does not list is not this PBX's.
    let route = match routing {
        None => None,
        Some(r) => Some(
            r.numbers
                .iter()
                .find(|n| {
                    let mut buf = [0u8; 64];
                    n.number
                        .decode_into(&mut buf)
                        .and_then(|s| Phone::parse(s).ok())
                        .is_some_and(|p| p == cld)
                })
                .copied()
                .ok_or_else(|| {
                    (
                        404,
                        format!("{} is not one of the routing file's numbers", t.to.trim()),
                    )
                })?,
        ),
    };
    let uuid = shared.pbx().rng.uuid();
    let cli = caller
        .and_then(|c| c.format(Format::National).ok())
        .map(|f| f.to_string())
        .unwrap_or_default();
    let cld_text = cld
        .format(Format::National)
        .map(|f| f.to_string())
        .unwrap_or_default();
    let mut steps = Vec::new();
    let mut recorded = true;
    let (target, no_answer_ms) = match route {
        None => ("queue/200".to_string(), 20_000),
        Some(r) => {
            let no_answer_ms = i64::from(r.no_answer_seconds) * 1000;
            match r.destination {
                Destination::Target(text) => {
                    let mut buf = [0u8; 512];
                    (
                        text.decode_into(&mut buf).unwrap_or("").to_string(),
                        no_answer_ms,
                    )
                }
                Destination::Advisory => {
                    let (target, rec) =
                        programme(shared, routing, &uuid, &cli, &cld_text, &t, &mut steps).await;
                    recorded = rec;
                    (target, no_answer_ms)
                }
            }
        }
    };
    let plan = Plan {
        uuid,
        caller,
        cld,
        target,
        no_answer_ms,
        recorded,
    };
    let mut answer = shared.pbx().inbound(plan);
    shared.wake.notify_one();
    shared.flush_notes();
    if let Some(o) = answer.as_object_mut() {
        o.insert("advisory".into(), Json::Array(steps));
    }
    Ok(answer)
}

/// The dialogue with the Santral Programlama service: the target the call
/// goes to and whether it is recorded; each step noted in `steps`.
async fn programme(
    shared: &Shared,
    routing: Option<&Routing<'static>>,
    uuid: &str,
    cli: &str,
    cld: &str,
    t: &Inbound,
    steps: &mut Vec<Json>,
) -> (String, bool) {
    let Some(service) = routing.and_then(|r| r.advisory) else {
        return (DEFAULT_FALLBACK.to_string(), true);
    };
    let decode = |s: santral::toml::TomlStr<'static>| {
        let mut buf = vec![0u8; s.len() * 4 + 4];
        s.decode_into(&mut buf).unwrap_or("").to_string()
    };
    let fallback = decode(service.fallback);
    let timeout = Duration::from_secs(u64::from(service.timeout_seconds));
    let mut url = decode(service.url);
    let mut digits = t.digits.iter();
    let mut speech = t.speech.iter();
    // Owned across steps: the prompt's parameter name and the keys.
    let mut carried: Option<(String, String)> = None;
    let mut result: Option<String> = None;
    let mut recognitions = 0;
    for step in 1..=MAX_STEPS {
        let query = RequestQuery {
            step,
            digits: carried.as_ref().map(|(n, d)| (n.as_str(), d.as_str())),
            error: carried.as_ref().map(|_| ""),
            result: result.as_deref(),
            ..RequestQuery::new(uuid, cli, cld)
        };
        let sep = if url.contains('?') { '&' } else { '?' };
        let full = format!("{url}{sep}{query}");
        let shown = santral::lexical::UrlForLog(&url).to_string();
        let fail = |why: String, steps: &mut Vec<Json>| {
            steps.push(json!({"step": step, "url": shown, "error": why, "fallback": fallback}));
            shared.log.line(format_args!(
                "advisory GET {shown} step {step} failed: {why}; the call goes to {fallback}"
            ));
            (fallback.clone(), true)
        };
        if let Err(why) = shared.may_call(&full) {
            return fail(why, steps);
        }
        let started = std::time::Instant::now();
        let got = tokio::time::timeout(timeout, async {
            let r = shared.http.get(&full).send().await?;
            let status = r.status().as_u16();
            r.bytes().await.map(|b| (status, b))
        })
        .await;
        let ms = started.elapsed().as_secs_f64() * 1000.0;
        let body = match got {
            Err(_) => return fail(format!("no answer within {} s", timeout.as_secs()), steps),
            Ok(Err(e)) => return fail(super::error_chain(&e.without_url()), steps),
            Ok(Ok((200, body))) => body,
            Ok(Ok((status, _))) => return fail(format!("answered {status}"), steps),
        };
        let mut sink = Counter::default();
        let Some(action) = advisory::parse_response(&body, &mut sink).filter(|_| sink.errors == 0)
        else {
            return fail(
                format!(
                    "the body is not one of the documented answers ({} errors)",
                    sink.errors
                ),
                steps,
            );
        };
        shared.log.line(format_args!(
            "advisory GET {shown} step {step} → 200 {} {ms:.1} ms",
            action.kind().as_str()
        ));
        let mut note = serde_json::Map::new();
        note.insert("step".into(), json!(step));
        note.insert("url".into(), json!(shown));
        note.insert("action".into(), json!(action.kind().as_str()));
        match action {
            Action::Transfer(x) => {
                let Some(target) = x.target() else {
                    return fail("a target the core refuses".into(), steps);
                };
                let target = target.to_string();
                note.insert("target".into(), json!(target));
                // What the caller hears first, as the service asked.
                let mut buf = vec![0u8; 1024];
                if let Some(g) = x
                    .greet_name
                    .and_then(|g| santral::json::text(g, &mut buf).map(str::to_string))
                {
                    note.insert("greet_name".into(), json!(g));
                }
                let mut buf = vec![0u8; 1400];
                if let Some(g) = x
                    .greet_phrase
                    .and_then(|g| santral::json::text(g, &mut buf).map(str::to_string))
                {
                    note.insert("greet_phrase".into(), json!(g));
                }
                if let Some(a) = x.announcement_to_caller {
                    note.insert("announcement_to_caller".into(), json!(a.get()));
                }
                if let Some(a) = x.announcement_to_callee {
                    note.insert("announcement_to_callee".into(), json!(a.get()));
                }
                steps.push(Json::Object(note));
                return (target, x.recording_enabled_or_default());
            }
            Action::Prompt(p) => {
                let keys = digits.next().cloned().unwrap_or_default();
                let mut buf = [0u8; 256];
                let name = p
                    .param_name
                    .and_then(|n| santral::json::text(n, &mut buf).map(str::to_string))
                    .unwrap_or_else(|| DEFAULT_PARAM_NAME.to_string());
                if let Some(next) = p.service_url {
                    let mut buf = vec![0u8; 4096];
                    if let Some(u) = santral::json::text(next, &mut buf) {
                        url = u.to_string();
                    }
                }
                note.insert("digits".into(), json!(keys));
                steps.push(Json::Object(note));
                carried = Some((name, keys));
                result = None;
            }
            Action::SpeechToText(_) => {
                recognitions += 1;
                if recognitions > MAX_SPEECH {
                    return fail("more than 10 speech recognitions".into(), steps);
                }
                let said = speech.next().cloned().unwrap_or_default();
                note.insert("result".into(), json!(said));
                steps.push(Json::Object(note));
                carried = None;
                result = Some(said);
            }
            Action::Record(_) => {
                steps.push(Json::Object(note));
                return ("record".to_string(), true);
            }
        }
    }
    fail_after(shared, steps, &fallback)
}

fn fail_after(shared: &Shared, steps: &mut Vec<Json>, fallback: &str) -> (String, bool) {
    steps.push(json!({"error": format!("more than {MAX_STEPS} requests"), "fallback": fallback}));
    shared.log.line(format_args!(
        "advisory: more than {MAX_STEPS} requests; the call goes to {fallback}"
    ));
    (fallback.to_string(), true)
}
