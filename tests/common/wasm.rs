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

/// What `analyze()` returned before it wrote the result itself: serde-wasm-bindgen's
/// JSON-compatible serializer over the same analysis.
fn analyze_by_serde_wasm_bindgen(input: &str, options: &copydesk::Options) -> JsValue {
    let analysis = copydesk::analyze(input, options);
    serde::Serialize::serialize(&analysis, &serde_wasm_bindgen::Serializer::json_compatible()).unwrap()
}

mod js {
    use wasm_bindgen::prelude::*;
    #[wasm_bindgen]
    extern "C" {
        #[wasm_bindgen(js_namespace = Object, js_name = keys)]
        pub fn keys(value: &JsValue) -> Vec<String>;
        #[wasm_bindgen(js_namespace = Object, js_name = getPrototypeOf)]
        pub fn prototype_of(value: &JsValue) -> JsValue;
        #[wasm_bindgen(js_namespace = Array, js_name = isArray)]
        pub fn is_array(value: &JsValue) -> bool;
        #[wasm_bindgen(js_namespace = Object, js_name = is)]
        pub fn same(a: &JsValue, b: &JsValue) -> bool;
        #[wasm_bindgen(js_namespace = Reflect, js_name = get)]
        pub fn get(target: &JsValue, key: &JsValue) -> JsValue;
    }
}

/// Where two JS values first differ (a path and both values), or `None` when they are the same
/// deeply: same own keys in the same order (an absent key is not an `undefined` one), arrays
/// where arrays are, same prototypes, and primitives equal by `Object.is` (`null` is not
/// `undefined`, 0.8 is not 0.800000011920929).
fn js_difference(a: &JsValue, b: &JsValue, path: &str) -> Option<String> {
    if a.is_object() && b.is_object() {
        if js::is_array(a) != js::is_array(b) || !js::same(&js::prototype_of(a), &js::prototype_of(b)) {
            return Some(format!("{path}: an array and an object, or different prototypes"));
        }
        let (ka, kb) = (js::keys(a), js::keys(b));
        if ka != kb {
            return Some(format!("{path}: keys {ka:?} and {kb:?}"));
        }
        for k in ka {
            let key = JsValue::from_str(&k);
            let child = format!("{path}.{k}");
            if let Some(d) = js_difference(&js::get(a, &key), &js::get(b, &key), &child) {
                return Some(d);
            }
        }
        return None;
    }
    if js::same(a, b) && a.js_typeof() == b.js_typeof() {
        None
    } else {
        Some(format!("{path}: {a:?} and {b:?}"))
    }
}

/// `analyze()`'s object is the one serde-wasm-bindgen made, key for key and value for value,
/// on texts and a page of our own, with every kind of option.
pub fn check_result_same_as_serde_wasm_bindgen() {
    let html = "<html><head><title>Harbour council approves ferry timetable</title></head><body>\
        <nav><a href=\"/\">Home</a> | <a href=\"/news\">News</a></nav><article><h1>Harbour council approves ferry timetable</h1>\
        <p class=\"byline\">By Ana Lima</p><p>PORT ELDEN (Reuters) - The council voted on Monday to add 12 crossings, \
        the mayor, Ruth Okafor, said. \u{201c}We listened,\u{201d} Okafor told reporters.</p>\
        <figure><figcaption>The new ferry. Photo: Jan Meyer/AP</figcaption></figure></article>\
        <footer>\u{a9} 2024 Harbour Post. Sign up for our newsletter</footer></body></html>";
    let texts = [PASTE, "", "One line.", "\u{201c}Prices will fall 4.5% by March,\u{201d} said Dr. Mei Chen, an economist at Northgate University. \
        According to the ministry, the talks in Zürich 🇨🇭 would resume, officials told Reuters.\n\nAdvertisement\n\nRead more: other stories", html];
    let options = [
        copydesk::Options::default(),
        copydesk::Options { offsets: OffsetUnit::Utf16, tokens: true, ..Default::default() },
        copydesk::Options { whole: true, favor: copydesk::Favor::Precision, keep: vec![0], remove: vec![1, 99], ..Default::default() },
        copydesk::Options { input: copydesk::InputHint::Html, offsets: OffsetUnit::Utf16, ..Default::default() },
    ];
    for text in texts {
        for o in &options {
            let ours = copydesk::wasm::analyze(text, serde_wasm_bindgen::to_value(o).unwrap()).expect("analyze succeeds");
            let theirs = analyze_by_serde_wasm_bindgen(text, o);
            if let Some(d) = js_difference(&ours, &theirs, "analysis") {
                panic!("options {o:?}, text {:?}…: {d}", &text[..text.len().min(40)]);
            }
        }
    }
    // And values the analysis itself seldom has: a skipped field, an f32 that is not an f64,
    // None, nested variants, maps, 64-bit integers.
    #[derive(serde::Serialize)]
    enum Shape {
        Unit,
        New(u8),
        Tuple(i64, f32),
        Struct { a: Option<u64>, b: Vec<(u32, String)> },
    }
    #[derive(serde::Serialize)]
    struct Odd {
        #[serde(skip_serializing_if = "Option::is_none")]
        skipped: Option<u8>,
        none: Option<String>,
        f: f32,
        shapes: Vec<Shape>,
        map: std::collections::BTreeMap<String, Vec<f64>>,
        empty: Vec<u8>,
        one: [u32; 1],
        three: (u16, u16, u16),
        text_first: (String, u32),
        unit: (),
        chars: (char, bool),
        big: i64,
    }
    let odd = Odd {
        skipped: None,
        none: None,
        f: 0.8,
        shapes: vec![Shape::Unit, Shape::New(3), Shape::Tuple(-7, 0.1), Shape::Struct { a: Some(1 << 40), b: vec![(1, "x".into())] }],
        map: [("k".to_string(), vec![1.5, -0.0]), ("é".to_string(), vec![])].into_iter().collect(),
        empty: vec![],
        one: [9],
        three: (1, 2, 3),
        text_first: ("a\u{0}b".into(), 2),
        unit: (),
        chars: ('🦀', true),
        big: -(1 << 53) + 1,
    };
    // The comparison itself tells these apart.
    assert!(js_difference(&JsValue::NULL, &JsValue::UNDEFINED, "").is_some());
    assert!(js_difference(&JsValue::from(0.8f64), &JsValue::from(f64::from(0.8f32)), "").is_some());
    let ours = copydesk::wasm::to_js::value(&odd).unwrap();
    let theirs = serde::Serialize::serialize(&odd, &serde_wasm_bindgen::Serializer::json_compatible()).unwrap();
    assert_eq!(js_difference(&ours, &theirs, "odd"), None);
    assert!(copydesk::wasm::to_js::value(&(1u64 << 60)).is_err(), "too large for a JS number");
    // cite() writes its result through to_js too.
    let fields = copydesk::provenance::cite::CitationFields {
        title: Some("Harbour council approves ferry timetable".into()),
        authors: vec!["Ana Lima".into(), "Tomas Berg".into()],
        date_iso: Some("2024-03-03".into()),
        ..Default::default()
    };
    let ours = copydesk::wasm::cite(serde_wasm_bindgen::to_value(&fields).unwrap()).unwrap();
    let theirs = serde::Serialize::serialize(&copydesk::provenance::cite::all(&fields), &serde_wasm_bindgen::Serializer::json_compatible()).unwrap();
    assert_eq!(js_difference(&ours, &theirs, "citations"), None);
}

