#![no_main]

use libfuzzer_sys::fuzz_target;
use santral::form::Form;

fuzz_target!(|data: &[u8]| {
    let form = Form::new(data);
    for p in form.pairs() {
        for e in [p.name, p.value] {
            assert_eq!(data.get(e.span().start..e.span().end), Some(e.raw()));
            let mut buf = vec![0u8; e.raw().len()];
            if let Ok(text) = e.decode_into(&mut buf) {
                assert!(e.eq_str(text));
                assert!(e.check().is_ok());
            } else {
                assert!(e.check().is_err());
            }
        }
    }
    for e in form.errors() {
        assert!(e.span.start <= e.span.end && e.span.end <= data.len());
    }
});
