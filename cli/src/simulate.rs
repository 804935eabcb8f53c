//! `santral simulate`: starts the simulator (`santral-server`) and runs it
//! until Ctrl-C or SIGTERM.

use std::net::SocketAddr;
use std::path::PathBuf;
use std::process::ExitCode;

use santral::time::{Timestamp, Zone, TURKEY};
use santral_server::simulator::{shop, DEFAULT_LISTEN, DEFAULT_SPEED};
use santral_server::{Config, Simulator};

use crate::UsageError;

mod shop_flow;

/// The flags of `santral simulate`.
#[derive(clap::Args)]
#[command(args_conflicts_with_subcommands = true)]
pub(crate) struct SimulateArgs {
    /// Make something happen in a running simulator.
    #[command(subcommand)]
    trigger: Option<TriggerCommand>,
    /// Where to listen (port 0: any free port, printed on start).
    #[arg(long, default_value = DEFAULT_LISTEN)]
    listen: SocketAddr,
    /// A valid API key (repeatable); without it, the vendor's sample key.
    #[arg(long = "key")]
    keys: Vec<String>,
    /// Seeds every outcome and uuid (the same seed, the same run).
    #[arg(long)]
    seed: Option<u64>,
    /// Simulated seconds per real second; 0 runs as fast as possible.
    #[arg(long, default_value_t = DEFAULT_SPEED)]
    speed: f64,
    /// Start the simulated clock here (`2026-12-01 09:00:00 +0300`; no
    /// zone means Turkish time) instead of now.
    #[arg(long)]
    clock: Option<String>,
    /// Keep campaigns, call records and settings in this SQLite file.
    #[arg(long)]
    state: Option<PathBuf>,
    /// Never answer 429.
    #[arg(long)]
    no_rate_limits: bool,
    /// Where inbound calls go: a TOML file of `[[number]]` routes and the
    /// Santral Programlama `[advisory]` service (the panel's "Gelen Arama
    /// Yönetimi"), checked by the core; without it every number goes to
    /// queue 200.
    #[arg(long, value_name = "FILE")]
    routing: Option<PathBuf>,
    /// Seconds the Santral Programlama service may take before a call goes
    /// to the fallback (overrides the routing file's `timeout_seconds`;
    /// default 5).
    #[arg(long, value_name = "SECONDS", requires = "routing")]
    advisory_timeout: Option<u32>,
    /// Send webhooks (and verification POSTs) to any host; by default only
    /// to this machine and private networks, named by address or
    /// `localhost`.
    #[arg(long)]
    allow_public_webhooks: bool,
    /// The PBX's extensions (repeatable; default 1000 to 1004).
    #[arg(long = "extension")]
    extensions: Vec<String>,
    /// Seconds a request body may take to arrive before a 408.
    #[arg(long, default_value_t = santral_server::simulator::BODY_TIMEOUT.as_secs_f64())]
    body_timeout: f64,
    /// E-commerce: the shop's address (the panel's "Servis URL"). Given,
    /// the simulator plays the PBX's side of the OpenCart flow against
    /// the shop, prints its report and exits (0: the shop answered every
    /// request correctly; 1: it did not).
    #[arg(long, value_name = "URL", help_heading = "E-commerce (OpenCart)")]
    shop_url: Option<String>,
    /// The shop's OpenCart API key ("Servis Anahtarı").
    #[arg(
        long,
        value_name = "KEY",
        requires = "shop_url",
        help_heading = "E-commerce (OpenCart)"
    )]
    shop_key: Option<String>,
    /// The shop's OpenCart generation: 3 (`api_token`) or 2 (`token`).
    #[arg(
        long,
        value_name = "2|3",
        default_value = "3",
        help_heading = "E-commerce (OpenCart)"
    )]
    shop_opencart: String,
    /// The confirmation announcement's id ("Onay ses kaydı").
    #[arg(long, value_name = "ID", help_heading = "E-commerce (OpenCart)")]
    shop_announcement: Option<String>,
    /// The number customers are called from ("Arayan No").
    #[arg(long, value_name = "NUMBER", help_heading = "E-commerce (OpenCart)")]
    shop_caller_id: Option<String>,
    /// Where a customer asking for a person is sent ("Müşteri Temsilcisi"),
    /// a target such as `user/1001` or `queue/201`.
    #[arg(long, value_name = "TARGET", help_heading = "E-commerce (OpenCart)")]
    shop_representative: Option<String>,
    /// Listings in the run (each calls the orders still undecided).
    #[arg(long, value_name = "N", default_value_t = santral::opencart::DEFAULT_ATTEMPTS, help_heading = "E-commerce (OpenCart)")]
    shop_rounds: u32,
    /// Simulated seconds between listings (waited for at --speed).
    #[arg(long, value_name = "SECONDS", default_value_t = shop::DEFAULT_EVERY_SECONDS, help_heading = "E-commerce (OpenCart)")]
    shop_every: u64,
    /// Calls per order before giving up.
    #[arg(long, value_name = "N", default_value_t = santral::opencart::DEFAULT_ATTEMPTS, help_heading = "E-commerce (OpenCart)")]
    shop_attempts: u32,
    /// Seconds the shop may take to answer one request.
    #[arg(long, value_name = "SECONDS", default_value_t = shop::SHOP_TIMEOUT.as_secs_f64(), help_heading = "E-commerce (OpenCart)")]
    shop_timeout: f64,
    /// After the listings, look up the order of a caller routed to
    /// "E-Ticaret Sipariş Sorgula" (repeatable; any form of the number).
    #[arg(
        long = "shop-lookup",
        value_name = "NUMBER",
        help_heading = "E-commerce (OpenCart)"
    )]
    shop_lookups: Vec<String>,
    /// Also write the report as JSON to this file.
    #[arg(long, value_name = "FILE", help_heading = "E-commerce (OpenCart)")]
    shop_report: Option<PathBuf>,
    /// For a shop owner checking their own shop: log in, send one harmless
    /// probe (a lookup whose telephone is a single quote) and say whether
    /// the plugin builds SQL from request text. Reads and changes nothing;
    /// exit 1 when it does.
    #[arg(long, requires = "shop_url", help_heading = "E-commerce (OpenCart)")]
    shop_audit: bool,
}

