//! The vectors file is exactly what the core gives today: regenerate it
//! and compare (`SANTRAL_BLESS=1` rewrites it after a deliberate change).
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use santral_conformance::{render, root, vectors, ENTRIES};

#[test]
fn the_vectors_file_is_the_cores_outcomes() {
    let path = root().join("conformance/vectors.jsonl");
    let want = render();
    if std::env::var_os("SANTRAL_BLESS").is_some() {
        std::fs::write(&path, &want).unwrap();
    }
    let have = std::fs::read_to_string(&path).unwrap_or_default();
    if have != want {
        let first = have
            .lines()
            .zip(want.lines())
            .find(|(a, b)| a != b)
            .map(|(a, b)| format!("file: {a}\ncore: {b}"))
            .unwrap_or_else(|| "the line counts differ".into());
        panic!(
            "conformance/vectors.jsonl is stale (SANTRAL_BLESS=1 cargo test -p santral-conformance):\n{first}"
        );
    }
}

#[test]
fn every_entry_point_has_vectors_and_there_are_enough() {
    let v = vectors();
    assert!(v.len() >= 300, "only {} vectors", v.len());
    for entry in ENTRIES {
        let n = v.iter().filter(|x| x["entry"] == *entry).count();
        assert!(n > 0, "no vector for {entry}");
    }
    for x in &v {
        assert!(
            ENTRIES.contains(&x["entry"].as_str().unwrap()),
            "{} is not a listed entry point",
            x["entry"]
        );
    }
}

#[test]
fn every_incoming_vector_is_a_refusal_or_names_its_operation() {
    // The simulator answers these; an accepted request's answer depends on
    // the PBX's state, so a vector holds what the core refuses, or only
    // which operation it read (the simulator's X-Santral-Operation).
    for x in vectors().iter().filter(|x| x["entry"] == "api_incoming") {
        let e = &x["expected"];
        let accepted = e
            .get("accepted")
            .and_then(|o| o.as_str())
            .is_some_and(|o| santral::api::Operation::from_wire(o).is_some());
        assert!(
            e.get("status").is_some() || accepted,
            "{} is neither",
            x["id"]
        );
    }
}
