//! `santral simulate --shop-url …`: the PBX's side of the OpenCart flow
//! against a shop, and its report (text on stdout, JSON with
//! `--shop-report`). The flags are read with the core's own parsers; the
//! flow is `santral_server::simulator::shop`.

use std::process::ExitCode;
use std::time::Duration;

use santral::diag::Diagnostic;
use santral::lexical::{Id, Url};
use santral::opencart::{AuditVerdict, Version};
use santral::phone::Phone;
use santral::target::{Target, TargetContext};
use santral_server::log::diagnostic_line;
use santral_server::simulator::shop::{self, LookupResult, ShopConfig, ShopReport};
use santral_server::Log;
use serde_json::{json, Value as Json};

use super::{flag_error, SimulateArgs};
use crate::render::{diagnostic_json, Lang};
use crate::UsageError;

pub(super) fn run(args: &SimulateArgs, url: &str, clock: i64) -> Result<ExitCode, UsageError> {
    Url::parse(url).map_err(|e| flag_error("--shop-url", e))?;
    let key = args
        .shop_key
        .clone()
        .filter(|k| !k.trim().is_empty())
        .ok_or_else(|| UsageError("--shop-key: the shop's OpenCart API key is required".into()))?;
    let version = Version::from_wire(&args.shop_opencart)
        .ok_or_else(|| UsageError("--shop-opencart: must be 2 or 3".into()))?;
    let announcement_id = match &args.shop_announcement {
        Some(a) => Some(
            Id::parse(a)
                .map_err(|e| flag_error("--shop-announcement", e))?
                .get(),
        ),
        None => None,
    };
    if let Some(c) = &args.shop_caller_id {
        Phone::parse(c).map_err(|e| flag_error("--shop-caller-id", e))?;
    }
    if let Some(t) = &args.shop_representative {
        Target::parse(t, TargetContext::Advisory)
            .map_err(|e| flag_error("--shop-representative", e))?;
    }
    if args.shop_rounds == 0 || args.shop_attempts == 0 {
        return Err(UsageError(
            "--shop-rounds and --shop-attempts: must be at least 1".into(),
        ));
    }
    if !(args.shop_timeout > 0.0 && args.shop_timeout.is_finite()) {
        return Err(UsageError(
            "--shop-timeout: must be a positive number of seconds".into(),
        ));
    }
    let config = ShopConfig {
        service_url: url.to_string(),
        service_key: key,
        version,
        announcement_id,
        caller_id: args.shop_caller_id.clone(),
        representative: args.shop_representative.clone(),
        rounds: args.shop_rounds,
        every_seconds: args.shop_every,
        attempts: args.shop_attempts,
        timeout: Duration::from_secs_f64(args.shop_timeout),
        lookups: args.shop_lookups.clone(),
        seed: args.seed.unwrap_or(1),
        clock,
        speed: args.speed,
        log: Log::stderr(),
        audit: args.shop_audit,
    };
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .map_err(|e| UsageError(format!("cannot start the runtime: {e}")))?;
    let report = runtime.block_on(shop::run(config));
    print!("{}", text(&report));
    if let Some(path) = &args.shop_report {
        let body = serde_json::to_string_pretty(&to_json(&report)).unwrap_or_default();
        std::fs::write(path, body + "\n")
            .map_err(|e| UsageError(format!("--shop-report {}: {e}", path.display())))?;
    }
    let injectable = matches!(report.audit, Some((AuditVerdict::Injectable, _)));
    let audited = !args.shop_audit || report.audit.is_some();
    Ok(
        if report.logged_in && report.shop_errors.is_empty() && audited && !injectable {
            ExitCode::SUCCESS
        } else {
            ExitCode::from(1)
        },
    )
}