/// `santral simulate trigger …`.
#[derive(clap::Subcommand)]
pub(crate) enum SimulateCommand {
    /// Make something happen in a running simulator (its control surface,
    /// answered to this machine only).
    Trigger {
        #[command(subcommand)]
        what: TriggerWhat,
        /// The running simulator.
        #[arg(long, global = true, default_value = "http://127.0.0.1:8095")]
        simulator: String,
    },
}

/// What to trigger.
#[derive(clap::Subcommand)]
pub(crate) enum TriggerWhat {
    /// A call from outside to one of the domain's numbers, routed as the
    /// routing file says; prints what happened (and each Santral
    /// Programlama step) as JSON.
    Inbound {
        /// The caller (`05334979714`, `+905334979714`…); empty or
        /// `anonymous`: withheld.
        #[arg(long, default_value = "")]
        from: String,
        /// The dialled number.
        #[arg(long)]
        to: String,
        /// The keys pressed at each prompt, in order (repeatable).
        #[arg(long = "digits")]
        digits: Vec<String>,
        /// What the caller says at each speech recognition (repeatable).
        #[arg(long = "speech")]
        speech: Vec<String>,
    },
    /// An agent's state: AVAILABLE, LOGGED_OUT or ON_BREAK.
    Agent {
        /// The extension.
        extension: String,
        /// The new state.
        #[arg(long)]
        status: String,
        /// The break's reason (ON_BREAK).
        #[arg(long)]
        reason: Option<String>,
    },
    /// A fax received from outside (it lands in /fdrs).
    FaxIn {
        /// The sender.
        #[arg(long)]
        from: String,
        /// The receiving number (default one of the domain's).
        #[arg(long)]
        to: Option<String>,
    },
}

/// The `trigger` subcommand, when given.
#[derive(clap::Subcommand)]
pub(crate) enum TriggerCommand {
    #[command(flatten)]
    Command(SimulateCommand),
}

fn trigger(command: SimulateCommand) -> Result<ExitCode, UsageError> {
    let SimulateCommand::Trigger { what, simulator } = command;
    let (path, form): (&str, Vec<(&str, String)>) = match &what {
        TriggerWhat::Inbound {
            from,
            to,
            digits,
            speech,
        } => {
            let mut form = vec![("from", from.clone()), ("to", to.clone())];
            form.extend(digits.iter().map(|d| ("digits", d.clone())));
            form.extend(speech.iter().map(|d| ("speech", d.clone())));
            ("inbound", form)
        }
        TriggerWhat::Agent {
            extension,
            status,
            reason,
        } => (
            "agent",
            vec![
                ("extension", extension.clone()),
                ("status", status.clone()),
                ("reason", reason.clone().unwrap_or_default()),
            ],
        ),
        TriggerWhat::FaxIn { from, to } => (
            "fax-in",
            vec![
                ("from", from.clone()),
                ("to", to.clone().unwrap_or_default()),
            ],
        ),
    };
    let pairs: Vec<(&str, &str)> = form.iter().map(|(k, v)| (*k, v.as_str())).collect();
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .map_err(|e| UsageError(format!("cannot start the runtime: {e}")))?;
    let (status, body) = runtime
        .block_on(santral_server::simulator::trigger(&simulator, path, &pairs))
        .map_err(|e| UsageError(format!("{simulator}: {e}")))?;
    println!("{body}");
    Ok(if status == 200 {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    })
}

