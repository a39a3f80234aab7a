//! One line of `copydesk batch` input, handled as the binary does: parse the JSON, take
//! its "text" or "html" string, analyse with the offsets the line asks for, serialise the
//! result. Malformed lines must give an error value, never a panic.
#![no_main]

use copydesk::{analyze, InputHint, OffsetUnit, Options};
use libfuzzer_sys::fuzz_target;
use serde_json::{json, Value};

fuzz_target!(|data: &[u8]| {
    let line = String::from_utf8_lossy(data);
    let v: Value = match serde_json::from_str(&line) {
        Ok(v) => v,
        Err(e) => {
            let _ = json!({"id": Value::Null, "error": format!("not JSON: {e}")});
            return;
        }
    };
    let id = v.get("id").cloned().unwrap_or(Value::Null);
    let (input, hint) = match (v.get("text"), v.get("html")) {
        (Some(Value::String(t)), _) => (t.as_str(), InputHint::Text),
        (_, Some(Value::String(h))) => (h.as_str(), InputHint::Html),
        _ => return,
    };
    let offsets = match v.get("offsets").and_then(Value::as_str) {
        Some("utf16") => OffsetUnit::Utf16,
        Some("bytes") => OffsetUnit::Bytes,
        _ => OffsetUnit::Chars,
    };
    // Options as the page sends them, when the line has any (unknown fields are errors).
    let mut opts: Options = v
        .get("options")
        .and_then(|o| serde_json::from_value(o.clone()).ok())
        .unwrap_or_default();
    opts.input = hint;
    opts.offsets = offsets;
    let a = analyze(input, &opts);
    for b in &a.blocks {
        let s = copydesk::slice(&a, b.start, b.end);
        assert!(!s.is_empty() && s.trim() == s, "bad block {s:?}");
    }
    let out = serde_json::to_string(&json!({"id": id, "analysis": a})).expect("serialises");
    let back: Value = serde_json::from_str(&out).expect("round-trips");
    assert_eq!(back["analysis"]["text"], Value::String(a.text.clone()));
});
