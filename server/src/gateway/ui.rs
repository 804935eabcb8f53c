//! `GET /ui`: a page for the operator, server-rendered, no external
//! assets — per sink its queue, throughput, circuit and last errors (Logo
//! CRM's 401 with its `web.config` remedy), the dead deliveries with a
//! replay button, a search by call uuid or caller. Who may see it is the
//! core's rule (`santral::gateway::ui_allows`): an allowed client on this
//! machine's loopback, any other allowed client only with `ui_token`.

use std::fmt::Write as _;

use axum::http::StatusCode;
use axum::response::Response;
use santral::phone::{Options, Phone};

use super::store::{now_ms, Search, Store};
use super::{answer, text, Shared};

/// HTML-escapes `s`.
fn esc(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

/// `name`'s value in a query string or form body, percent-decoded by the
/// core's form reader.
pub(crate) fn field(encoded: &str, name: &str) -> Option<String> {
    let pair = santral::form::Form::query(encoded.as_bytes()).get(name)?;
    let mut buf = vec![0u8; encoded.len()];
    pair.value.decode_into(&mut buf).ok().map(str::to_owned)
}

/// A time for the page (Turkish time).
fn when(ms: i64) -> String {
    santral::time::Timestamp::from_unix(ms / 1000, santral::time::Zone::Offset(180))
        .map_or_else(String::new, |t| t.to_string())
}

/// The caller of a kept body, masked (`+90 533*****14`).
fn caller_of(body: &[u8]) -> String {
    let text = String::from_utf8_lossy(body);
    field(&text, "caller_id_number")
        .or_else(|| field(&text, "phone"))
        .and_then(|n| {
            Phone::parse_with(&n, Options::MATCHING)
                .ok()
                .map(|p| p.masked().to_string())
        })
        .unwrap_or_else(|| {
            if body.is_empty() {
                "(purged)".into()
            } else {
                "-".into()
            }
        })
}

/// A caller as the gateway shows it, masked (`+90 533*****14`): a LIKE
/// pattern for its digits, one `_` per hidden digit (`90533_____14`);
/// `None` when `q` is not such a form.
pub(crate) fn masked_pattern(q: &str) -> Option<String> {
    let t: String = q.chars().filter(|c| *c != ' ').collect();
    let t = t.strip_prefix('+').unwrap_or(&t);
    let stars = t.find('*')?;
    let (head, rest) = t.split_at(stars);
    let tail = rest.trim_start_matches('*');
    let hidden = rest.len() - tail.len();
    let digits = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
    (digits(head) && digits(tail)).then(|| format!("{head}{}{tail}", "_".repeat(hidden)))
}

/// The page.
pub(crate) async fn page(shared: &Shared, query: &str, token: Option<&str>) -> Response {
    let store: &Store = &shared.store;
    let now = now_ms();
    let (status, circuits, recent, dead) = match (
        store.status().await,
        store.sink_states(now - 300_000).await,
        store.delivered_since(now - 300_000).await,
        store.dead(50).await,
    ) {
        (Ok(a), Ok(b), Ok(c), Ok(d)) => (a, b, c, d),
        _ => return text(StatusCode::SERVICE_UNAVAILABLE, "Service Unavailable"),
    };
    let hidden = token.map_or_else(String::new, |t| {
        format!(
            "<input type=\"hidden\" name=\"token\" value=\"{}\">",
            esc(t)
        )
    });
    let mut h = String::new();
    let _ = write!(
        h,
        "<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>santral gateway</title>\
         <style>body{{font:14px system-ui,sans-serif;margin:2em}}table{{border-collapse:collapse;margin:1em 0}}\
         td,th{{border:1px solid #ccc;padding:4px 8px;text-align:left}}.open{{color:#b00}}.closed{{color:#080}}</style>\
         </head><body><h1>santral gateway</h1>\
         <p id=\"counts\">events kept: <b id=\"events\">{}</b> — rejected: <b id=\"rejected\">{}</b></p>",
        status.events, status.rejected
    );
    // Per sink: its deliveries by state, throughput, circuit.
    let _ = write!(
        h,
        "<h2>Sinks</h2><table id=\"sinks\"><tr><th>sink</th><th>pending</th><th>done</th><th>dead</th>\
         <th>delivered / min (5 min)</th><th>circuit</th><th>last error</th></tr>"
    );
    for sink in &shared.settings.sinks {
        let count = |state: &str| {
            status
                .deliveries
                .iter()
                .find(|d| d.0 == sink.name && d.1 == state)
                .map_or(0, |d| d.2)
        };
        let last_error = status
            .deliveries
            .iter()
            .filter(|d| d.0 == sink.name && d.1 != "done")
            .find_map(|d| d.4.clone())
            .unwrap_or_default();
        let per_min = recent
            .iter()
            .find(|r| r.0 == sink.name)
            .map_or(0.0, |r| r.1 as f64 / 5.0);
        let circuit: Vec<String> = circuits
            .iter()
            .filter(|c| c.sink == sink.name)
            .map(|c| {
                format!(
                    "<span class=\"{}\">{}</span> (window {}, in flight {}, ambiguous {}; {})",
                    if c.circuit == "closed" {
                        "closed"
                    } else {
                        "open"
                    },
                    esc(&c.circuit),
                    c.window,
                    c.in_flight,
                    c.ambiguous,
                    esc(&c.owner)
                )
            })
            .collect();
        let _ = write!(
            h,
            "<tr data-sink=\"{n}\"><td>{n}</td><td class=\"pending\">{}</td><td class=\"done\">{}</td><td class=\"dead\">{}</td>\
             <td>{per_min:.1}</td><td>{}</td><td>{}</td></tr>",
            count("pending"),
            count("done"),
            count("dead"),
            circuit.join("<br>"),
            esc(&last_error),
            n = esc(&sink.name),
        );
    }
    h.push_str("</table>");
    // Dead deliveries, each with a replay button.
    let _ = write!(h, "<h2>Dead deliveries</h2><table id=\"dead\"><tr><th>sink</th><th>key</th><th>received</th><th>attempts</th><th>last error</th><th></th></tr>");
    for d in &dead {
        let button = if d.replayable {
            format!(
                "<form method=\"post\" action=\"/ui/replay\">{hidden}<input type=\"hidden\" name=\"id\" value=\"{}\">\
                 <button type=\"submit\" class=\"replay\" data-id=\"{}\">replay</button></form>",
                d.id, d.id
            )
        } else {
            "purged".to_owned()
        };
        let _ = write!(
            h,
            "<tr><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}{}</td><td>{button}</td></tr>",
            esc(&d.sink),
            esc(&d.key),
            esc(&when(d.received_ms)),
            d.attempts,
            d.last_status.map_or_else(String::new, |s| format!("{s}: ")),
            esc(d.last_error.as_deref().unwrap_or(""))
        );
    }
    h.push_str("</table>");
    // Search: a call uuid (any part of the key) or a caller's number.
    let q = field(query, "q").unwrap_or_default();
    let _ = write!(
        h,
        "<h2>Search</h2><form method=\"get\" action=\"/ui\">{hidden}<input name=\"q\" value=\"{}\" placeholder=\"call uuid or caller's number\">\
         <button type=\"submit\">search</button></form>",
        esc(&q)
    );
    if !q.trim().is_empty() {
        let digits = Phone::parse_with(q.trim(), Options::MATCHING)
            .ok()
            .filter(|p| p.country_code() != 0)
            .and_then(|p| {
                p.e164()
                    .map(|f| f.to_string().trim_start_matches('+').to_owned())
            });
        let search = match (digits, masked_pattern(q.trim())) {
            (Some(d), _) => Search::Digits(d.into_bytes()),
            (None, Some(p)) => Search::Masked(p),
            (None, None) => Search::Key(q.trim().to_owned()),
        };
        match store.search(search, 50).await {
            Ok(found) => {
                let _ = write!(h, "<table id=\"found\"><tr><th>key</th><th>kind</th><th>received</th><th>caller</th><th>deliveries</th></tr>");
                for x in &found {
                    let deliveries: Vec<String> = x
                        .deliveries
                        .iter()
                        .map(|(s, st, a)| format!("{}: {} ({a})", esc(s), esc(st)))
                        .collect();
                    let _ = write!(
                        h,
                        "<tr><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>",
                        esc(&x.key),
                        esc(&x.kind),
                        esc(&when(x.received_ms)),
                        esc(&caller_of(&x.body)),
                        deliveries.join(", ")
                    );
                }
                let _ = write!(h, "</table><p>{} found</p>", found.len());
            }
            Err(_) => h.push_str("<p>search failed</p>"),
        }
    }
    h.push_str("</body></html>");
    answer(StatusCode::OK, "text/html; charset=utf-8", h)
}

/// `POST /ui/replay`: one dead delivery back in the queue, then the page.
pub(crate) async fn replay(shared: &Shared, form: &str, token: Option<&str>) -> Response {
    let Some(id) = field(form, "id").and_then(|v| v.parse::<i64>().ok()) else {
        return text(StatusCode::BAD_REQUEST, "Bad Request");
    };
    match shared.store.replay_one(id).await {
        Ok(done) => {
            shared.settings.log.line(format_args!(
                "ui: replay delivery {id} → {}",
                if done { "pending" } else { "not dead" }
            ));
            for w in &shared.wake {
                w.notify_one();
            }
            let to = token.map_or_else(|| "/ui".to_owned(), |t| format!("/ui?token={}", esc(t)));
            Response::builder()
                .status(StatusCode::SEE_OTHER)
                .header(axum::http::header::LOCATION, to)
                .body(axum::body::Body::empty())
                .unwrap_or_else(|_| text(StatusCode::INTERNAL_SERVER_ERROR, "error"))
        }
        Err(_) => text(StatusCode::SERVICE_UNAVAILABLE, "Service Unavailable"),
    }
}

#[cfg(test)]
mod tests {
    use super::masked_pattern;

    #[test]
    fn a_masked_caller_is_a_pattern_of_its_digits() {
        assert_eq!(
            masked_pattern("+90 533*****14").as_deref(),
            Some("90533_____14")
        );
        assert_eq!(masked_pattern("533*****14").as_deref(), Some("533_____14"));
        for no in ["A000001", "*****14", "+90 533*****", "90 5x3***14", ""] {
            assert_eq!(masked_pattern(no), None, "{no}");
        }
    }
}
