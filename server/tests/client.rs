//! `santral_server::client`: every generated method against a loopback
//! stand-in answering the vendor's published replies (checking what
//! arrived against the core's request), the blocking client, a 429
//! retried, and the simulator for the operations it plays.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)]

use std::sync::{Arc, Mutex};

use santral::api::{Call, Operation, SAMPLE_KEY};
use santral_server::client::{BlockingClient, Client, ClientError, Reply, Value};
use santral_server::{Config, Log, Simulator};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpListener;

/// What the stand-in saw and what it answers next.
#[derive(Default)]
struct Shared {
    seen: Vec<(String, String)>,
    answers: Vec<(u16, String)>,
}

/// A loopback HTTP server answering from `answers` (the last one again
/// when they run out), keeping each request line and body.
async fn stand_in() -> (String, Arc<Mutex<Shared>>) {
    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let url = format!("http://{}", listener.local_addr().unwrap());
    let shared = Arc::new(Mutex::new(Shared::default()));
    let state = shared.clone();
    tokio::spawn(async move {
        loop {
            let Ok((mut sock, _)) = listener.accept().await else {
                return;
            };
            let state = state.clone();
            tokio::spawn(async move {
                let mut buf = Vec::new();
                let mut chunk = [0u8; 8192];
                // Headers, then as much body as Content-Length says.
                let (head, body) = loop {
                    let n = sock.read(&mut chunk).await.unwrap_or(0);
                    if n == 0 {
                        return;
                    }
                    buf.extend_from_slice(&chunk[..n]);
                    if let Some(at) = buf.windows(4).position(|w| w == b"\r\n\r\n") {
                        let head = String::from_utf8_lossy(&buf[..at]).to_string();
                        let len = head
                            .lines()
                            .find_map(|l| {
                                l.to_ascii_lowercase()
                                    .strip_prefix("content-length:")
                                    .map(|v| v.trim().parse::<usize>().unwrap_or(0))
                            })
                            .unwrap_or(0);
                        while buf.len() < at + 4 + len {
                            let n = sock.read(&mut chunk).await.unwrap_or(0);
                            if n == 0 {
                                break;
                            }
                            buf.extend_from_slice(&chunk[..n]);
                        }
                        break (head, String::from_utf8_lossy(&buf[at + 4..]).to_string());
                    }
                };
                let line = head.lines().next().unwrap_or("").to_string();
                let (status, text) = {
                    let mut s = state.lock().unwrap();
                    s.seen.push((line, body));
                    if s.answers.len() > 1 {
                        s.answers.remove(0)
                    } else {
                        s.answers[0].clone()
                    }
                };
                let reply = format!(
                    "HTTP/1.1 {status} X\r\ncontent-length: {}\r\ncontent-type: text/plain\r\nconnection: close\r\n\r\n{text}",
                    text.len()
                );
                let _ = sock.write_all(reply.as_bytes()).await;
            });
        }
    });
    (url, shared)
}

