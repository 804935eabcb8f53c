#![no_main]

use libfuzzer_sys::fuzz_target;
use santral::diag::line_column;
use santral::json::{Reader, MAX_DEPTH};

fuzz_target!(|data: &[u8]| {
    let mut r = Reader::new(data);
    let mut depth_seen = 0;
    while let Some(t) = r.next_token() {
        match t {
            Ok(tok) => {
                assert!(tok.span.end <= data.len());
                assert_eq!(line_column(data, tok.span.start), (tok.line, tok.column));
                depth_seen = depth_seen.max(r.depth());
                assert!(r.depth() <= MAX_DEPTH);
            }
            Err(e) => {
                assert!(e.span.start <= e.span.end && e.span.end <= data.len().max(e.span.start));
                assert_eq!(line_column(data, e.span.start), (e.line, e.column));
                assert!(r.next_token().is_none(), "the reader stops after an error");
                break;
            }
        }
    }
});
