use super::*;
use crate::diag::Collector;

const GOOD_LINES: &str = "# Baselinker\nbaselinkerApiKey=5001-abc\nbaselinkerOrderStatusToImport=101\nbaselinkerOrderStatusToSend=102\n\n# Optimakers\noptimesApiKey=\"key-1\"\noptimesApiToken=tok\noptimesOrderStatus=3\noptimesOrderAttributeDeliveryMethod=11\noptimesOrderAttributeDeliveryPrice=12\noptimesOrderAttributePaymentMethod=13\noptimesOrderAttributeAdditionalField1=14\noptimesOrderAttributeAdditionalField2=15\noptimesOrderAttributeNote=16\noptimesCustomerAttributeLogin=17\nOPTIMES_URL=https://test.syneo.pl\nOPTIMES_WEBHOOKTOKEN=s3cret\ncurrencies.1=PLN\ncurrencies.2=EUR\nvatRates.1=23\nvatRates.2=8%\nvatRates.3=zw\n";

fn diags(doc: &str) -> (Summary, Vec<(String, String)>) {
    let mut sink: Collector<64> = Collector::new();
    let s = validate(doc.as_bytes(), &mut sink);
    (
        s,
        sink.diagnostics()
            .iter()
            .map(|d| (d.code.id().to_string(), d.path.to_string()))
            .collect(),
    )
}

#[test]
fn a_complete_line_document() {
    let (s, d) = diags(GOOD_LINES);
    assert!(d.is_empty(), "{d:?}");
    assert_eq!((s.currencies, s.vat_rates, s.errors), (2, 3, 0));
}

#[test]
fn every_fault_in_one_pass() {
    let doc = GOOD_LINES
        .replace(
            "baselinkerOrderStatusToSend=102",
            "baselinkerOrderStatusToSend=0",
        )
        .replace("optimesApiToken=tok", "optimesApiToken=to k")
        .replace(
            "OPTIMES_URL=https://test.syneo.pl",
            "OPTIMES_URL=test.syneo.pl",
        )
        .replace("currencies.2=EUR", "currencies.2=ZLOTY\ncurrencies.x=PLN")
        .replace(
            "vatRates.3=zw",
            "vatRates.3=123\noptimesApiKey=again\nbaselinkerApiKeys=1\nthis line is wrong",
        )
        .replace("optimesOrderAttributeNote=16\n", "");
    let (s, d) = diags(&doc);
    assert_eq!(
        d,
        [
            ("id.invalid", "baselinkerOrderStatusToSend"),
            ("order_sync.secret", "optimesApiToken"),
            ("url.scheme", "OPTIMES_URL"),
            ("order_sync.currency", "currencies[2]"),
            ("id.invalid", "currencies"),
            ("order_sync.vat_rate", "vatRates[3]"),
            ("order_sync.duplicate_key", "optimesApiKey"),
            ("order_sync.unknown_key", ""),
            ("order_sync.syntax", ""),
            ("order_sync.missing_key", "optimesOrderAttributeNote"),
        ]
        .map(|(a, b)| (a.to_string(), b.to_string()))
    );
    assert_eq!((s.errors, s.warnings), (7, 3));
}

#[test]
fn spans_point_at_values() {
    let doc = "OPTIMES_URL = ftp://x\n";
    let mut sink: Collector<32> = Collector::new();
    validate(doc.as_bytes(), &mut sink);
    let d = sink.diagnostics()[0];
    assert_eq!(&doc[d.span.start..d.span.end], "ftp://");
    assert_eq!((d.line, d.column), (1, 15));
    let mut sink: Collector<32> = Collector::new();
    validate(b"baselinkerApiKeys=1", &mut sink);
    assert_eq!(sink.diagnostics()[0].suggestion, Some("baselinkerApiKey"));
}

#[test]
fn long_keys_get_suggestions_too() {
    // 37 bytes: over the old 32-byte cap of the edit distance.
    for (typo, key) in [
        (
            "optimesOrderAttributeAdditionalFeld1",
            "optimesOrderAttributeAdditionalField1",
        ),
        (
            "optimesOrderAttributeAdditionalField3",
            "optimesOrderAttributeAdditionalField1",
        ),
        (
            "optimesOrderAtributeDeliveryMethod",
            "optimesOrderAttributeDeliveryMethod",
        ),
    ] {
        let mut sink: Collector<32> = Collector::new();
        validate(format!("{typo}=1").as_bytes(), &mut sink);
        assert_eq!(sink.diagnostics()[0].suggestion, Some(key), "{typo}");
    }
    // Far longer than any key: no suggestion, and no work spent on one.
    let mut sink: Collector<32> = Collector::new();
    validate("x".repeat(5000).as_bytes(), &mut sink);
    assert_eq!(sink.diagnostics()[0].suggestion, None);
}

#[test]
fn the_json_form() {
    let doc = r#"{"baselinkerApiKey":"5001-abc","baselinkerOrderStatusToImport":101,"baselinkerOrderStatusToSend":"102",
      "optimesApiKey":"k","optimesApiToken":"t","optimesOrderStatus":3,"optimesOrderAttributeDeliveryMethod":11,
      "optimesOrderAttributeDeliveryPrice":12,"optimesOrderAttributePaymentMethod":13,"optimesOrderAttributeAdditionalField1":14,
      "optimesOrderAttributeAdditionalField2":15,"optimesOrderAttributeNote":16,"optimesCustomerAttributeLogin":17,
      "OPTIMES_URL":"https://test.syneo.pl","OPTIMES_WEBHOOKTOKEN":"s","currencies":{"1":"PLN","2":"XYZ"},"vatRates":{"1":23,"2":"np"}}"#;
    let (s, d) = diags(doc);
    assert_eq!(
        d,
        [(
            "order_sync.currency".to_string(),
            "currencies[2]".to_string()
        )]
    );
    assert_eq!((s.currencies, s.vat_rates, s.errors), (2, 2, 0));
    let (_, d) = diags(r#"{"optimesApiKey":"","OPTIMES_URL":5,"currencies":[],"x":1}"#);
    assert_eq!(
        &d[..4],
        [
            ("order_sync.secret", "optimesApiKey"),
            ("json.expected_string", "OPTIMES_URL"),
            ("json.expected_object", "currencies"),
            ("order_sync.unknown_key", ""),
        ]
        .map(|(a, b)| (a.to_string(), b.to_string()))
    );
    assert_eq!(
        d.iter()
            .filter(|(c, _)| c == "order_sync.missing_key")
            .count(),
        14
    );
}

#[test]
fn labels_and_tokens() {
    for ok in ["PLN", "EUR", "USD", "TRY"] {
        assert!(is_iso_4217(ok));
    }
    for bad in ["pln", "ZŁ", "EURO", ""] {
        assert!(!is_iso_4217(bad));
    }
    for ok in ["23", "8", "0", "5.5", "23%", "100", "zw", "NP", "oo"] {
        assert!(is_vat_rate(ok), "{ok}");
    }
    for bad in ["101", "-1", "x", "", "23 %%"] {
        assert!(!is_vat_rate(bad), "{bad}");
    }
    assert!(tokens_equal(b"", b""));
    assert!(!tokens_equal(b"abc", b"abcd"));
    assert!(!tokens_equal(b"abcd", b"abc"));
    assert!(!tokens_equal(b"abc", b"abd"));
}
