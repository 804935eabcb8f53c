use super::*;

fn events(input: &str) -> Result<Vec<Event<'_>>, SyntaxError> {
    let mut r = Reader::new(input.as_bytes());
    let mut out = Vec::new();
    while let Some(t) = r.next_token() {
        out.push(t?.event);
    }
    Ok(out)
}

fn error(input: &str) -> (Code, usize, u32, u32) {
    let e = events(input).unwrap_err();
    (e.code, e.span.start, e.line, e.column)
}

#[test]
fn reads_every_kind_of_token() {
    let ev = events(r#" {"a": [1, -2.5e3, "x\n\u00e7\ud83d\ude00", true, false, null], "b": {}} "#)
        .unwrap();
    assert_eq!(ev.len(), 14);
    assert!(matches!(ev[0], Event::BeginObject));
    assert!(matches!(ev[1], Event::Key(k) if k.eq_str("a")));
    assert!(matches!(ev[3], Event::Number(n) if n.as_u64() == Some(1)));
    assert!(matches!(ev[4], Event::Number(n) if n.as_f64() == Some(-2500.0) && !n.is_integer()));
    let Event::String(s) = ev[5] else { panic!() };
    assert_eq!(s.as_str(), None);
    assert_eq!(s.chars().collect::<String>(), "x\nç😀");
    assert!(s.eq_str("x\nç😀"));
    assert_eq!(s.char_count(), 4);
    let mut buf = [0u8; 3];
    assert_eq!(s.decode_into(&mut buf), Err(BufferTooSmall { needed: 8 }));
    assert!(matches!(ev[6], Event::Bool(true)));
    assert!(matches!(ev[8], Event::Null));
    assert!(matches!(ev[13], Event::EndObject));
    assert_eq!(events("[]").unwrap().len(), 2);
    assert_eq!(events("\"top\"").unwrap().len(), 1);
    assert_eq!(events("0").unwrap().len(), 1);
}

#[test]
fn tokens_carry_line_and_column() {
    let mut r = Reader::new("{\n  \"ş\": \"ğ\",\n  \"k\": 1\n}".as_bytes());
    let toks: Vec<Token<'_>> = core::iter::from_fn(|| r.next_token())
        .map(Result::unwrap)
        .collect();
    assert_eq!((toks[1].line, toks[1].column), (2, 3));
    assert_eq!((toks[2].line, toks[2].column), (2, 8));
    assert_eq!((toks[3].line, toks[3].column), (3, 3));
    assert_eq!(toks[4].span, Span::new(23, 24));
}

#[test]
fn syntax_errors_are_placed() {
    assert_eq!(error(""), (Code::JsonUnexpectedEnd, 0, 1, 1));
    assert_eq!(
        error("{\"a\":1 \"b\":2}"),
        (Code::JsonExpectedComma, 7, 1, 8)
    );
    assert_eq!(error("[1 2]"), (Code::JsonExpectedComma, 3, 1, 4));
    assert_eq!(error("{\"a\" 1}"), (Code::JsonExpectedColon, 5, 1, 6));
    assert_eq!(error("{1:2}"), (Code::JsonExpectedKey, 1, 1, 2));
    assert_eq!(error("{\"a\":1,}"), (Code::JsonTrailingComma, 6, 1, 7));
    assert_eq!(error("{\"a\":1,\n\n}"), (Code::JsonTrailingComma, 6, 1, 7));
    assert_eq!(error("[1,]"), (Code::JsonTrailingComma, 2, 1, 3));
    assert_eq!(error("[1}"), (Code::JsonMismatchedBracket, 2, 1, 3));
    assert_eq!(error("\"a\\x\""), (Code::JsonInvalidEscape, 2, 1, 3));
    assert_eq!(error("\"\\ud800\""), (Code::JsonInvalidEscape, 1, 1, 2));
    assert_eq!(error("\"\\udc00\""), (Code::JsonInvalidEscape, 1, 1, 2));
    assert_eq!(error("\"\\u12\""), (Code::JsonInvalidEscape, 1, 1, 2));
    assert_eq!(error("\"a\nb\""), (Code::JsonControlCharacter, 2, 1, 3));
    assert_eq!(error("[01]"), (Code::JsonInvalidNumber, 1, 1, 2));
    assert_eq!(error("[1.]"), (Code::JsonInvalidNumber, 1, 1, 2));
    assert_eq!(error("[-]"), (Code::JsonInvalidNumber, 1, 1, 2));
    assert_eq!(error("[1e]"), (Code::JsonInvalidNumber, 1, 1, 2));
    assert_eq!(error("[tru]"), (Code::JsonInvalidLiteral, 1, 1, 2));
    assert_eq!(error("[nullx]"), (Code::JsonInvalidLiteral, 1, 1, 2));
    assert_eq!(error("{} x"), (Code::JsonTrailingCharacters, 3, 1, 4));
    assert_eq!(error("[@]"), (Code::JsonUnexpectedCharacter, 1, 1, 2));
    assert_eq!(error("{\"a\":"), (Code::JsonUnexpectedEnd, 5, 1, 6));
    assert_eq!(error("\"abc"), (Code::JsonUnexpectedEnd, 0, 1, 1));
    let deep = "[".repeat(MAX_DEPTH + 1);
    assert_eq!(error(&deep).0, Code::JsonTooDeep);
    let ok_deep = format!("{}{}", "[".repeat(MAX_DEPTH), "]".repeat(MAX_DEPTH));
    assert!(events(&ok_deep).is_ok());
    let bad_utf8 = [b'"', 0xC3, b'"'];
    let mut r = Reader::new(&bad_utf8);
    assert_eq!(
        r.next_token().unwrap().unwrap_err().code,
        Code::JsonInvalidUtf8
    );
    assert!(r.next_token().is_none(), "the reader stops after an error");
}

#[test]
fn skip_container_consumes_nested_values() {
    let mut r = Reader::new(br#"{"skip": {"a": [1, {"b": 2}]}, "next": 3}"#);
    let _ = r.next_token(); // {
    let _ = r.next_token(); // "skip"
    let open = r.next_token().unwrap().unwrap();
    r.skip_container(&open.event).unwrap();
    let t = r.next_token().unwrap().unwrap();
    assert!(matches!(t.event, Event::Key(k) if k.eq_str("next")));
}

#[test]
fn writes_escaped_strings() {
    let mut out = String::new();
    write_string(&mut out, "a\"b\\c\nd\u{1}ş").unwrap();
    assert_eq!(out, r#""a\"b\\c\nd\u0001ş""#);
    let ev = events(&out).unwrap();
    assert!(matches!(ev[0], Event::String(s) if s.eq_str("a\"b\\c\nd\u{1}ş")));
}

/// Found by the `advisory_response` fuzz target: a truncated UTF-8
/// sequence at the end gives a span inside the input.
#[test]
fn fuzz_regression_truncated_utf8_at_the_end() {
    let input = b"{}\n\xec";
    let e = events(std::str::from_utf8(&input[..3]).unwrap())
        .map(|_| ())
        .err();
    assert!(e.is_none());
    let mut r = Reader::new(input);
    let err = core::iter::from_fn(|| r.next_token())
        .find_map(Result::err)
        .unwrap();
    assert_eq!(
        (err.code, err.span),
        (Code::JsonTrailingCharacters, Span::new(3, 4))
    );
    let mut r = Reader::new(b"\"\\\xec");
    let err = core::iter::from_fn(|| r.next_token())
        .find_map(Result::err)
        .unwrap();
    assert!(err.span.end <= 3, "{err:?}");
}

#[test]
fn strings_compare_by_content_whatever_they_were_made_from() {
    let mut r = Reader::new(br#"["Dahili 1", "a\u0062"]"#);
    let mut read = Vec::new();
    while let Some(Ok(t)) = r.next_token() {
        if let Event::String(s) = t.event {
            read.push(s);
        }
    }
    // A read string equals the plain text it spells, not a text to escape.
    assert_eq!(read[0], JsonStr::plain("Dahili 1").unwrap());
    assert_ne!(read[0], JsonStr::text("Dahili 1"));
    assert_eq!(JsonStr::text("x"), JsonStr::text("x"));
    // Escaped content is not its decoded text.
    assert_ne!(read[1], JsonStr::plain("ab").unwrap());
}