fn args(op: Operation) -> Vec<(&'static str, &'static str)> {
    const UUID: &str = "f3797dfc-a818-11e7-bf70-cb295b6663ce";
    match op {
        Operation::Bridge => vec![("source", "905321234567"), ("destination", "905423456789")],
        Operation::Answer
        | Operation::Hangup
        | Operation::RecordingUrl
        | Operation::FaxDocumentUrl
        | Operation::GetCdr => {
            vec![("call_uuid", UUID)]
        }
        Operation::Transfer => vec![("call_uuid", UUID), ("user_number", "1000")],
        Operation::Mute => vec![("call_uuid", UUID), ("state", "on")],
        Operation::SetDnd => vec![("extension", "1010"), ("state", "on")],
        Operation::CreateAnnouncement => {
            vec![("name", "x"), ("sounddata", "data:audio/mp3;base64,SUQz")]
        }
        Operation::UpdateAnnouncement => vec![
            ("id", "1"),
            ("name", "x"),
            ("sounddata", "data:audio/mp3;base64,SUQz"),
        ],
        Operation::DeleteAnnouncement
        | Operation::UpdateContact
        | Operation::DeleteContact
        | Operation::DeleteContactGroup
        | Operation::DeleteCampaign => {
            vec![("id", "10203")]
        }
        Operation::SetOutboundCallerId => {
            vec![("extension", "1001"), ("caller_id", "908505320001")]
        }
        Operation::ListQueueMembers => vec![("queue_number", "200")],
        Operation::SetQueueMembers => vec![("queue_number", "200"), ("user_list", "1000,1001")],
        Operation::VoicemailUrl => vec![("uuid", UUID)],
        Operation::CreateContactGroup => vec![("name", "x")],
        Operation::UpdateContactGroup => vec![("id", "1"), ("name", "x")],
        Operation::CreateContact => vec![("name", "x"), ("phone", "05321234567")],
        Operation::BlockNumber | Operation::UnblockNumber => vec![("number", "05531234567")],
        Operation::SendFax => vec![
            ("remote_station_id", "902123205072"),
            ("filedata", "data:application/pdf;base64,JVBE"),
        ],
        Operation::CreateWebphoneToken => vec![("extension", "1000")],
        Operation::SetCampaignStatus => vec![("id", "112"), ("status", "off")],
        Operation::UpdateCrmSettings => vec![("notification_url", "https://x.example/e")],
        Operation::Originate => vec![("extension", "1001"), ("destination", "908505320000")],
        Operation::CreateCampaign => vec![("body", "{}")],
        _ => vec![],
    }
}

#[tokio::test]
async fn every_operation_sends_the_cores_request_and_reads_the_published_reply() {
    let (url, shared) = stand_in().await;
    let mut client = Client::new(SAMPLE_KEY, url);
    client.pace = false;
    for op in Operation::ALL
        .iter()
        .filter(|o| **o != Operation::CreateCampaign)
    {
        let params = args(*op);
        {
            let mut s = shared.lock().unwrap();
            s.seen.clear();
            s.answers = vec![(200, op.spec().success.to_string())];
        }
        let got = client
            .call(*op, &params)
            .await
            .unwrap_or_else(|e| panic!("{op}: {e}"));
        let call = Call::new(*op, SAMPLE_KEY, &params);
        let want = (
            format!("{} {} HTTP/1.1", op.method(), call.target()),
            call.body().to_string(),
        );
        assert_eq!(shared.lock().unwrap().seen[0], want, "{op}");
        match got {
            Reply::Records { records, .. } => assert!(!records.is_empty(), "{op}"),
            Reply::Id(n) => assert!(n > 0),
            Reply::Dnd { on, .. } => assert!(on),
            _ => {}
        }
    }
    // A generated method by name, with its optional parameters.
    shared.lock().unwrap().answers =
        vec![(200, Operation::ListAgentStatuses.spec().success.into())];
    let Reply::Records { records, .. } = client
        .list_agent_statuses(&[("status", "ON_BREAK")])
        .await
        .unwrap()
    else {
        panic!("not records")
    };
    assert_eq!(
        records[2][3],
        ("break_description", Value::Text("Kahve".into()))
    );
    assert_eq!(
        records[0][2],
        (
            "queues",
            Value::List(vec![Value::Text("204".into()), Value::Text("205".into())])
        )
    );
    // A documented failure, typed; the key never in it.
    shared.lock().unwrap().answers = vec![(400, "No such channel!".into())];
    match client.hangup("f3797dfc").await {
        Err(ClientError::Refused(r)) => {
            assert_eq!((r.code.id(), r.status), ("response.no_such_channel", 400))
        }
        other => panic!("{other:?}"),
    }
    shared.lock().unwrap().answers = vec![(401, format!("Gecersiz anahtar: {SAMPLE_KEY}"))];
    let e = client.list_contacts(&[]).await.unwrap_err().to_string();
    assert!(
        e.contains("response.invalid_key (401)") && !e.contains(SAMPLE_KEY),
        "{e}"
    );
    // Nothing invalid is sent.
    shared.lock().unwrap().seen.clear();
    assert!(matches!(
        client.transfer("f3797dfc", "x").await,
        Err(ClientError::Invalid(_))
    ));
    assert!(shared.lock().unwrap().seen.is_empty());
}

