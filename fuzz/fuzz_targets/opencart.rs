#![no_main]

use libfuzzer_sys::fuzz_target;
use santral::opencart::{parse_request, read_reply_to, Exchange, Route};
use santral_fuzz::{diagnostics_are_placed, record, verdict_agrees, Dyn};

fuzz_target!(|data: &[u8]| {
    let (valid, found) = record(|sink| {
        let mut sink = Dyn(sink);
        parse_request(data, &mut sink).is_some()
    });
    diagnostics_are_placed(data, &found);
    verdict_agrees(valid, &found);
    // The same bytes as a shop's reply, to each exchange the PBX makes.
    for call in [
        Exchange::Login,
        Exchange::Route(Route::ListOrders),
        Exchange::Route(Route::GetOrderByTelephoneNumber),
        Exchange::Route(Route::UpdateOrderStatus),
    ] {
        let (valid, found) = record(|sink| {
            let mut sink = Dyn(sink);
            let mut listed = 0u64;
            let reply = read_reply_to(call, data, &mut sink, |_| listed += 1);
            if let Some(santral::opencart::Reply::Orders { listed: n, to_call }) = reply {
                assert!(n == listed && to_call <= n);
            }
            reply.is_some()
        });
        diagnostics_are_placed(data, &found);
        verdict_agrees(valid, &found);
    }
});
