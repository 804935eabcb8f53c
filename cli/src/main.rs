//! `santral`: check Bulut Santralim payloads, phones, targets and phrases
//! with compiler-quality diagnostics. Every verdict, option name and
//! default comes from the core (`santral-core`); this crate reads input
//! and presents results.
//!
//! Exit status: 0 valid (warnings allowed), 1 invalid, 2 usage or I/O error.

mod api;
mod from_csv;
mod input;
mod logo;
mod openapi;
mod payload;
mod render;
mod serve;
mod simulate;
mod values;

use std::process::ExitCode;

use clap::builder::{PossibleValuesParser, TypedValueParser};
use clap::{Parser, Subcommand, ValueEnum};
use santral::check::{self, Kind};
use santral::diag::Diagnostic;
use santral::logo::{CallerForm, Keypress, Trigger};
use santral::phone::Options as PhoneOptions;
use santral::target::TargetContext;

use from_csv::cmd_from_csv;
use logo::cmd_logo;
use payload::cmd_check;
use render::Lang;
use values::{cmd_codes, cmd_match, cmd_phone, cmd_phrase, cmd_target};

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

/// `--lang`: the core's message languages, English unless given.
#[derive(clap::Args, Clone, Copy)]
struct LangArg {
    /// The messages' language.
    #[arg(long = "lang", value_name = "LANG", default_value = Lang::En.as_str(),
        value_parser = names(Lang::NAMES).map(|s: String| Lang::from_wire(&s).unwrap_or(Lang::En)))]
    lang: Lang,
}

impl From<LangArg> for Lang {
    fn from(l: LangArg) -> Lang {
        l.lang
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
    /// Check a payload of one of the core's kinds.
    Check {
        /// The payload kind.
        #[arg(value_parser = names(Kind::NAMES))]
        kind: String,
        /// The file to read; `-` or nothing for standard input.
        file: Option<String>,
        #[arg(long, value_enum, default_value = "human")]
        format: OutputFormat,
        #[command(flatten)]
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
        #[arg(long, default_value = TargetContext::Campaign.as_str(), value_parser = names(TargetContext::NAMES))]
        context: String,
        #[command(flatten)]
        lang: LangArg,
        #[arg(long, value_enum, default_value = "human")]
        format: OutputFormat,
    },
    /// Parse a TTS phrase.
    Phrase {
        phrase: String,
        #[command(flatten)]
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
        #[command(flatten)]
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
        #[command(flatten)]
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
