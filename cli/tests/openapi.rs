//! `santral openapi`: the checked-in `docs/openapi.json` is what the core's
//! tables make today (regenerate with `cargo run -p santral-cli --
//! openapi --out docs/openapi.json`), and the document holds every row of
//! the table. `scripts/test-openapi.sh` proves it with outside tools.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use std::process::Command;

use santral::api::operations::Place;
use santral::api::{Operation, Pool};
use serde_json::Value;

fn generate(args: &[&str]) -> String {
    let out = Command::new(env!("CARGO_BIN_EXE_santral"))
        .arg("openapi")
        .args(args)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

#[test]
fn the_checked_in_document_is_what_the_tables_make() {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../docs/openapi.json");
    let want = generate(&[]);
    let have = std::fs::read_to_string(path).unwrap_or_default();
    assert!(
        have == want,
        "docs/openapi.json is stale: cargo run -p santral-cli -- openapi --out docs/openapi.json"
    );
}

#[test]
fn every_operation_is_in_the_document_as_its_row_says() {
    let doc: Value = serde_json::from_str(&generate(&[])).unwrap();
    assert_eq!(doc["openapi"], "3.1.0");
    for op in Operation::ALL {
        let s = op.spec();
        let method = s.method.as_str().to_ascii_lowercase();
        let o = &doc["paths"][s.path][&method];
        assert_eq!(
            o["operationId"],
            op.as_str(),
            "{} {}",
            s.method.as_str(),
            s.path
        );
        // Path and query parameters, the key aside (the security scheme).
        for p in s.params.iter().filter(|p| p.name != "key") {
            let listed = o["parameters"]
                .as_array()
                .into_iter()
                .flatten()
                .any(|q| q["name"] == p.name);
            let in_body = o["requestBody"]["content"]
                .as_object()
                .into_iter()
                .flat_map(|c| c.values())
                .any(|m| {
                    !m["schema"]["properties"][p.name].is_null() || m["schema"]["$ref"].is_string()
                });
            match p.place {
                Place::Path | Place::Query => assert!(listed, "{}: {}", op.as_str(), p.name),
                Place::Form | Place::Json => assert!(in_body, "{}: {}", op.as_str(), p.name),
            }
        }
        // Every documented failure is an example of its status.
        for f in s.failures {
            let examples =
                &o["responses"][f.status.to_string()]["content"]["text/plain"]["examples"];
            let texts: Vec<&Value> = examples
                .as_object()
                .into_iter()
                .flat_map(|e| e.values())
                .map(|e| &e["value"])
                .collect();
            assert!(
                texts.iter().any(|t| *t == f.text),
                "{}: {}",
                op.as_str(),
                f.text
            );
        }
        assert!(o["responses"]["429"].is_object(), "{}", op.as_str());
        let b = s.pool.budget();
        assert_eq!(o["x-santral-rate-limit"]["requests"], b.requests);
        assert_eq!(o["x-santral-rate-limit"]["pool"], s.pool.as_str());
    }
    assert_eq!(
        doc["paths"]["/cdrs"]["get"]["x-santral-rate-limit"]["per_seconds"],
        Pool::Cdrs.budget().per_seconds
    );
    // The key as an apiKey in the query.
    assert_eq!(doc["components"]["securitySchemes"]["key"]["in"], "query");
    // The callbacks.
    for w in [
        "campaign_report",
        "call_event",
        "advisory_request",
        "opencart_route",
    ] {
        assert!(doc["webhooks"][w].is_object(), "{w}");
    }
    // The campaign's bounds come from the core's shapes.
    let ring = &doc["components"]["schemas"]["Campaign"]["properties"]["ring_timeout"];
    assert_eq!(
        (ring["minimum"].as_i64(), ring["maximum"].as_i64()),
        (Some(25), Some(60))
    );
}

#[test]
fn yaml_and_a_file() {
    let dir = std::env::temp_dir().join(format!("santral-openapi-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let file = dir.join("api.yaml");
    assert_eq!(
        generate(&["--format", "yaml", "--out", file.to_str().unwrap()]),
        ""
    );
    let yaml = std::fs::read_to_string(&file).unwrap();
    assert!(
        yaml.starts_with("\"openapi\": \"3.1.0\"\n"),
        "{}",
        &yaml[..80]
    );
    assert!(yaml.contains("\"operationId\": \"create_campaign\""));
    std::fs::remove_dir_all(&dir).unwrap();
}
