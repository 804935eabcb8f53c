//! `santral`: check Bulut Santralim payloads, phones, targets and phrases
//! with compiler-quality diagnostics. Every verdict, option name and
//! default comes from the core (`santral-core`); this crate reads input
//! and presents results.
//!
//! Exit status: 0 valid (warnings allowed), 1 invalid, 2 usage or I/O error.

mod api;
mod input;
mod openapi;
mod render;
mod serve;
mod simulate;

use std::io::Write;
use std::process::ExitCode;

use clap::builder::PossibleValuesParser;
use clap::{Parser, Subcommand, ValueEnum};
use santral::check::{self, Kind, Options as CheckOptions};
use santral::diag::{Code, Diagnostic};
use santral::logo::{CallerForm, Keypress, Trigger};
use santral::phone::{Format, Options as PhoneOptions, Phone};
use santral::target::{Target, TargetContext};
use serde_json::{json, Value as Json};

use render::Lang;

#[derive(Parser)]
#[command(
    name = "santral",
    version,
    about = "Check Bulut Santralim payloads, phones, targets and phrases"
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Clone, Copy, ValueEnum, PartialEq, Eq)]
pub(crate) enum OutputFormat {
    Human,
    Json,
}

#[derive(Clone, Copy, ValueEnum)]
enum LangArg {
    En,
    Tr,
}

impl From<LangArg> for Lang {
    fn from(l: LangArg) -> Lang {
        match l {
            LangArg::En => Lang::En,
            LangArg::Tr => Lang::Tr,
        }
    }
}

/// The phone options every face has, with the core's defaults
/// (`phone::Options::DEFAULT`: strict, extensions accepted).
#[derive(clap::Args, Clone)]
struct PhoneArgs {
    /// Ignore spaces, dashes, dots, parentheses and slashes.
    #[arg(long)]
    lenient: bool,
    /// Refuse internal extensions (2–8 digits).
    #[arg(long)]
    no_extension: bool,
    /// Read any 2–8 digit string as an extension first (as in
    /// `connected_user`).
    #[arg(long)]
    extension_first: bool,
    /// Read national forms as written in this region (`DE`, `US`, any
    /// case); Turkey's when absent. `+…` numbers are the same everywhere.
    #[arg(long, value_name = "CODE")]
    region: Option<String>,
}

impl PhoneArgs {
    #[allow(clippy::result_large_err)]
    fn options(&self) -> Result<PhoneOptions, Diagnostic> {
        let d = PhoneOptions::DEFAULT;
        PhoneOptions {
            lenient: d.lenient || self.lenient,
            allow_extension: d.allow_extension && !self.no_extension,
            extension_first: d.extension_first || self.extension_first,
            region: None,
        }
        .with_region_text(self.region.as_deref())
    }
}

/// Values of an option the core declares: clap lists them from the core's table.
fn names(list: &'static [&'static str]) -> PossibleValuesParser {
    PossibleValuesParser::new(list.iter().copied())
}