/// A flag the core refused: `--clock: date.not_calendar: …`.
fn flag_error(flag: &str, e: santral::diag::Error) -> UsageError {
    UsageError(format!("{flag}: {}: {}", e.code.id(), e.code.message()))
}

pub(crate) fn run(mut args: SimulateArgs) -> Result<ExitCode, UsageError> {
    if let Some(TriggerCommand::Command(command)) = args.trigger.take() {
        return trigger(command);
    }
    if !(args.speed >= 0.0 && args.speed.is_finite()) {
        return Err(UsageError("--speed: must be 0 or a positive number".into()));
    }
    let clock = match &args.clock {
        Some(text) => {
            let t = Timestamp::parse(text).map_err(|e| flag_error("--clock", e))?;
            let t = if t.zone == Zone::Unspecified {
                Timestamp { zone: TURKEY, ..t }
            } else {
                t
            };
            Some(t.unix_seconds())
        }
        None => None,
    };
    for e in &args.extensions {
        santral::lexical::Extension::parse(e)
            .map_err(|err| flag_error(&format!("--extension {e}"), err))?;
    }
    if !(args.body_timeout > 0.0 && args.body_timeout.is_finite()) {
        return Err(UsageError(
            "--body-timeout: must be a positive number of seconds".into(),
        ));
    }
    if let Some(url) = &args.shop_url {
        let started = clock.unwrap_or_else(|| {
            std::time::SystemTime::now()
                .duration_since(std::time::UNIX_EPOCH)
                .map(|d| d.as_secs() as i64)
                .unwrap_or(0)
        });
        return shop_flow::run(&args, url, started);
    }
    let routing = match &args.routing {
        None => None,
        Some(path) => {
            let text =
                std::fs::read(path).map_err(|e| UsageError(format!("{}: {e}", path.display())))?;
            let name = path.display().to_string();
            // Read once, kept for the life of the process.
            let text: &'static [u8] = Box::leak(text.into_boxed_slice());
            let mut found = Vec::new();
            let read = santral::routing::read(text, &mut |d: santral::Diagnostic| {
                found.push(d);
                std::ops::ControlFlow::Continue(())
            });
            crate::render::print_diagnostics(&name, text, &found, crate::render::Lang::En);
            let mut routing =
                read.ok_or_else(|| UsageError(format!("{name}: the routing has errors")))?;
            if let (Some(secs), Some(a)) = (args.advisory_timeout, routing.advisory.as_mut()) {
                if !(1..=30).contains(&secs) {
                    return Err(UsageError("--advisory-timeout: 1 to 30 seconds".into()));
                }
                a.timeout_seconds = secs;
            }
            Some(routing)
        }
    };
    let mut config = Config {
        routing,
        body_timeout: std::time::Duration::from_secs_f64(args.body_timeout),
        listen: args.listen,
        keys: args.keys,
        seed: args.seed,
        speed: args.speed,
        clock,
        state: args.state,
        rate_limits: !args.no_rate_limits,
        allow_public_webhooks: args.allow_public_webhooks,
        ..Config::default()
    };
    if !args.extensions.is_empty() {
        config.extensions = args.extensions;
    }
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .map_err(|e| UsageError(format!("cannot start the runtime: {e}")))?;
    runtime.block_on(async move {
        let sim = Simulator::start(config)
            .await
            .map_err(|e| UsageError(format!("cannot start the simulator: {e}")))?;
        shutdown_signal().await;
        sim.stop().await;
        Ok(ExitCode::SUCCESS)
    })
}

/// Ctrl-C, or SIGTERM on Unix.
pub(crate) async fn shutdown_signal() {
    #[cfg(unix)]
    {
        use tokio::signal::unix::{signal, SignalKind};
        match signal(SignalKind::terminate()) {
            Ok(mut term) => {
                tokio::select! {
                    _ = tokio::signal::ctrl_c() => {}
                    _ = term.recv() => {}
                }
            }
            Err(_) => {
                let _ = tokio::signal::ctrl_c().await;
            }
        }
    }
    #[cfg(not(unix))]
    {
        let _ = tokio::signal::ctrl_c().await;
    }
}
