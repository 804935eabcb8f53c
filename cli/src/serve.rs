//! `santral serve` (the gateway) and `santral gateway status|replay|export`.

use std::path::PathBuf;
use std::process::ExitCode;

use santral_server::gateway::{DatabaseUrl, Gateway, Settings, Store};

use crate::render::Lang;
use crate::{OutputFormat, UsageError};

/// The flags of `santral serve`.
#[derive(clap::Args)]
pub(crate) struct ServeArgs {
    /// The configuration file (TOML; `santral check gateway-config FILE`
    /// checks it).
    #[arg(long)]
    config: PathBuf,
    /// Where to listen (overrides `listen`).
    #[arg(long)]
    listen: Option<std::net::SocketAddr>,
    /// `sqlite:PATH` or `postgres://…` (overrides `database`).
    #[arg(long)]
    database: Option<String>,
}

/// `santral gateway …`.
#[derive(clap::Subcommand)]
pub(crate) enum GatewayCommand {
    /// Counts of kept events and of deliveries per sink and state.
    Status {
        #[arg(long)]
        config: PathBuf,
        #[arg(long)]
        database: Option<String>,
        #[arg(long, value_enum, default_value = "human")]
        format: OutputFormat,
    },
    /// Puts dead deliveries back in the queue (of one sink, or all).
    Replay {
        #[arg(long)]
        config: PathBuf,
        #[arg(long)]
        database: Option<String>,
        #[arg(long)]
        sink: Option<String>,
    },
    /// Every kept event with its deliveries, as JSON lines.
    Export {
        #[arg(long)]
        config: PathBuf,
        #[arg(long)]
        database: Option<String>,
    },
    /// Removes the bodies (callers' numbers) kept longer than
    /// `retention_days`; `santral serve` does it by itself every hour.
    Purge {
        #[arg(long)]
        config: PathBuf,
        #[arg(long)]
        database: Option<String>,
        /// Purge as on this day (YYYY-MM-DD, Turkish midnight) instead of
        /// now: what a retention removes by then.
        #[arg(long)]
        as_of: Option<String>,
    },
}

/// Reads the configuration with the core, printing its findings like
/// `santral check` does; an error is a usage error.
fn settings(config: &PathBuf, database: Option<&str>) -> Result<Settings, UsageError> {
    let text =
        std::fs::read(config).map_err(|e| UsageError(format!("{}: {e}", config.display())))?;
    let name = config.display().to_string();
    let (mut s, warnings) = match Settings::from_toml(text.clone()) {
        Ok(x) => x,
        Err(found) => {
            crate::render::print_diagnostics(&name, &text, &found, Lang::En);
            return Err(UsageError(format!("{name}: the configuration has errors")));
        }
    };
    crate::render::print_diagnostics(&name, &text, &warnings, Lang::En);
    if let Some(db) = database {
        s.database = DatabaseUrl::parse(db).ok_or_else(|| {
            UsageError(format!(
                "--database: {}: {}",
                santral::Code::ConfigDatabase.id(),
                santral::Code::ConfigDatabase.message()
            ))
        })?;
    }
    Ok(s)
}

fn runtime() -> Result<tokio::runtime::Runtime, UsageError> {
    tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .map_err(|e| UsageError(format!("cannot start the runtime: {e}")))
}

pub(crate) fn serve(args: ServeArgs) -> Result<ExitCode, UsageError> {
    let mut s = settings(&args.config, args.database.as_deref())?;
    if let Some(l) = args.listen {
        s.listen = l;
    }
    runtime()?.block_on(async move {
        let gw = Gateway::start(s)
            .await
            .map_err(|e| UsageError(format!("cannot start: {e}")))?;
        crate::simulate::shutdown_signal().await;
        gw.stop().await;
        Ok(ExitCode::SUCCESS)
    })
}