/// The WASM's allocator (src/wasm.rs, small_blocks): blocks keep their contents and alignment
/// across growth and shrinking between its size classes and the standard allocator, zeroed
/// blocks are zero even where a dirty block is reused, and freed blocks are reused.
pub fn check_allocator() {
    // Dirty every small size class, then free: the zeroed blocks below reuse these.
    let dirty: Vec<Vec<u8>> = (1..=600).map(|n| vec![0xAB; n]).collect();
    drop(dirty);
    for n in 1..=600usize {
        let zeroed = vec![0u8; n];
        assert!(zeroed.iter().all(|&b| b == 0), "vec![0; {n}] is zero");
        let wide = vec![0u64; n / 8 + 1];
        assert!(wide.iter().all(|&w| w == 0));
        assert_eq!(wide.as_ptr() as usize % std::mem::align_of::<u64>(), 0);
    }
    // Growth one element at a time goes through every class and on to the standard allocator.
    let mut grown: Vec<u32> = Vec::new();
    for i in 0..20_000u32 {
        grown.push(i.wrapping_mul(2_654_435_761));
    }
    assert!(grown.iter().enumerate().all(|(i, &v)| v == (i as u32).wrapping_mul(2_654_435_761)));
    // And back: shrinking from large to small keeps the first elements.
    grown.truncate(5);
    grown.shrink_to_fit();
    assert_eq!(grown, [0, 2_654_435_761, 5_308_871_522u64 as u32, 7_963_307_283u64 as u32, 10_617_743_044u64 as u32]);
    // Alignments above 8 go to the standard allocator.
    let big_align: Vec<u128> = vec![u128::MAX; 3];
    assert_eq!(big_align.as_ptr() as usize % std::mem::align_of::<u128>(), 0);
    // Many live blocks of mixed sizes, freed in a scattered order and allocated again.
    let mut live: Vec<String> = (0..5_000).map(|i| "x".repeat(i % 700 + 1)).collect();
    for i in (0..live.len()).step_by(3) {
        live[i] = String::new();
    }
    let again: Vec<String> = (0..2_000).map(|i| char::from(b'a' + (i % 26) as u8).to_string().repeat(i % 300 + 1)).collect();
    for (i, s) in live.iter().enumerate() {
        assert!(i % 3 == 0 && s.is_empty() || s.len() == i % 700 + 1 && s.bytes().all(|b| b == b'x'));
    }
    for (i, s) in again.iter().enumerate() {
        assert_eq!(s.len(), i % 300 + 1);
        assert!(s.bytes().all(|b| b == b'a' + (i % 26) as u8));
    }
}
