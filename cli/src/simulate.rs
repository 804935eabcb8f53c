//! `santral simulate`: starts the simulator (`santral-server`) and runs it
//! until Ctrl-C or SIGTERM.

use std::net::SocketAddr;
use std::path::PathBuf;
use std::process::ExitCode;

use santral::time::{Timestamp, Zone, TURKEY};
use santral_server::simulator::{DEFAULT_LISTEN, DEFAULT_SPEED};
use santral_server::{Config, Simulator};

use crate::UsageError;

/// The flags of `santral simulate`.
#[derive(clap::Args)]
pub(crate) struct SimulateArgs {
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
    /// The PBX's extensions (repeatable; default 1000 to 1004).
    #[arg(long = "extension")]
    extensions: Vec<String>,
    /// Seconds a request body may take to arrive before a 408.
    #[arg(long, default_value_t = santral_server::simulator::BODY_TIMEOUT.as_secs_f64())]
    body_timeout: f64,
}

pub(crate) fn run(args: SimulateArgs) -> Result<ExitCode, UsageError> {
    if !(args.speed >= 0.0 && args.speed.is_finite()) {
        return Err(UsageError("--speed: must be 0 or a positive number".into()));
    }
    let clock = match &args.clock {
        Some(text) => {
            let t = Timestamp::parse(text).map_err(|e| {
                UsageError(format!("--clock: {}: {}", e.code.id(), e.code.message()))
            })?;
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
        santral::lexical::Extension::parse(e).map_err(|err| {
            UsageError(format!(
                "--extension {e}: {}: {}",
                err.code.id(),
                err.code.message()
            ))
        })?;
    }
    if !(args.body_timeout > 0.0 && args.body_timeout.is_finite()) {
        return Err(UsageError(
            "--body-timeout: must be a positive number of seconds".into(),
        ));
    }
    let mut config = Config {
        body_timeout: std::time::Duration::from_secs_f64(args.body_timeout),
        listen: args.listen,
        keys: args.keys,
        seed: args.seed,
        speed: args.speed,
        clock,
        state: args.state,
        rate_limits: !args.no_rate_limits,
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
