//! The WASM API for the page: `analyze(input, options?)` and `version()`. Results use
//! UTF-16 offsets unless the options ask otherwise, so the page can slice JS strings.

use crate::{InputHint, OffsetUnit, Options};
use wasm_bindgen::prelude::*;

#[wasm_bindgen(start)]
pub fn start() {
    console_error_panic_hook::set_once();
}

/// Analyses `input` (text or HTML) and returns the analysis as a plain JS object.
/// `options` is an object with the fields of `Options` (all optional); `offsets`
/// defaults to `"utf16"` here.
#[wasm_bindgen]
pub fn analyze(input: &str, options: JsValue) -> Result<JsValue, JsValue> {
    let mut opts: Options = if options.is_undefined() || options.is_null() {
        Options {
            offsets: OffsetUnit::Utf16,
            ..Options::default()
        }
    } else {
        let has_offsets = js_sys_has(&options, "offsets");
        let mut o: Options = serde_wasm_bindgen::from_value(options)
            .map_err(|e| JsValue::from_str(&format!("bad options: {e}")))?;
        if !has_offsets {
            o.offsets = OffsetUnit::Utf16;
        }
        o
    };
    if input.len() > crate::MAX_INPUT_BYTES {
        return Err(JsValue::from_str(&format!(
            "The input is {:.1} MB; Copydesk analyses at most {} MB.",
            input.len() as f64 / 1e6,
            crate::MAX_INPUT_BYTES / (1024 * 1024)
        )));
    }
    if opts.input == InputHint::Auto && crate::input::looks_like_html(input) {
        opts.input = InputHint::Html;
    }
    let analysis = crate::analyze(input, &opts);
    let serializer = serde_wasm_bindgen::Serializer::json_compatible();
    serde::Serialize::serialize(&analysis, &serializer)
        .map_err(|e| JsValue::from_str(&e.to_string()))
}

/// "Cite this article" for fields the reader edited: `fields` is
/// `{title, authors: [..], publisher, date_iso or date, url, accessed}` (all optional);
/// returns `{apa, mla, chicago, bibtex}`. Nothing is fetched.
#[wasm_bindgen]
pub fn cite(fields: JsValue) -> Result<JsValue, JsValue> {
    let fields: crate::provenance::cite::CitationFields =
        if fields.is_undefined() || fields.is_null() {
            Default::default()
        } else {
            serde_wasm_bindgen::from_value(fields)
                .map_err(|e| JsValue::from_str(&format!("bad citation fields: {e}")))?
        };
    let citations = crate::provenance::cite::all(&fields);
    let serializer = serde_wasm_bindgen::Serializer::json_compatible();
    serde::Serialize::serialize(&citations, &serializer)
        .map_err(|e| JsValue::from_str(&e.to_string()))
}

/// The crate version.
#[wasm_bindgen]
pub fn version() -> String {
    env!("CARGO_PKG_VERSION").to_string()
}

fn js_sys_has(obj: &JsValue, key: &str) -> bool {
    #[wasm_bindgen]
    extern "C" {
        #[wasm_bindgen(js_namespace = Reflect, js_name = has)]
        fn reflect_has(target: &JsValue, key: &JsValue) -> bool;
    }
    obj.is_object() && reflect_has(obj, &JsValue::from_str(key))
}
