//! `santral check KIND FILE`: any payload through the core's `check`.

use std::io::Write;

use santral::check::{self, Kind, Options as CheckOptions};
use santral::diag::Diagnostic;
use serde_json::json;

use crate::render::{self, Lang};
use crate::{exit, input, Outcome, OutputFormat, UsageError};

/// The core's check options from the flags; an unusable value is a usage
/// error naming the flag and the core's code.
pub(crate) fn check_options<'a>(
    today: Option<&str>,
    param_name: Option<&'a str>,
) -> Result<CheckOptions<'a>, UsageError> {
    CheckOptions::from_text(today, param_name).map_err(|e| option_usage(&e))
}

/// An option the core cannot use, named as its flag.
pub(crate) fn option_usage(e: &check::OptionError) -> UsageError {
    UsageError(format!(
        "--{}: {}: {}",
        e.option.replace('_', "-"),
        e.error.code.id(),
        e.error.code.message()
    ))
}

/// The day a campaign is checked against: `--today` as given, no day for
/// `none`, else today on the system clock in Turkish time (a person runs
/// this tool; the libraries never read a clock and take `today` as an
/// input).
pub(crate) fn today_or_clock(given: Option<&str>) -> Option<String> {
    let env = std::env::var("SANTRAL_TODAY").ok();
    match given.or(env.as_deref()) {
        Some(t) if t.eq_ignore_ascii_case("none") => None,
        Some(t) => Some(t.to_string()),
        None => {
            let now = std::time::SystemTime::now()
                .duration_since(std::time::UNIX_EPOCH)
                .ok()?;
            let secs = i64::try_from(now.as_secs()).ok()?;
            santral::time::Timestamp::from_unix(secs, santral::time::TURKEY)
                .map(|t| t.date.to_string())
        }
    }
}

#[allow(clippy::too_many_arguments)]
pub(crate) fn cmd_check(
    kind: &str,
    file: Option<&str>,
    format: OutputFormat,
    lang: Lang,
    today: Option<&str>,
    param_name: Option<&str>,
    max: usize,
    duplicate_leads: usize,
) -> Outcome {
    let kind =
        Kind::from_option(kind).map_err(|e| UsageError(format!("unknown kind `{kind}`; {e}")))?;
    let day = today_or_clock(today);
    let today = day.as_deref();
    let mut options = match CheckOptions::from_text(today, param_name) {
        Ok(o) => o,
        // With --format json the option's diagnostic goes to standard
        // output too, for scripts; the exit status is still 2.
        Err(e) => {
            if format == OutputFormat::Json {
                let value = if e.option == "today" {
                    today
                } else {
                    param_name
                };
                let d = Diagnostic::from_error(
                    e.error,
                    0,
                    value.unwrap_or("").as_bytes(),
                    santral::diag::Path::key(e.option),
                );
                let out =
                    json!({"valid": false, "option_error": render::diagnostic_json(&d, lang)});
                println!("{out}");
            }
            return Err(option_usage(&e));
        }
    };
    options.max_diagnostics = max;
    options.duplicate_leads = duplicate_leads;
    let data = input::read(file).map_err(UsageError)?;
    let bytes = data.bytes();
    let origin = file.filter(|f| *f != "-").unwrap_or("<stdin>");
    let mut shown: Vec<Diagnostic> = Vec::new();
    let mut sink = |d: Diagnostic| {
        shown.push(d);
        std::ops::ControlFlow::Continue(())
    };
    let mut table =
        vec![check::LeadSlot::default(); check::duplicate_table_len(kind, bytes, &options)];
    let report = check::check_with(kind, bytes, &options, &mut table, &mut sink);
    match format {
        OutputFormat::Json => {
            let out = json!({
                "valid": report.valid,
                "kind": kind.as_str(),
                "errors": report.errors,
                "warnings": report.warnings,
                "diagnostics": shown.iter().map(|d| render::diagnostic_json(d, lang)).collect::<Vec<_>>(),
                "diagnostics_omitted": report.diagnostics_omitted,
                "summary": render::summary_json(&report),
                "today": today,
            });
            println!("{out}");
        }
        OutputFormat::Human => {
            let renderer = render::stdout_renderer();
            let mut out = std::io::stdout().lock();
            for d in &shown {
                let _ = writeln!(
                    out,
                    "{}\n",
                    render::human(&renderer, d, bytes, origin, lang)
                );
            }
            let tr = lang == Lang::Tr;
            if report.diagnostics_omitted > 0 {
                let n = report.diagnostics_omitted;
                let _ = if tr {
                    writeln!(out, "… ve {n} bulgu daha (--max-diagnostics)")
                } else {
                    writeln!(out, "… and {n} more diagnostics (--max-diagnostics)")
                };
            }
            let (e, w, k) = (
                report.errors,
                report.warnings,
                check::summary_label(kind.as_str(), tr),
            );
            let _ = match (tr, report.valid) {
                (false, true) => writeln!(out, "{origin}: {k} valid: {e} error(s), {w} warning(s)"),
                (false, false) => {
                    writeln!(out, "{origin}: {k} invalid: {e} error(s), {w} warning(s)")
                }
                (true, true) => writeln!(out, "{origin}: {k} geçerli: {e} hata, {w} uyarı"),
                (true, false) => writeln!(out, "{origin}: {k} geçersiz: {e} hata, {w} uyarı"),
            };
            for (name, value) in &report.summary {
                let label = check::summary_label(name, tr);
                let _ = writeln!(out, "  {label}: {}", render::value_human(value));
            }
            if let (Kind::Campaign, Some(day)) = (kind, today) {
                let word = if tr { "bugün" } else { "today" };
                let _ = writeln!(out, "  {word}: {day}");
            }
        }
    }
    Ok(exit(report.valid))
}
