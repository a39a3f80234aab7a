//! wasm-bindgen tests under Node: `wasm-pack test --node`.
#![cfg(target_arch = "wasm32")]

use wasm_bindgen_test::wasm_bindgen_test;

include!("common/wasm.rs");

#[wasm_bindgen_test]
fn utf16_offsets_in_node() {
    check_utf16_result();
}

#[wasm_bindgen_test]
fn options_and_version_in_node() {
    check_options_and_version();
}

#[wasm_bindgen_test]
fn result_same_as_serde_wasm_bindgen_in_node() {
    check_result_same_as_serde_wasm_bindgen();
}

#[wasm_bindgen_test]
fn allocator_keeps_contents_in_node() {
    check_allocator();
}
