//! `core/CODES.md` lists every diagnostic code with both messages; this test
//! fails when the list and the `Code` enum disagree, so a code can never
//! silently change meaning. After a deliberate addition, regenerate with
//! `SANTRAL_BLESS=1 cargo test -p santral-core --test codes`.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)]

use santral::diag::Code;

fn render() -> String {
    let mut out = String::from(
        "# santral diagnostic codes\n\n\
         Every code the core can report, with its severity and both messages.\n\
         Generated from `core/src/base/diag/codes.rs` and checked by `core/tests/codes.rs`:\n\
         a code's id never changes meaning once released; new codes are added at the end\n\
         of their family.\n\n\
         | code | severity | message | ileti (tr) |\n\
         | --- | --- | --- | --- |\n",
    );
    for c in Code::ALL {
        out.push_str(&format!(
            "| `{}` | {} | {} | {} |\n",
            c.id(),
            c.severity(),
            c.message().replace('|', "\\|"),
            c.message_tr().replace('|', "\\|")
        ));
    }
    out
}

#[test]
fn codes_md_matches_the_enum() {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/CODES.md");
    let want = render();
    if std::env::var_os("SANTRAL_BLESS").is_some() {
        std::fs::write(path, &want).unwrap();
    }
    let have = std::fs::read_to_string(path).unwrap_or_default();
    for line in want.lines().filter(|l| l.starts_with("| `")) {
        assert!(
            have.lines().any(|h| h == line),
            "CODES.md lacks or changed this row:\n{line}\n(regenerate with SANTRAL_BLESS=1 after a deliberate change)"
        );
    }
    for line in have.lines().filter(|l| l.starts_with("| `")) {
        assert!(
            want.lines().any(|w| w == line),
            "CODES.md has a row the enum does not:\n{line}"
        );
    }
    assert_eq!(
        have, want,
        "CODES.md is stale: SANTRAL_BLESS=1 cargo test -p santral-core --test codes"
    );
}

#[test]
fn messages_never_quote_input() {
    // Messages are fixed text: no placeholders that could carry input.
    for c in Code::ALL {
        for m in [c.message(), c.message_tr()] {
            assert!(!m.is_empty());
            assert!(!m.contains('{') && !m.contains('}'), "{}", c.id());
        }
    }
}
