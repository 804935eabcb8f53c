//! The gateway's settings: the configuration file read by the core
//! (`santral::gateway::read`), with the command line's overrides.

use std::net::SocketAddr;
use std::path::PathBuf;
use std::time::Duration;

use santral::diag::{Diagnostic, Severity};
use santral::gateway::{self, Database, SinkConfig, SinkKind};
use santral::net::{Cidr, VENDOR_ADDRESSES};

use crate::listen::Limits;
use crate::log::Log;

/// Where events are kept.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum DatabaseUrl {
    /// An SQLite file.
    Sqlite(PathBuf),
    /// A PostgreSQL connection string (`postgres://…`).
    Postgres(String),
}

impl DatabaseUrl {
    /// Reads `sqlite:PATH` or `postgres://…` (a command-line override).
    pub fn parse(s: &str) -> Option<DatabaseUrl> {
        if let Some(p) = s.strip_prefix("sqlite:") {
            return (!p.is_empty()).then(|| DatabaseUrl::Sqlite(PathBuf::from(p)));
        }
        (s.starts_with("postgres://") || s.starts_with("postgresql://"))
            .then(|| DatabaseUrl::Postgres(s.to_owned()))
    }

    /// The URL for a log line: a PostgreSQL password masked, in the
    /// `user:pw@` form and as a `password=` parameter.
    pub fn shown(&self) -> String {
        match self {
            DatabaseUrl::Sqlite(p) => format!("sqlite:{}", p.display()),
            DatabaseUrl::Postgres(url) => {
                let (base, query) = url.split_once('?').unwrap_or((url, ""));
                let base = match (base.find("://"), base.rfind('@')) {
                    (Some(scheme), Some(at)) if at > scheme => {
                        let creds = &base[scheme + 3..at];
                        let user = creds.split(':').next().unwrap_or("");
                        let hidden = if creds.contains(':') { ":…" } else { "" };
                        format!("{}{user}{hidden}{}", &base[..scheme + 3], &base[at..])
                    }
                    _ => base.to_owned(),
                };
                if query.is_empty() {
                    return base;
                }
                let params: Vec<String> = query
                    .split('&')
                    .map(|p| match p.split_once('=') {
                        Some((k, _)) if k.to_ascii_lowercase().ends_with("password") => {
                            format!("{k}=…")
                        }
                        _ => p.to_owned(),
                    })
                    .collect();
                format!("{base}?{}", params.join("&"))
            }
        }
    }
}

/// One sink, as the core read it (the file's text lives as long as the process).
#[derive(Clone, Debug)]
pub struct SinkSettings {
    /// Its name: the file's `name`, else `sink[N]`.
    pub name: String,
    /// The core's reading.
    pub config: SinkConfig<'static>,
    /// `url`, decoded.
    pub url: String,
    /// `agent_id`, decoded.
    pub agent_id: Option<String>,
}

impl SinkSettings {
    /// The agent id for an extension (`agents`, else `agent_id`).
    pub fn agent_for(&self, extension: &str) -> Option<String> {
        self.config.agent_for(extension).map(|s| decode(&s))
    }

    /// True when the sink wants campaign reports too.
    pub fn takes_reports(&self) -> bool {
        self.config.kind == SinkKind::Webhook
    }
}

/// Everything the gateway runs with.
#[derive(Clone, Debug)]
pub struct Settings {
    /// Where to listen.
    pub listen: SocketAddr,
    /// Where to keep events.
    pub database: DatabaseUrl,
    /// The vendor's addresses and the file's `allow`.
    pub allow: Vec<Cidr>,
    /// Blocks whose `X-Forwarded-For` counts.
    pub trusted_proxies: Vec<Cidr>,
    /// A path segment before every path.
    pub secret: Option<String>,
    /// Where call events arrive.
    pub events_path: String,
    /// Where campaign reports arrive.
    pub reports_path: String,
    /// Attempts before a delivery is dead.
    pub max_attempts: u32,
    /// The longest wait between attempts.
    pub max_delay: Duration,
    /// How long bodies are kept once delivered (or refused).
    pub retention: gateway::Retention,
    /// The operator page's token (off this machine).
    pub ui_token: Option<String>,
    /// The sinks.
    pub sinks: Vec<SinkSettings>,
    /// The largest body accepted (a webhook is a few hundred bytes).
    pub body_limit: usize,
    /// How long a body may take to arrive.
    pub body_timeout: Duration,
    /// The accept loop's header deadline and connection cap.
    pub limits: Limits,
    /// Where log lines go.
    pub log: Log,
}