#[tokio::test]
async fn a_429_is_retried_and_a_creation_is_not_resent_after_a_5xx() {
    let (url, shared) = stand_in().await;
    let mut client = Client::new(SAMPLE_KEY, url);
    client.pace = false;
    shared.lock().unwrap().answers = vec![(429, String::new()), (200, "+OK".into())];
    assert_eq!(client.hangup("f3797dfc").await.unwrap(), Reply::Ok);
    assert_eq!(shared.lock().unwrap().seen.len(), 2);
    {
        let mut s = shared.lock().unwrap();
        s.seen.clear();
        s.answers = vec![(503, "down".into())];
    }
    assert!(client.create_contact_group("x").await.is_err());
    assert_eq!(
        shared.lock().unwrap().seen.len(),
        1,
        "a creation is sent once"
    );
}

#[test]
fn the_blocking_client_has_the_same_methods() {
    let rt = tokio::runtime::Runtime::new().unwrap();
    let (url, shared) = rt.block_on(stand_in());
    shared.lock().unwrap().answers = vec![(200, "Changed DND of 1010 to off.".into())];
    let mut client = BlockingClient::new(SAMPLE_KEY, url).unwrap();
    client.inner_mut().pace = false;
    // The stand-in runs on the other runtime's threads.
    let r = std::thread::spawn(move || client.set_dnd("1010", "off"))
        .join()
        .unwrap();
    assert_eq!(
        r.unwrap(),
        Reply::Dnd {
            extension: "1010".into(),
            on: false
        }
    );
    drop(rt);
}

#[tokio::test]
async fn against_the_simulator() {
    let sim = Simulator::start(Config {
        listen: "127.0.0.1:0".parse().unwrap(),
        speed: 0.0,
        rate_limits: false,
        log: Log::to(|_| {}),
        ..Config::default()
    })
    .await
    .unwrap();
    let mut client = Client::new(SAMPLE_KEY, format!("http://{}", sim.addr()));
    client.pace = false;
    let Reply::CallUuid(uuid) = client.originate("1001", "08505320000", &[]).await.unwrap() else {
        panic!("no uuid")
    };
    assert_eq!(uuid.len(), 36);
    let Reply::Json(detail) = client.get_cdr(&uuid).await.unwrap() else {
        panic!("not a record")
    };
    assert!(detail.contains(&uuid));
    match client.delete_campaign("999").await {
        Err(ClientError::Refused(r)) => assert_eq!(r.code.id(), "response.campaign_not_found"),
        other => panic!("{other:?}"),
    }
}

#[tokio::test]
async fn a_percent_encoded_key_name_is_masked_in_the_log() {
    let lines = Arc::new(Mutex::new(Vec::<String>::new()));
    let kept = lines.clone();
    let sim = Simulator::start(Config {
        listen: "127.0.0.1:0".parse().unwrap(),
        speed: 0.0,
        rate_limits: false,
        log: Log::to(move |l: &str| kept.lock().unwrap().push(l.to_string())),
        ..Config::default()
    })
    .await
    .unwrap();
    let url = format!("http://{}/cdrs?k%65y={SAMPLE_KEY}&limit=10", sim.addr());
    let r = reqwest::get(url).await.unwrap();
    assert_eq!(r.status().as_u16(), 200);
    // The start line names the simulator's own sample key; the request's
    // line must not.
    let log: Vec<String> = lines
        .lock()
        .unwrap()
        .iter()
        .filter(|l| !l.contains("listening on"))
        .cloned()
        .collect();
    let log = log.join("\n");
    assert!(log.contains("k%65y=K1234…9012"), "{log}");
    assert!(!log.contains(SAMPLE_KEY), "{log}");
}