/// The report for people.
fn text(r: &ShopReport) -> String {
    let mut out = String::new();
    let mut line = |s: String| {
        out.push_str(&s);
        out.push('\n');
    };
    line(format!(
        "OpenCart flow: {} listing(s), {}",
        r.listings,
        r.tally()
    ));
    if !r.logged_in {
        line("  the login failed: nothing else was asked".into());
    }
    match r.audit {
        Some((AuditVerdict::Injectable, status)) => line(format!(
            "  audit: INJECTABLE — the plugin answered a telephone holding a single quote with HTTP {status} or an SQL error: it builds SQL from the request's text. Anyone with the API key (and, with the v2 plugin, anyone) can read or change orders. Replace the plugin with one that binds its values, and keep the API user limited to the PBX's addresses."
        )),
        Some((AuditVerdict::Safe, status)) => line(format!(
            "  audit: no sign of SQL built from the request (HTTP {status}, answered like an unknown number or refused)"
        )),
        None => {}
    }
    for o in &r.orders {
        let calls: Vec<&str> = o.calls.iter().map(|c| c.as_str()).collect();
        line(format!(
            "  order {}: {} → {}",
            o.order_id,
            calls.join(", "),
            o.status_set
                .map_or("status unchanged".to_string(), |s| format!("status {s}"))
        ));
    }
    for (caller, l) in &r.lookups {
        line(format!("  lookup {caller}: {}", lookup_text(l)));
    }
    for d in &r.listing_warnings {
        line(format!("  listing: {}", diagnostic_line(d)));
    }
    for e in &r.shop_errors {
        line(format!(
            "  shop error: {}{}: {}{}",
            e.route,
            e.order_id
                .map_or(String::new(), |o| format!(" (order {o})")),
            e.problem,
            e.status.map_or(String::new(), |s| format!(" [HTTP {s}]"))
        ));
        for d in &e.diagnostics {
            line(format!("    {}", diagnostic_line(d)));
        }
        if e.diagnostics_total > e.diagnostics.len() {
            line(format!(
                "    … and {} more",
                e.diagnostics_total - e.diagnostics.len()
            ));
        }
    }
    out
}

fn lookup_text(l: &LookupResult) -> String {
    match l {
        LookupResult::Found {
            order_id,
            order_status_id,
        } => format!(
            "order {} (status {})",
            order_id.map_or("?".to_string(), |o| o.to_string()),
            order_status_id.map_or("?".to_string(), |s| s.to_string())
        ),
        LookupResult::NotFound => "not found".into(),
        LookupResult::NotAPhone(d) => format!("not sent: {}", diagnostic_line(d)),
        LookupResult::Failed => "the shop failed (see its error)".into(),
    }
}

/// The report for scripts.
fn to_json(r: &ShopReport) -> Json {
    let d = |ds: &[Diagnostic]| -> Vec<Json> {
        ds.iter().map(|d| diagnostic_json(d, Lang::En)).collect()
    };
    json!({
        "logged_in": r.logged_in,
        "listings": r.listings,
        "orders_seen": r.orders_seen,
        "called": r.called,
        "calls": r.calls,
        "confirmed": r.confirmed,
        "cancelled": r.cancelled,
        "unreachable": r.unreachable,
        "not_called": r.not_called,
        "orders": r.orders.iter().map(|o| json!({
            "order_id": o.order_id,
            "calls": o.calls.iter().map(|c| c.as_str()).collect::<Vec<_>>(),
            "status_set": o.status_set,
        })).collect::<Vec<_>>(),
        "lookups": r.lookups.iter().map(|(caller, l)| match l {
            LookupResult::Found { order_id, order_status_id } => json!({
                "caller": caller, "result": "found",
                "order_id": order_id, "order_status_id": order_status_id,
            }),
            LookupResult::NotFound => json!({"caller": caller, "result": "not_found"}),
            LookupResult::NotAPhone(x) => json!({
                "caller": caller, "result": "not_a_phone", "diagnostic": diagnostic_json(x, Lang::En),
            }),
            LookupResult::Failed => json!({"caller": caller, "result": "failed"}),
        }).collect::<Vec<_>>(),
        "listing_warnings": d(&r.listing_warnings),
        "audit": r.audit.map(|(v, status)| json!({
            "verdict": match v { AuditVerdict::Injectable => "injectable", AuditVerdict::Safe => "safe" },
            "status": status,
        })),
        "shop_errors": r.shop_errors.iter().map(|e| json!({
            "route": e.route,
            "url": e.url,
            "order_id": e.order_id,
            "status": e.status,
            "problem": e.problem,
            "diagnostics": d(&e.diagnostics),
            "diagnostics_total": e.diagnostics_total,
        })).collect::<Vec<_>>(),
    })
}