#[derive(Subcommand)]
enum Command {
    /// Check a payload: campaign, campaign-report, call-event,
    /// advisory-request, advisory-response, crm-settings, logo-crm,
    /// opencart-request, opencart-reply, order-sync-settings, cdr-list,
    /// cdr-detail, gateway-config.
    Check {
        /// The payload kind.
        kind: String,
        /// The file to read; `-` or nothing for standard input.
        file: Option<String>,
        #[arg(long, value_enum, default_value = "human")]
        format: OutputFormat,
        #[arg(long, value_enum, default_value = "en")]
        lang: LangArg,
        /// Today (YYYY-MM-DD): a campaign's default start date and its
        /// `window.passed` warning. Default: the system clock in Turkish
        /// time (printed as `today`); `none`: no day, as the libraries.
        /// `SANTRAL_TODAY` in the environment stands for the flag.
        #[arg(long)]
        today: Option<String>,
        /// The advisory digits parameter name set by the previous prompt.
        #[arg(long)]
        param_name: Option<String>,
        /// Show at most this many diagnostics (all are counted).
        #[arg(long, default_value_t = check::DEFAULT_MAX_DIAGNOSTICS)]
        max_diagnostics: usize,
        /// Check at most this many campaign leads for repeated numbers (0: none).
        #[arg(long, default_value_t = check::DEFAULT_DUPLICATE_LEADS)]
        duplicate_leads: usize,
    },
    /// Parse phone numbers and show every form.
    Phone {
        #[arg(required = true)]
        numbers: Vec<String>,
        #[command(flatten)]
        options: PhoneArgs,
        #[arg(long, value_enum, default_value = "human")]
        format: OutputFormat,
    },
    /// Exit 0 when A and B denote the same subscriber, 1 when not.
    Match {
        a: String,
        b: String,
        #[arg(long, value_enum, default_value = "human")]
        format: OutputFormat,
    },
    /// Parse a call target.
    Target {
        target: String,
        #[arg(long, default_value = "campaign", value_parser = names(TargetContext::NAMES))]
        context: String,
        #[arg(long, value_enum, default_value = "en")]
        lang: LangArg,
        #[arg(long, value_enum, default_value = "human")]
        format: OutputFormat,
    },
    /// Parse a TTS phrase.
    Phrase {
        phrase: String,
        #[arg(long, value_enum, default_value = "en")]
        lang: LangArg,
        #[arg(long, value_enum, default_value = "human")]
        format: OutputFormat,
    },
    /// List every diagnostic code with both messages.
    Codes {
        #[arg(long, value_enum, default_value = "human")]
        format: OutputFormat,
    },
    /// Build campaign requests.
    Campaign {
        #[command(subcommand)]
        command: CampaignCommand,
    },
    /// Convert payloads.
    Convert {
        #[command(subcommand)]
        command: ConvertCommand,
    },
    /// Run a local Bulut Santralim: the vendor's API on the vendor's
    /// paths, campaigns called on a simulated clock, reports and call
    /// events POSTed to your webhooks. With --shop-url: the PBX's side of
    /// the OpenCart order-call flow against a shop, and its report.
    Simulate(Box<simulate::SimulateArgs>),
    /// Run the webhook gateway: receive the PBX's events, keep every one,
    /// deliver them to Logo CRM and other sinks.
    Serve(serve::ServeArgs),
    /// Run any of the API's 45 operations (`santral api --list`): the
    /// core checks and writes the request, the reply is printed typed.
    Api(api::ApiArgs),
    /// Write the vendor's API as an OpenAPI 3.1 document (generated from
    /// the core's tables; `docs/openapi.json` is its checked-in copy).
    Openapi(openapi::OpenapiArgs),
    /// Inspect the gateway's database: status, replay, export.
    Gateway {
        #[command(subcommand)]
        command: serve::GatewayCommand,
    },
}

#[derive(Subcommand)]
enum CampaignCommand {
    /// Build a campaign request from a spreadsheet export (columns phone,
    /// phrase, lang) and a header file (the campaign JSON without
    /// phone_list), validating the result.
    FromCsv {
        leads: String,
        #[arg(long)]
        header: String,
        /// Write the request here instead of standard output.
        #[arg(long, short)]
        output: Option<String>,
        /// Today (YYYY-MM-DD), as for `check`: default the system clock in
        /// Turkish time (or `SANTRAL_TODAY`); `none`: no day.
        #[arg(long)]
        today: Option<String>,
        #[arg(long, value_enum, default_value = "en")]
        lang: LangArg,
        /// `json`: one report object on standard output (with the request
        /// when no `-o` is given) instead of text on standard error.
        #[arg(long, value_enum, default_value = "human")]
        format: OutputFormat,
    },
}