/// Issue 29 #8: a webhook URL's user, password and query stay out of the
/// log — the request line, the verification line and the error message.
#[tokio::test]
async fn a_webhook_urls_credentials_and_query_stay_out_of_the_log() {
    let lines = Arc::new(Mutex::new(Vec::<String>::new()));
    let kept = lines.clone();
    let sim = Simulator::start(Config {
        listen: "127.0.0.1:0".parse().unwrap(),
        speed: 0.0,
        rate_limits: false,
        log: Log::to(move |l: &str| kept.lock().unwrap().push(l.to_string())),
        ..Config::default()
    })
    .await
    .unwrap();
    // Nothing listens on port 1: the verification fails with reqwest's
    // connection error, whose text would quote the URL.
    let r = reqwest::Client::new()
        .post(format!("http://{}/crm_integrations", sim.addr()))
        .header("content-type", "application/x-www-form-urlencoded")
        .body(format!(
            "key={SAMPLE_KEY}&notification_url=http%3A%2F%2Fuser%3APWSECRET%40127.0.0.1%3A1%2Fx%3Ftoken%3DQSECRET"
        ))
        .send()
        .await
        .unwrap();
    let status = r.status().as_u16();
    let body = r.text().await.unwrap();
    assert_ne!(status, 200, "{body}");
    assert!(
        !body.contains("PWSECRET") && !body.contains("QSECRET"),
        "{body}"
    );
    let log = lines.lock().unwrap().join("\n");
    assert!(log.contains("http://…@127.0.0.1:1/x"), "{log}");
    assert!(log.contains("verification"), "{log}");
    for secret in ["PWSECRET", "QSECRET", "user:"] {
        assert!(!log.contains(secret), "{secret} in {log}");
    }
}

/// Issue 28 §4: by default the simulator calls back only this machine and
/// private networks named by address; a public host name is refused
/// without a lookup, and the log line says why and how to allow it.
#[tokio::test]
async fn webhooks_go_only_to_local_addresses_by_default() {
    let lines = Arc::new(Mutex::new(Vec::<String>::new()));
    let kept = lines.clone();
    let sim = Simulator::start(Config {
        listen: "127.0.0.1:0".parse().unwrap(),
        speed: 0.0,
        rate_limits: false,
        log: Log::to(move |l: &str| kept.lock().unwrap().push(l.to_string())),
        ..Config::default()
    })
    .await
    .unwrap();
    let mut client = Client::new(SAMPLE_KEY, format!("http://{}", sim.addr()));
    client.pace = false;
    // The vendor's own sample URL: refused, not resolved.
    match client
        .update_crm_settings("https://siteadresi.com/events", &[("answered", "on")])
        .await
    {
        Err(ClientError::Refused(r)) => assert_eq!(r.code.id(), "response.url_not_verified"),
        other => panic!("{other:?}"),
    }
    let campaign = format!(
        r#"{{"key": "{SAMPLE_KEY}", "call_type": "queue", "name": "x", "queue_number": 200, "thread_multiplier": 1, "webhook_url": "http://8.8.8.8/r", "phone_list": [{{"phone": "05321234567"}}]}}"#
    );
    assert!(client.create_campaign(&campaign).await.is_err());
    let log = lines.lock().unwrap().join("\n");
    assert!(
        log.contains("siteadresi.com is not this machine or a private network")
            && log.contains("--allow-public-webhooks")
            && log.contains("8.8.8.8 is not"),
        "{log}"
    );
    assert!(!log.contains("error sending request"), "{log}");
    sim.stop().await;
}
