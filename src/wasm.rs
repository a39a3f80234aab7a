//! The WASM API for the page: `analyze(input, options?)`, `warm()`, `cite(fields)` and
//! `version()`. Results use UTF-16 offsets unless the options ask otherwise, so the page can
//! slice JS strings.
//!
//! `warm()` pays the one-time costs (compiling the pattern tables, unpacking the tagger's
//! model) so that the first real analysis does not: the page's worker calls it right after
//! instantiation, while the reader is still pasting.

use crate::{InputHint, OffsetUnit, Options};
use std::sync::atomic::{AtomicBool, Ordering};
use wasm_bindgen::prelude::*;

/// Set once `warm()` has run.
static WARMED: AtomicBool = AtomicBool::new(false);

/// A made-up article that reaches every pattern table and the tagger: headline, byline,
/// date, dateline, picture credit, quotes with cues, figures, and a boilerplate line. Read as
/// text only: the HTML reader has little to warm, and each extra warm-up analysis would
/// delay a first analysis requested while warming.
const WARM_TEXT: &str = "Harbour council approves new ferry timetable\n\
By Ana Lima and Tomas Berg\n\
Published March 3, 2024, 10:15 a.m.\n\
PORT ELDEN (Reuters) - The Port Elden council voted on Monday to add 12 ferry crossings a day, \
a change that will cost $4.5 million, the mayor, Ruth Okafor, said.\n\
\"We listened to the islanders,\" Okafor told reporters. According to the ministry, 40% of \
riders commute to Northgate University.\n\
Photo: Jan Meyer/AP\n\
Share on Facebook | Sign up for our newsletter | Advertisement\n";

/// Pays the one-time costs now (pattern compilation, the tagger's model) so that the next
/// analysis runs at full speed. Cheap after the first call.
#[wasm_bindgen]
pub fn warm() {
    if WARMED.load(Ordering::Relaxed) {
        return;
    }
    let options = Options {
        input: InputHint::Text,
        offsets: OffsetUnit::Utf16,
        ..Options::default()
    };
    drop(crate::analyze(WARM_TEXT, &options));
    WARMED.store(true, Ordering::Relaxed);
}

/// Whether `warm()` has run in this instance.
#[wasm_bindgen]
pub fn warmed() -> bool {
    WARMED.load(Ordering::Relaxed)
}

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

#[cfg(test)]
mod tests {
    use super::*;
    use wasm_bindgen_test::wasm_bindgen_test;

    #[wasm_bindgen_test]
    fn warming_changes_no_result_and_runs_once() {
        let options = Options::default();
        let cold = crate::analyze(WARM_TEXT, &options);
        warm();
        assert!(warmed());
        warm(); // a second call returns at once
        let warm = crate::analyze(WARM_TEXT, &options);
        assert_eq!(cold, warm);
        assert!(
            !warm.entities.is_empty(),
            "the warm-up text has names in it"
        );
        assert!(!warm.attributions.is_empty(), "and a quote");
    }
}