#[derive(Subcommand)]
enum ConvertCommand {
    /// Turn a call-event body into the Logo CRM IPS_callAnswered JSON.
    LogoCrm {
        /// The call-event body; `-` or nothing for standard input.
        event: Option<String>,
        #[arg(long)]
        agent_id: Option<String>,
        #[arg(long, default_value = CallerForm::National.as_str(), value_parser = names(CallerForm::NAMES))]
        caller_form: String,
        /// 1 show card, 2 new offer, 3 new support ticket.
        #[arg(long, default_value = Keypress::ShowCard.as_str(), value_parser = names(Keypress::NAMES))]
        keypress: String,
        #[arg(long, default_value = Trigger::Answer.as_str(), value_parser = names(Trigger::NAMES))]
        trigger: String,
        #[arg(long, value_enum, default_value = "en")]
        lang: LangArg,
        /// `json`: `{"status", "body", "diagnostics"}` instead of the body.
        #[arg(long, value_enum, default_value = "human")]
        format: OutputFormat,
    },
}

/// A failure that is the user's or the system's, not the payload's: exit 2.
pub(crate) struct UsageError(pub(crate) String);

type Outcome = Result<ExitCode, UsageError>;

fn main() -> ExitCode {
    let cli = Cli::parse();
    let outcome = match cli.command {
        Command::Check {
            kind,
            file,
            format,
            lang,
            today,
            param_name,
            max_diagnostics,
            duplicate_leads,
        } => cmd_check(
            &kind,
            file.as_deref(),
            format,
            lang.into(),
            today.as_deref(),
            param_name.as_deref(),
            max_diagnostics,
            duplicate_leads,
        ),
        Command::Phone {
            numbers,
            options,
            format,
        } => Ok(cmd_phone(&numbers, options.options(), format)),
        Command::Match { a, b, format } => Ok(cmd_match(&a, &b, format)),
        Command::Target {
            target,
            context,
            lang,
            format,
        } => cmd_target(&target, &context, lang.into(), format),
        Command::Phrase {
            phrase,
            lang,
            format,
        } => Ok(cmd_phrase(&phrase, lang.into(), format)),
        Command::Codes { format } => Ok(cmd_codes(format)),
        Command::Campaign {
            command:
                CampaignCommand::FromCsv {
                    leads,
                    header,
                    output,
                    today,
                    lang,
                    format,
                },
        } => cmd_from_csv(
            &leads,
            &header,
            output.as_deref(),
            today.as_deref(),
            lang.into(),
            format,
        ),
        Command::Convert {
            command:
                ConvertCommand::LogoCrm {
                    event,
                    agent_id,
                    caller_form,
                    keypress,
                    trigger,
                    lang,
                    format,
                },
        } => cmd_logo(
            event.as_deref(),
            agent_id.as_deref(),
            &caller_form,
            &keypress,
            &trigger,
            lang.into(),
            format,
        ),
        Command::Simulate(args) => simulate::run(*args),
        Command::Openapi(args) => Ok(openapi::run(args)),
        Command::Serve(args) => serve::serve(args),
        Command::Gateway { command } => serve::gateway(command),
        Command::Api(args) => api::run(args),
    };
    match outcome {
        Ok(code) => code,
        Err(UsageError(message)) => {
            eprintln!("santral: {message}");
            ExitCode::from(2)
        }
    }
}

fn exit(valid: bool) -> ExitCode {
    if valid {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    }
}

/// The core's check options from the flags; an unusable value is a usage
/// error naming the flag and the core's code.
fn check_options<'a>(
    today: Option<&str>,
    param_name: Option<&'a str>,
) -> Result<CheckOptions<'a>, UsageError> {
    CheckOptions::from_text(today, param_name).map_err(|e| option_usage(&e))
}