pub(crate) fn gateway(command: GatewayCommand) -> Result<ExitCode, UsageError> {
    let (config, database) = match &command {
        GatewayCommand::Status {
            config, database, ..
        }
        | GatewayCommand::Replay {
            config, database, ..
        }
        | GatewayCommand::Export { config, database }
        | GatewayCommand::Purge {
            config, database, ..
        } => (config.clone(), database.clone()),
    };
    let s = settings(&config, database.as_deref())?;
    runtime()?.block_on(async move {
        let store = Store::open(&s.database).await.map_err(|e| UsageError(format!("{}: {e}", s.database.shown())))?;
        let fail = |e: String| UsageError(format!("{}: {e}", s.database.shown()));
        match command {
            GatewayCommand::Status { format, .. } => {
                let st = store.status().await.map_err(fail)?;
                // Each running replica's view of each sink (recorded within
                // the last five minutes: older ones stopped).
                let now = santral_server::gateway::now_ms();
                let circuits = store.sink_states(now - 300_000).await.map_err(fail)?;
                match format {
                    OutputFormat::Json => {
                        let rows: Vec<_> = st
                            .deliveries
                            .iter()
                            .map(|(sink, state, n, next, err)| serde_json::json!({"sink": sink, "state": state, "count": n, "next_ms": next, "last_error": err}))
                            .collect();
                        let replicas: Vec<_> = circuits
                            .iter()
                            .map(|c| serde_json::json!({"sink": c.sink, "replica": c.owner, "circuit": c.circuit, "window": c.window,
                                "in_flight": c.in_flight, "open_until_ms": (c.circuit != "closed").then_some(c.open_until),
                                "ambiguous": c.ambiguous, "updated_ms": c.updated_ms}))
                            .collect();
                        println!("{}", serde_json::json!({"events": st.events, "rejected": st.rejected, "deliveries": rows, "sinks": replicas}));
                    }
                    OutputFormat::Human => {
                        println!("events kept: {}  rejected: {}", st.events, st.rejected);
                        for (sink, state, n, _, err) in &st.deliveries {
                            let err = match (state.as_str(), err) {
                                ("done", _) | (_, None) => String::new(),
                                (_, Some(e)) => format!("  last error: {e}"),
                            };
                            println!("  {sink:<16} {state:<8} {n:>8}{err}");
                        }
                        for c in &circuits {
                            let until = if c.circuit == "open" {
                                format!(" for {} s more", ((c.open_until - now).max(0) + 999) / 1000)
                            } else {
                                String::new()
                            };
                            println!(
                                "  {:<16} circuit {}{until}, window {}, in flight {}, ambiguous {} (replica {}, {} s ago)",
                                c.sink,
                                c.circuit,
                                c.window,
                                c.in_flight,
                                c.ambiguous,
                                c.owner,
                                (now - c.updated_ms).max(0) / 1000
                            );
                        }
                    }
                }
            }
            GatewayCommand::Purge { as_of, .. } => {
                let now = match as_of {
                    None => santral_server::gateway::now_ms(),
                    Some(day) => santral::time::Date::parse(&day)
                        .ok()
                        .and_then(|_| santral::time::Timestamp::parse(&format!("{day} 00:00:00 +0300")).ok())
                        .map(|t| t.unix_seconds() * 1000)
                        .ok_or_else(|| UsageError(format!("--as-of {day}: a day written YYYY-MM-DD")))?,
                };
                let p = store.purge(now, s.retention).await.map_err(fail)?;
                println!(
                    "purged the bodies of {} call events (kept {} days), {} campaign reports ({} days), {} refused bodies ({} days)",
                    p.call_events,
                    s.retention.call_event,
                    p.campaign_reports,
                    s.retention.campaign_report,
                    p.rejected,
                    s.retention.rejected
                );
            }
            GatewayCommand::Replay { sink, .. } => {
                let n = store.replay(sink.as_deref()).await.map_err(fail)?;
                println!("replayed {n} dead deliveries");
            }
            GatewayCommand::Export { .. } => {
                let mut after = 0;
                loop {
                    let batch = store.export(after, 1000).await.map_err(fail)?;
                    let Some(last) = batch.last() else { break };
                    after = last.id;
                    for x in &batch {
                        let deliveries: Vec<_> = x
                            .deliveries
                            .iter()
                            .map(|(sink, state, attempts)| serde_json::json!({"sink": sink, "state": state, "attempts": attempts}))
                            .collect();
                        println!(
                            "{}",
                            serde_json::json!({"id": x.id, "received_ms": x.received_ms, "kind": x.kind, "key": x.key,
                                "body": String::from_utf8_lossy(&x.body), "deliveries": deliveries})
                        );
                    }
                }
            }
        }
        Ok(ExitCode::SUCCESS)
    })
}
