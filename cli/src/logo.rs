//! `santral logo`: a call event into Logo CRM's `IPS_callAnswered` body.

use std::process::ExitCode;

use santral::diag::Diagnostic;
use santral::logo::{CallerForm, Keypress, Trigger};
use serde_json::json;

use crate::render::{self, Lang};
use crate::{exit, input, Outcome, OutputFormat, UsageError};

pub(crate) fn cmd_logo(
    event: Option<&str>,
    agent_id: Option<&str>,
    caller_form: &str,
    keypress: &str,
    trigger: &str,
    lang: Lang,
    format: OutputFormat,
) -> Outcome {
    use santral::logo::{from_event, LogoOptions};
    let usage = |flag: &'static str| {
        move |e: santral::wire::UnknownName| UsageError(format!("--{flag}: {e}"))
    };
    let options = LogoOptions {
        trigger: Trigger::from_option(trigger).map_err(usage("trigger"))?,
        agent_id,
        caller_form: CallerForm::from_option(caller_form).map_err(usage("caller-form"))?,
        keypress: Keypress::from_option(keypress).map_err(usage("keypress"))?,
    };
    let data = input::read(event).map_err(UsageError)?;
    let bytes = data.bytes();
    let origin = event.filter(|f| *f != "-").unwrap_or("<stdin>");
    let mut diagnostics = Vec::new();
    let parsed = santral::event::CallEvent::parse(bytes, &mut |d: Diagnostic| {
        diagnostics.push(d);
        std::ops::ControlFlow::Continue(())
    });
    let outcome = match &parsed {
        None => Err(()),
        Some(e) => from_event(e, &options).map_err(|e| {
            diagnostics.push(Diagnostic::new(e.code, e.span).locate(bytes));
        }),
    };
    let (status, body) = match &outcome {
        Ok(Some(call)) => ("ok", Some(call.to_string())),
        Ok(None) => ("not_trigger", None),
        Err(()) => ("invalid", None),
    };
    if format == OutputFormat::Json {
        let out = json!({
            "status": status,
            "body": body,
            "diagnostics": diagnostics.iter().map(|d| render::diagnostic_json(d, lang)).collect::<Vec<_>>(),
        });
        println!("{out}");
        return Ok(exit(status == "ok"));
    }
    let renderer = render::stderr_renderer();
    for d in &diagnostics {
        eprintln!("{}\n", render::human(&renderer, d, bytes, origin, lang));
    }
    match (body, parsed) {
        (Some(body), _) => {
            println!("{body}");
            Ok(ExitCode::SUCCESS)
        }
        (None, Some(event)) if status == "not_trigger" => {
            eprintln!(
                "event_type {} is not the trigger ({}): nothing to send",
                event.event_type.as_str(),
                options.trigger.as_str()
            );
            Ok(ExitCode::from(1))
        }
        _ => Ok(ExitCode::from(1)),
    }
}