/// An option the core cannot use, named as its flag.
fn option_usage(e: &check::OptionError) -> UsageError {
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
fn today_or_clock(given: Option<&str>) -> Option<String> {
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
fn cmd_check(
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

/// The core's JSON of a number, behind the CLI's `input` and `possible`
/// (kept for the contract: true exactly when the number parsed).
fn phone_json(input: &str, parsed: &Result<Phone, Diagnostic>) -> Json {
    let mut text = format!(
        "{{\"input\":{},\"possible\":{},",
        santral::json::Quoted(input),
        parsed.is_ok()
    );
    match parsed {
        Ok(p) => {
            let _ = p.write_json_members(&mut text);
        }
        Err(d) => {
            let _ = Phone::write_absent_json_members(&mut text);
            text.push_str(",\"error\":");
            let _ = d.write_json(&mut text, false);
        }
    }
    text.push('}');
    serde_json::from_str(&text).unwrap_or(Json::Null)
}

/// A string field of a JSON object, `-` when absent or null.
fn field<'v>(v: &'v Json, key: &str) -> &'v str {
    v.get(key).and_then(|x| x.as_str()).unwrap_or("-")
}

/// `options` is the error for every number when the options themselves
/// are refused (an unknown `--region`), as every face reports it.
#[allow(clippy::result_large_err)]
fn cmd_phone(
    numbers: &[String],
    options: Result<PhoneOptions, Diagnostic>,
    format: OutputFormat,
) -> ExitCode {
    let mut all_ok = true;
    let renderer = render::stdout_renderer();
    for n in numbers {
        let parsed = options.and_then(|o| Phone::check(n, o));
        all_ok &= parsed.is_ok();
        let mut v = phone_json(n, &parsed);
        // A strict refusal suggests the lenient reading (the core's).
        let reading = match &parsed {
            Err(_) => options
                .ok()
                .and_then(|o| Phone::lenient_reading(n, o))
                .map(|f| f.to_string()),
            Ok(_) => None,
        };
        if let (Some(r), Some(e)) = (&reading, v.get_mut("error")) {
            e["suggestion"] = json!(r);
        }
        match format {
            OutputFormat::Json => println!("{v}"),
            OutputFormat::Human => match &parsed {
                Ok(_) => {
                    println!(
                        "{n}: {} ({})",
                        field(&v, "kind"),
                        if v.get("valid") == Some(&json!(true)) {
                            "valid"
                        } else {
                            "possible, not valid"
                        }
                    );
                    for format in Format::NAMES.iter().chain(&["match_key"]) {
                        println!("  {format:<22}{}", field(&v, format));
                    }
                    if let Some(w) = v.get("warning").and_then(|w| w.as_str()) {
                        println!("  warning: {w}");
                    }
                }
                Err(d) if d.path.to_string() == "region" => {
                    println!("{n}: {} (--region)", d.message(false));
                }
                Err(d) => {
                    let help = reading.map(|r| format!("--lenient reads it as {r}"));
                    println!(
                        "{}",
                        render::human_with_help(
                            &renderer,
                            d,
                            n.as_bytes(),
                            "<number>",
                            Lang::En,
                            help
                        )
                    );
                }
            },
        }
    }
    exit(all_ok)
}

fn cmd_match(a: &str, b: &str, format: OutputFormat) -> ExitCode {
    let same = santral::phone::same_number(a, b);
    match format {
        OutputFormat::Json => println!("{}", json!({ "same": same })),
        OutputFormat::Human => println!("{}", if same { "same subscriber" } else { "different" }),
    }
    exit(same)
}

fn show(d: &Diagnostic, text: &str, origin: &str, lang: Lang) {
    println!(
        "{}",
        render::human(&render::stdout_renderer(), d, text.as_bytes(), origin, lang)
    );
}

fn cmd_target(target: &str, context: &str, lang: Lang, format: OutputFormat) -> Outcome {
    let ctx =
        TargetContext::from_option(context).map_err(|e| UsageError(format!("--context: {e}")))?;
    let parsed = Target::check(target, ctx);
    match (format, &parsed) {
        (OutputFormat::Json, Ok(t)) => {
            let mut text = String::from("{\"valid\":true,");
            let _ = t.write_json_members(&mut text);
            text.push('}');
            println!("{text}");
        }
        (OutputFormat::Json, Err(d)) => {
            let mut text = String::from("{\"valid\":false,\"error\":");
            let _ = d.write_json(&mut text, lang.is_tr());
            text.push('}');
            println!("{text}");
        }
        (OutputFormat::Human, Ok(Target::None)) => println!("(no target)"),
        (OutputFormat::Human, Ok(t)) => println!("{}: {t}", t.kind()),
        (OutputFormat::Human, Err(d)) => show(d, target, "<target>", lang),
    }
    Ok(exit(parsed.is_ok()))
}

fn cmd_phrase(phrase: &str, lang: Lang, format: OutputFormat) -> ExitCode {
    use santral::phrase::{Phrase, Word};
    let p = Phrase::new(phrase);
    let mut diagnostics = Vec::new();
    let errors = p.report(&mut |d: Diagnostic| {
        diagnostics.push(d);
        std::ops::ControlFlow::Continue(())
    });
    match format {
        OutputFormat::Json => {
            let ids: Vec<u64> = p.announcement_ids().map(|i| i.get()).collect();
            let out = json!({
                "valid": errors == 0,
                "announcement_ids": ids,
                "diagnostics": diagnostics.iter().map(|d| render::diagnostic_json(d, lang)).collect::<Vec<_>>(),
            });
            println!("{out}");
        }
        OutputFormat::Human => {
            for t in p.tokens().flatten() {
                let what = match t.word {
                    Word::Announcement(id) => format!("announcement {id}"),
                    Word::Date(d) => format!("date {d}"),
                    Word::Amount { lira, kurus } => format!("amount {lira} lira {kurus} kuruş"),
                    Word::Number(n) => format!("number {n}"),
                };
                println!("{}..{}  {what}", t.span.start, t.span.end);
            }
            for d in &diagnostics {
                show(d, phrase, "<phrase>", lang);
            }
        }
    }
    exit(errors == 0)
}

fn cmd_codes(format: OutputFormat) -> ExitCode {
    for c in Code::ALL {
        match format {
            OutputFormat::Json => println!(
                "{}",
                json!({"code": c.id(), "severity": c.severity().as_str(), "message": c.message(), "message_tr": c.message_tr()})
            ),
            OutputFormat::Human => println!(
                "{:<40} {:<8} {}\n{:<49} {}",
                c.id(),
                c.severity().as_str(),
                c.message(),
                "",
                c.message_tr()
            ),
        }
    }
    ExitCode::SUCCESS
}

/// One spreadsheet row: the number as it goes on the wire, phrase, lang,
/// and the row number people see (the header is row 1).
struct Row {
    phone: String,
    phrase: Option<String>,
    lang: Option<String>,
    row: u64,
}

fn cmd_from_csv(
    leads: &str,
    header: &str,
    output: Option<&str>,
    today: Option<&str>,
    lang: Lang,
    format: OutputFormat,
) -> Outcome {
    use santral::campaign::{write_with_header_json, Lead};
    let day = today_or_clock(today);
    let options = check_options(day.as_deref(), None)?;
    let header_text =
        std::fs::read_to_string(header).map_err(|e| UsageError(format!("{header}: {e}")))?;
    let mut reader = csv::ReaderBuilder::new()
        .flexible(true)
        .from_path(leads)
        .map_err(|e| UsageError(format!("{leads}: {e}")))?;
    let headers = reader
        .headers()
        .map_err(|e| UsageError(format!("{leads}: {e}")))?
        .clone();
    let column = |name: &str| {
        headers
            .iter()
            .position(|h| h.trim().eq_ignore_ascii_case(name))
    };
    let Some(phone_col) = column("phone") else {
        return Err(UsageError(format!("{leads}: no `phone` column")));
    };
    let (phrase_col, lang_col) = (column("phrase"), column("lang"));
    let mut rows: Vec<Row> = Vec::new();
    for record in reader.records() {
        let record = record.map_err(|e| UsageError(format!("{leads}: {e}")))?;
        // The spreadsheet row, not the file line: a quoted cell may hold
        // a newline. The header is record 0 and row 1.
        let row = record.position().map_or(0, |p| p.record() + 1);
        let cell = |i: Option<usize>| {
            i.and_then(|i| record.get(i))
                .map(str::trim)
                .filter(|s| !s.is_empty())
                .map(String::from)
        };
        // Spreadsheet numbers are human-typed: the core's lenient parse
        // turns them into the vendor's wire form; anything it cannot parse
        // is kept as written for the validator to report.
        let raw = record.get(phone_col).unwrap_or("").trim();
        let phone = Phone::parse_lenient(raw)
            .ok()
            .and_then(|p| p.format(Format::Wire).ok())
            .map_or_else(|| raw.to_string(), |w| w.to_string());
        rows.push(Row {
            phone,
            phrase: cell(phrase_col),
            lang: cell(lang_col),
            row,
        });
    }
    // Languages are checked by the core; an unknown one is reported and left out.
    let mut bad_langs = Vec::new();
    let lead_list: Vec<Lead<'_>> = rows
        .iter()
        .map(|r| Lead {
            phone: &r.phone,
            phrase: r.phrase.as_deref(),
            lang: r
                .lang
                .as_deref()
                .and_then(|x| match santral::lexical::Lang::parse(x) {
                    Ok(v) => Some(v),
                    Err(e) => {
                        bad_langs.push((r.row, e));
                        None
                    }
                }),
        })
        .collect();
    let mut body = String::new();
    write_with_header_json(&mut body, &header_text, lead_list.iter().copied())
        .map_err(|e| UsageError(format!("{header}: not a campaign header ({e:?})")))?;
    let mut diagnostics = Vec::new();
    let bytes = body.as_bytes();
    let mut table = vec![
        check::LeadSlot::default();
        check::duplicate_table_len(Kind::Campaign, bytes, &options)
    ];
    let report = check::check_with(
        Kind::Campaign,
        bytes,
        &options,
        &mut table,
        &mut |d: Diagnostic| {
            diagnostics.push(d);
            std::ops::ControlFlow::Continue(())
        },
    );
    // The spreadsheet row of a lead diagnostic (path `phone_list[i]…`).
    let row_of = |d: &Diagnostic| match d.path.segments().get(1) {
        Some(santral::diag::Segment::Index(i)) => rows.get(*i as usize).map(|r| r.row),
        _ => None,
    };
    let valid = report.valid && bad_langs.is_empty();
    let errors = report.errors + bad_langs.len();
    if format == OutputFormat::Json {
        let mut list: Vec<Json> = bad_langs
            .iter()
            .map(|(row, e)| {
                let d = Diagnostic::from_error(
                    *e,
                    0,
                    b"",
                    santral::diag::Path::key(santral::campaign::LeadField::Lang.name()),
                );
                with_row(render::diagnostic_json(&d, lang), Some(*row))
            })
            .collect();
        list.extend(
            diagnostics
                .iter()
                .map(|d| with_row(render::diagnostic_json(d, lang), row_of(d))),
        );
        if valid {
            if let Some(path) = output {
                std::fs::write(path, &body).map_err(|e| UsageError(format!("{path}: {e}")))?;
            }
        }
        let out = json!({
            "valid": valid,
            "leads": rows.len(),
            "errors": errors,
            "warnings": report.warnings,
            "diagnostics": list,
            "request": if valid && output.is_none() { json!(body) } else { Json::Null },
        });
        println!("{out}");
        return Ok(exit(valid));
    }
    let renderer = render::stderr_renderer();
    for (row, e) in &bad_langs {
        eprintln!("{leads}:{row}: {}: {}", e.code.id(), e.code.message());
    }
    for d in &diagnostics {
        if let (Some(row), Some(santral::diag::Segment::Index(i))) =
            (row_of(d), d.path.segments().get(1))
        {
            eprintln!("{leads}:{row}: lead {i}");
        }
        eprintln!(
            "{}\n",
            render::human(&renderer, d, bytes, "<built request>", lang)
        );
    }
    eprintln!(
        "campaign from {} lead(s): {errors} error(s), {} warning(s)",
        rows.len(),
        report.warnings
    );
    if !valid {
        eprintln!("no request written: fix the errors above");
        return Ok(ExitCode::from(1));
    }
    match output {
        Some(path) => {
            std::fs::write(path, &body).map_err(|e| UsageError(format!("{path}: {e}")))?
        }
        None => println!("{body}"),
    }
    Ok(ExitCode::SUCCESS)
}

/// A diagnostic's JSON with the spreadsheet row it came from.
fn with_row(mut v: Json, row: Option<u64>) -> Json {
    if let Some(o) = v.as_object_mut() {
        o.insert("row".into(), json!(row));
    }
    v
}

fn cmd_logo(
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
