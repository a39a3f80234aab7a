//! Any bytes, decoded as the CLI does (lossy UTF-8), analysed as pasted text: no panic,
//! and every invariant of the data model holds (tests/fixtures/adversarial/check.rs).
#![no_main]

#[path = "../../tests/fixtures/adversarial/check.rs"]
mod check;

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let input = String::from_utf8_lossy(data);
    check::check_converted(&input, copydesk::InputHint::Text);
});
