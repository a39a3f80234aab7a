// Shared by tests/wasm_node.rs and tests/wasm_browser.rs (included; a folder, so not a test target).

use copydesk::{Analysis, OffsetUnit};
use wasm_bindgen::JsValue;

/// A paste with emoji, accents and CJK before the names, so UTF-16 offsets differ from bytes.
pub const PASTE: &str = "Café talks 👩‍👩‍👧 in 北京\n\n12\n\nThe ministry said on Monday that Élodie Martin would visit Paris next week to meet officials of the Atlantic Shipping Council.\n\nSign up for our newsletter";

fn utf16_slice(s: &str, start: usize, end: usize) -> String {
    let units: Vec<u16> = s.encode_utf16().collect();
    String::from_utf16(&units[start..end]).unwrap()
}

pub fn analyze_through_js(input: &str, options: JsValue) -> Analysis {
    let value = copydesk::wasm::analyze(input, options).expect("analyze succeeds");
    serde_wasm_bindgen::from_value(value).expect("the result has the Analysis schema")
}

pub fn check_utf16_result() {
    let a = analyze_through_js(PASTE, JsValue::UNDEFINED);
    assert_eq!(a.offsets, OffsetUnit::Utf16);
    assert_eq!(a.text, PASTE);
    let kept: Vec<String> = a.blocks.iter().filter(|b| b.keep).map(|b| utf16_slice(&a.text, b.start, b.end)).collect();
    assert!(kept.iter().any(|k| k.starts_with("The ministry said")), "{kept:?}");
    assert!(a.blocks.iter().any(|b| !b.keep && utf16_slice(&a.text, b.start, b.end) == "12"));
    for e in &a.entities {
        assert_eq!(utf16_slice(&a.text, e.start, e.end), e.text, "entity offsets are UTF-16");
    }
    assert!(a.entities.iter().any(|e| e.text == "Paris"), "{:?}", a.entities);
    let said = a
        .attributions
        .iter()
        .find(|at| utf16_slice(&a.text, at.cue.0, at.cue.1) == "said")
        .expect("the ministry's statement is an attribution, its cue found by UTF-16 offsets");
    let content = utf16_slice(&a.text, said.content.0, said.content.1);
    assert!(content.contains("Élodie Martin would visit Paris"), "{content}");
}

pub fn check_options_and_version() {
    let opts = serde_wasm_bindgen::to_value(&serde_json_free_options()).unwrap();
    let a = analyze_through_js(PASTE, opts);
    assert_eq!(a.offsets, OffsetUnit::Bytes);
    assert!(a.blocks.iter().all(|b| b.keep), "whole keeps every block");
    assert_eq!(copydesk::wasm::version(), env!("CARGO_PKG_VERSION"));
    let bad = copydesk::wasm::analyze("x", JsValue::from_str("not an object"));
    assert!(bad.is_err(), "bad options are refused with a message");
}

fn serde_json_free_options() -> copydesk::Options {
    copydesk::Options { whole: true, offsets: OffsetUnit::Bytes, ..Default::default() }
}
