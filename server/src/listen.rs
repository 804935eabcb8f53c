//! The accept loop both services share: HTTP/1.1 on hyper with a header
//! deadline and a connection cap, so that no peer holds a file descriptor
//! for long before the allow-list is consulted.
//!
//! - **Header deadline** ([`Limits::header_timeout`]): a request's head
//!   must arrive whole within it — counted from the connection's start and
//!   again from the end of each answer, so it is the idle timeout of a
//!   kept-alive connection too. A peer that trickles a byte at a time is
//!   cut off when it runs out; one that sends nothing, likewise.
//! - **Connection cap** ([`Limits::max_connections`]): with that many
//!   open, the loop stops accepting until one closes; newcomers wait in the
//!   kernel's listen queue (they hold no descriptor of ours) and are served
//!   in turn — a PBX's webhook is late, not reset. Each time the cap is
//!   reached is counted in [`Limits::capped`] for the gateway's metrics.
//!   Keep the cap under the process's descriptor limit (`ulimit -n`) so
//!   that the database and the outgoing deliveries always find one.
//!
//! - **Head size** ([`MAX_HEAD_BYTES`]): a request line and headers larger
//!   than 64 KiB are answered 431 (a webhook's head is a few hundred bytes;
//!   the longest API query string a few KiB).
//!
//! Body deadlines (408) and sizes (413) are the services' own: they read
//! bodies frame by frame under their budgets.

use std::future::Future;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;
use std::time::Duration;

use axum::extract::ConnectInfo;
use axum::{Extension, Router};
use hyper::server::conn::http1;
use hyper_util::rt::{TokioIo, TokioTimer};
use hyper_util::server::graceful::GracefulShutdown;
use hyper_util::service::TowerToHyperService;
use tokio::net::TcpListener;
use tokio::sync::Semaphore;

use santral::gateway::{DEFAULT_HEADER_TIMEOUT_SECONDS, DEFAULT_MAX_CONNECTIONS};

/// The largest request head (request line and headers) read: 431 beyond.
pub const MAX_HEAD_BYTES: usize = 64 * 1024;

/// What the accept loop allows.
#[derive(Debug, Clone)]
pub struct Limits {
    /// A request head must arrive within it; also the idle timeout.
    pub header_timeout: Duration,
    /// Connections open at once; more wait in the listen queue.
    pub max_connections: usize,
    /// How many times the cap was reached (shared with the metrics).
    pub capped: Arc<AtomicU64>,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            header_timeout: Duration::from_secs(u64::from(DEFAULT_HEADER_TIMEOUT_SECONDS)),
            max_connections: DEFAULT_MAX_CONNECTIONS as usize,
            capped: Arc::new(AtomicU64::new(0)),
        }
    }
}

/// Serves `app` on `listener` until `stop` resolves, then lets the
/// requests in flight finish (connections close after their answer).
/// Each request carries its peer as `ConnectInfo<SocketAddr>`.
pub async fn serve(
    listener: TcpListener,
    app: Router,
    limits: Limits,
    stop: impl Future<Output = ()> + Send,
) {
    let slots = Arc::new(Semaphore::new(limits.max_connections.max(1)));
    let graceful = GracefulShutdown::new();
    let mut http = http1::Builder::new();
    http.timer(TokioTimer::new())
        .header_read_timeout(limits.header_timeout)
        .max_header_size(MAX_HEAD_BYTES)
        .keep_alive(true);
    tokio::pin!(stop);
    loop {
        let slot = match slots.clone().try_acquire_owned() {
            Ok(slot) => slot,
            Err(_) => {
                limits.capped.fetch_add(1, Ordering::Relaxed);
                tokio::select! {
                    slot = slots.clone().acquire_owned() => match slot {
                        Ok(slot) => slot,
                        Err(_) => break,
                    },
                    () = &mut stop => break,
                }
            }
        };
        let (stream, peer) = tokio::select! {
            accepted = listener.accept() => match accepted {
                Ok(pair) => pair,
                // Out of descriptors or a connection reset before accept:
                // wait a moment rather than spin.
                Err(_) => {
                    tokio::time::sleep(Duration::from_millis(50)).await;
                    continue;
                }
            },
            () = &mut stop => break,
        };
        let _ = stream.set_nodelay(true);
        let service = TowerToHyperService::new(app.clone().layer(Extension(ConnectInfo(peer))));
        let connection = graceful.watch(http.serve_connection(TokioIo::new(stream), service));
        tokio::spawn(async move {
            let _ = connection.await;
            drop(slot);
        });
    }
    drop(listener);
    graceful.shutdown().await;
}
