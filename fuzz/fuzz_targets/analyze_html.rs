//! Any bytes, decoded lossily, analysed as HTML: no panic, every invariant holds.
#![no_main]

#[path = "../../tests/fixtures/adversarial/check.rs"]
mod check;

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let input = String::from_utf8_lossy(data);
    check::check_converted(&input, copydesk::InputHint::Html);
});