/// The default body limit: the receiver's (1 MiB).
pub use santral::receiver::BODY_LIMIT;

fn decode(s: &santral::toml::TomlStr<'_>) -> String {
    let mut buf = vec![0u8; s.len() * 4 + 4];
    s.decode_into(&mut buf).unwrap_or("").to_owned()
}

impl Settings {
    /// Reads a configuration file's text; the core's diagnostics when it
    /// has an error (warnings come back with the settings).
    pub fn from_toml(text: Vec<u8>) -> Result<(Settings, Vec<Diagnostic>), Vec<Diagnostic>> {
        // The sinks borrow the text for the life of the process.
        let text: &'static [u8] = Box::leak(text.into_boxed_slice());
        let mut found = Vec::new();
        let read = gateway::read(text, &mut |d: Diagnostic| {
            found.push(d);
            std::ops::ControlFlow::Continue(())
        });
        let Some(c) = read else {
            return Err(found);
        };
        let database = match c.database {
            Database::Sqlite(p) => DatabaseUrl::Sqlite(PathBuf::from(decode(&p))),
            Database::Postgres(u) => DatabaseUrl::Postgres(decode(&u)),
        };
        let sinks = c
            .sinks
            .iter()
            .enumerate()
            .map(|(i, s)| SinkSettings {
                name: s
                    .name
                    .map(|n| decode(&n))
                    .unwrap_or_else(|| format!("sink[{i}]")),
                config: *s,
                url: decode(&s.url),
                agent_id: s.agent_id.map(|a| decode(&a)),
            })
            .collect();
        let mut allow: Vec<Cidr> = VENDOR_ADDRESSES.to_vec();
        allow.extend(c.allow.iter().copied());
        let warnings = found
            .into_iter()
            .filter(|d| d.severity == Severity::Warning)
            .collect();
        Ok((
            Settings {
                listen: c.listen,
                database,
                allow,
                trusted_proxies: c.trusted_proxies.to_vec(),
                secret: c.secret.map(|s| decode(&s)),
                events_path: decode(&c.events_path),
                reports_path: decode(&c.reports_path),
                max_attempts: c.max_attempts,
                max_delay: Duration::from_secs(u64::from(c.max_delay_seconds)),
                retention: c.retention,
                ui_token: c.ui_token.map(|t| decode(&t)),
                sinks,
                body_limit: BODY_LIMIT,
                body_timeout: Duration::from_secs(10),
                limits: Limits {
                    header_timeout: Duration::from_secs(u64::from(c.header_timeout_seconds)),
                    max_connections: c.max_connections as usize,
                    ..Limits::default()
                },
                log: Log::stderr(),
            },
            warnings,
        ))
    }

    /// `/events` under the secret, if any.
    pub fn full_path(&self, path: &str) -> String {
        match &self.secret {
            Some(s) => format!("/{s}{path}"),
            None => path.to_owned(),
        }
    }

    /// What the core's receiver needs: the same allow-list, proxies,
    /// secret, paths and body limit (no routing route).
    pub fn receiver(&self) -> santral::receiver::Config<'_> {
        santral::receiver::Config {
            allow: &self.allow,
            trusted_proxies: &self.trusted_proxies,
            secret: self.secret.as_deref(),
            events_path: Some(&self.events_path),
            reports_path: Some(&self.reports_path),
            advisory_path: None,
            body_limit: self.body_limit,
        }
    }

    /// A request path for a log line: the secret segment written `…`.
    pub fn shown_path(&self, path: &str) -> String {
        match &self.secret {
            Some(s) if !s.is_empty() => path.replace(s.as_str(), "…"),
            _ => path.to_owned(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::DatabaseUrl;

    #[test]
    fn a_database_password_is_masked_in_either_form() {
        let shown = |u: &str| DatabaseUrl::parse(u).map(|d| d.shown());
        assert_eq!(
            shown("postgres://postgres:hunter2@127.0.0.1:5432/db").as_deref(),
            Some("postgres://postgres:…@127.0.0.1:5432/db")
        );
        assert_eq!(
            shown("postgres://postgres@127.0.0.1:5432/postgres?password=hunter2&sslmode=disable")
                .as_deref(),
            Some("postgres://postgres@127.0.0.1:5432/postgres?password=…&sslmode=disable")
        );
        assert_eq!(
            shown("sqlite:/tmp/x.db").as_deref(),
            Some("sqlite:/tmp/x.db")
        );
    }
}
