//! The WASM API for the page: `analyze(input, options?)`, `warm()`, `cite(fields)` and
//! `version()`. Results use UTF-16 offsets unless the options ask otherwise, so the page can
//! slice JS strings.
//!
//! `warm()` pays the one-time costs (compiling the pattern tables, unpacking the tagger's
//! model) so that the first real analysis does not: the page's worker calls it right after
//! instantiation, while the reader is still pasting.
//!
//! What only the WASM build has, after the pipeline's last stage (`offsets`): [`to_js`], the
//! analysis' trip to JS (the plain object serde-wasm-bindgen would make, in fewer calls), and
//! `small_blocks`, the allocator (free lists per size class over dlmalloc).

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
    to_js::value(&analysis).map_err(JsValue::from)
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
    // Written by to_js, as the analysis is: the same plain object as serde-wasm-bindgen's
    // JSON-compatible serializer makes, without a second serializer's code in the page.
    to_js::value(&crate::provenance::cite::all(&fields)).map_err(JsValue::from)
}

/// The crate version.
#[wasm_bindgen]
pub fn version() -> String {
    env!("CARGO_PKG_VERSION").to_string()
}

/// The analysis' trip to JS: the same plain object serde-wasm-bindgen's JSON-compatible
/// serializer builds, in about half the calls into JS.
///
/// serde-wasm-bindgen makes every number, boolean and string a `JsValue` first (a call into
/// JS, and a slot in the reference table) and then sets it (a second call); for a result with
/// a hundred blocks of seven fields each that was ~9% of `analyze()` in Node. Here each value
/// is written straight into the object or array that holds it, by one typed setter call
/// (`obj[key] = number`, `= "text"`, `= true`). What it builds, kept key for key (a test in
/// `tests/common/wasm.rs` compares both deeply): `None` and `()` are `null`, skipped fields are
/// absent, an `f32` is the `f64` it widens to, 64-bit integers are numbers within the safe
/// range (else an error), unit variants are their names, other variants `{Name: payload}`,
/// maps plain objects with string keys; `char`, bytes and 128-bit integers are left to
/// serde-wasm-bindgen itself.
pub mod to_js {
    use serde::ser::{self, Error as _, Serialize};
    use serde_wasm_bindgen::Error;
    use std::cell::RefCell;
    use wasm_bindgen::prelude::*;
    use wasm_bindgen::JsCast;

    #[wasm_bindgen]
    extern "C" {
        /// An object or array that values are written into.
        type Target;
        #[wasm_bindgen(method, indexing_setter)]
        fn set_number(this: &Target, key: &JsValue, value: f64);
        #[wasm_bindgen(method, indexing_setter)]
        fn set_bool(this: &Target, key: &JsValue, value: bool);
        #[wasm_bindgen(method, indexing_setter)]
        fn set_str(this: &Target, key: &JsValue, value: &str);
        #[wasm_bindgen(method, indexing_setter)]
        fn set_value(this: &Target, key: &JsValue, value: &JsValue);
        #[wasm_bindgen(method, indexing_setter)]
        fn set_number_at(this: &Target, index: u32, value: f64);
        #[wasm_bindgen(method, indexing_setter)]
        fn set_bool_at(this: &Target, index: u32, value: bool);
        #[wasm_bindgen(method, indexing_setter)]
        fn set_str_at(this: &Target, index: u32, value: &str);
        #[wasm_bindgen(method, indexing_setter)]
        fn set_value_at(this: &Target, index: u32, value: &JsValue);
        #[wasm_bindgen(method, indexing_getter)]
        fn get_at(this: &Target, index: u32) -> JsValue;

        #[wasm_bindgen(js_name = Object)]
        type NewObject;
        #[wasm_bindgen(constructor, js_class = "Object")]
        fn new() -> NewObject;
        #[wasm_bindgen(js_name = Array)]
        type NewArray;
        #[wasm_bindgen(constructor, js_class = "Array")]
        fn new() -> NewArray;
        /// `[a, b]` in one call: spans are pairs of offsets.
        #[wasm_bindgen(js_namespace = Array, js_name = of)]
        fn pair(a: f64, b: f64) -> JsValue;
    }

    fn new_object() -> Target {
        NewObject::new().unchecked_into()
    }

    fn new_array() -> Target {
        NewArray::new().unchecked_into()
    }

    /// `value` as a JS value.
    pub fn value<T: Serialize + ?Sized>(value: &T) -> Result<JsValue, Error> {
        let holder = new_array();
        value.serialize(Slot {
            target: &holder,
            key: Key::Index(0),
        })?;
        Ok(holder.get_at(0))
    }

    /// A field or variant name as a JS string, made once per name and kept for the life of
    /// the module (names are string constants of the program: a bounded set). Found by the
    /// name's address in an open-addressing table, so no name is hashed by content.
    fn name(s: &'static str) -> &'static JsValue {
        type Entry = Option<((usize, usize), &'static JsValue)>;
        thread_local! {
            /// Copydesk's model has some 80 names: the table starts with room for 256 and
            /// doubles when half full.
            static NAMES: RefCell<(Vec<Entry>, usize)> = RefCell::new((vec![None; 512], 0));
        }
        fn slot_of(key: (usize, usize), len: usize) -> usize {
            ((key.0 ^ (key.1 << 16)).wrapping_mul(0x9E37_79B9) >> 8) & (len - 1)
        }
        fn find(table: &[Entry], key: (usize, usize)) -> usize {
            let mut slot = slot_of(key, table.len());
            while let Some((k, _)) = table[slot] {
                if k == key {
                    break;
                }
                slot = (slot + 1) & (table.len() - 1);
            }
            slot
        }
        let key = (s.as_ptr() as usize, s.len());
        NAMES.with(|names| {
            let (table, used) = &mut *names.borrow_mut();
            let slot = find(table, key);
            if let Some((_, value)) = table[slot] {
                return value;
            }
            let value: &'static JsValue = Box::leak(Box::new(JsValue::from_str(s)));
            table[slot] = Some((key, value));
            *used += 1;
            if 2 * *used > table.len() {
                let mut bigger = vec![None; 2 * table.len()];
                for (k, v) in table.iter().flatten() {
                    let at = find(&bigger, *k);
                    bigger[at] = Some((*k, *v));
                }
                *table = bigger;
            }
            value
        })
    }

    #[derive(Clone, Copy)]
    enum Key<'a> {
        Name(&'a JsValue),
        Index(u32),
    }

    /// Where the next value goes: a key of an object or an index of an array.
    #[derive(Clone, Copy)]
    struct Slot<'a> {
        target: &'a Target,
        key: Key<'a>,
    }

    impl Slot<'_> {
        fn number(self, v: f64) -> Result<(), Error> {
            match self.key {
                Key::Name(k) => self.target.set_number(k, v),
                Key::Index(i) => self.target.set_number_at(i, v),
            }
            Ok(())
        }

        fn bool(self, v: bool) -> Result<(), Error> {
            match self.key {
                Key::Name(k) => self.target.set_bool(k, v),
                Key::Index(i) => self.target.set_bool_at(i, v),
            }
            Ok(())
        }

        fn str(self, v: &str) -> Result<(), Error> {
            match self.key {
                Key::Name(k) => self.target.set_str(k, v),
                Key::Index(i) => self.target.set_str_at(i, v),
            }
            Ok(())
        }

        fn value(self, v: &JsValue) -> Result<(), Error> {
            match self.key {
                Key::Name(k) => self.target.set_value(k, v),
                Key::Index(i) => self.target.set_value_at(i, v),
            }
            Ok(())
        }
    }

    /// The same conversion as serde-wasm-bindgen's JSON-compatible serializer, for the kinds
    /// of value the model does not use.
    fn by_serde_wasm_bindgen(
        slot: Slot<'_>,
        f: impl FnOnce(&serde_wasm_bindgen::Serializer) -> Result<JsValue, Error>,
    ) -> Result<(), Error> {
        slot.value(&f(&serde_wasm_bindgen::Serializer::json_compatible())?)
    }

    /// Largest integer a JS number holds exactly (`Number.MAX_SAFE_INTEGER`).
    const MAX_SAFE: u64 = (1 << 53) - 1;

    impl<'a> ser::Serializer for Slot<'a> {
        type Ok = ();
        type Error = Error;
        type SerializeSeq = Seq<'a>;
        type SerializeTuple = Seq<'a>;
        type SerializeTupleStruct = Seq<'a>;
        type SerializeTupleVariant = Seq<'a>;
        type SerializeMap = Map<'a>;
        type SerializeStruct = Object<'a>;
        type SerializeStructVariant = Object<'a>;

        fn serialize_bool(self, v: bool) -> Result<(), Error> {
            self.bool(v)
        }
        fn serialize_i8(self, v: i8) -> Result<(), Error> {
            self.number(v.into())
        }
        fn serialize_i16(self, v: i16) -> Result<(), Error> {
            self.number(v.into())
        }
        fn serialize_i32(self, v: i32) -> Result<(), Error> {
            self.number(v.into())
        }
        fn serialize_i64(self, v: i64) -> Result<(), Error> {
            if v.unsigned_abs() <= MAX_SAFE {
                self.number(v as f64)
            } else {
                Err(Error::custom(format_args!(
                    "{v} can't be represented as a JavaScript number"
                )))
            }
        }
        fn serialize_u8(self, v: u8) -> Result<(), Error> {
            self.number(v.into())
        }
        fn serialize_u16(self, v: u16) -> Result<(), Error> {
            self.number(v.into())
        }
        fn serialize_u32(self, v: u32) -> Result<(), Error> {
            self.number(v.into())
        }
        fn serialize_u64(self, v: u64) -> Result<(), Error> {
            if v <= MAX_SAFE {
                self.number(v as f64)
            } else {
                Err(Error::custom(format_args!(
                    "{v} can't be represented as a JavaScript number"
                )))
            }
        }
        fn serialize_i128(self, v: i128) -> Result<(), Error> {
            by_serde_wasm_bindgen(self, |s| ser::Serializer::serialize_i128(s, v))
        }
        fn serialize_u128(self, v: u128) -> Result<(), Error> {
            by_serde_wasm_bindgen(self, |s| ser::Serializer::serialize_u128(s, v))
        }
        fn serialize_f32(self, v: f32) -> Result<(), Error> {
            self.number(v.into())
        }
        fn serialize_f64(self, v: f64) -> Result<(), Error> {
            self.number(v)
        }
        fn serialize_char(self, v: char) -> Result<(), Error> {
            by_serde_wasm_bindgen(self, |s| ser::Serializer::serialize_char(s, v))
        }
        fn serialize_str(self, v: &str) -> Result<(), Error> {
            self.str(v)
        }
        fn serialize_bytes(self, v: &[u8]) -> Result<(), Error> {
            by_serde_wasm_bindgen(self, |s| ser::Serializer::serialize_bytes(s, v))
        }
        fn serialize_none(self) -> Result<(), Error> {
            self.value(&JsValue::NULL)
        }
        fn serialize_some<T: Serialize + ?Sized>(self, value: &T) -> Result<(), Error> {
            value.serialize(self)
        }
        fn serialize_unit(self) -> Result<(), Error> {
            self.value(&JsValue::NULL)
        }
        fn serialize_unit_struct(self, _name: &'static str) -> Result<(), Error> {
            self.value(&JsValue::NULL)
        }
        fn serialize_unit_variant(
            self,
            _name: &'static str,
            _index: u32,
            variant: &'static str,
        ) -> Result<(), Error> {
            self.value(name(variant))
        }
        fn serialize_newtype_struct<T: Serialize + ?Sized>(
            self,
            _name: &'static str,
            value: &T,
        ) -> Result<(), Error> {
            value.serialize(self)
        }
        fn serialize_newtype_variant<T: Serialize + ?Sized>(
            self,
            _name: &'static str,
            _index: u32,
            variant: &'static str,
            value: &T,
        ) -> Result<(), Error> {
            let wrapper = new_object();
            value.serialize(Slot {
                target: &wrapper,
                key: Key::Name(name(variant)),
            })?;
            self.value(&wrapper)
        }
        fn serialize_seq(self, _len: Option<usize>) -> Result<Seq<'a>, Error> {
            Ok(Seq::new(self, None))
        }
        fn serialize_tuple(self, _len: usize) -> Result<Seq<'a>, Error> {
            Ok(Seq::new(self, None))
        }
        fn serialize_tuple_struct(
            self,
            _name: &'static str,
            _len: usize,
        ) -> Result<Seq<'a>, Error> {
            Ok(Seq::new(self, None))
        }
        fn serialize_tuple_variant(
            self,
            _name: &'static str,
            _index: u32,
            variant: &'static str,
            _len: usize,
        ) -> Result<Seq<'a>, Error> {
            Ok(Seq::new(self, Some(variant)))
        }
        fn serialize_map(self, _len: Option<usize>) -> Result<Map<'a>, Error> {
            Ok(Map {
                parent: self,
                target: new_object(),
                key: None,
            })
        }
        fn serialize_struct(self, _name: &'static str, _len: usize) -> Result<Object<'a>, Error> {
            Ok(Object {
                parent: self,
                target: new_object(),
                variant: None,
            })
        }
        fn serialize_struct_variant(
            self,
            _name: &'static str,
            _index: u32,
            variant: &'static str,
            _len: usize,
        ) -> Result<Object<'a>, Error> {
            Ok(Object {
                parent: self,
                target: new_object(),
                variant: Some(variant),
            })
        }
    }

    /// Puts a finished array or object where it goes, wrapped as `{variant: value}` for an
    /// enum's tuple or struct variant.
    fn finish(
        parent: Slot<'_>,
        value: &JsValue,
        variant: Option<&'static str>,
    ) -> Result<(), Error> {
        match variant {
            None => parent.value(value),
            Some(variant) => {
                let wrapper = new_object();
                wrapper.set_value(name(variant), value);
                parent.value(&wrapper)
            }
        }
    }

    /// An array. Its first two elements wait while they are numbers: a pair of numbers (a
    /// span) is then made in one call.
    pub struct Seq<'a> {
        parent: Slot<'a>,
        target: Option<Target>,
        /// Numbers not yet written (while `target` is `None`).
        numbers: [f64; 2],
        len: u32,
        variant: Option<&'static str>,
    }

    impl<'a> Seq<'a> {
        fn new(parent: Slot<'a>, variant: Option<&'static str>) -> Self {
            Seq {
                parent,
                target: None,
                numbers: [0.0; 2],
                len: 0,
                variant,
            }
        }

        /// The array, made (with the numbers kept so far) on the first element that is not
        /// one of the first two numbers.
        fn target(&mut self) -> &Target {
            let (numbers, len) = (self.numbers, self.len);
            self.target
                .get_or_insert_with(|| array_of(&numbers[..len as usize]))
        }

        fn element<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), Error> {
            if self.target.is_none() && self.len < 2 {
                if let Ok(n) = value.serialize(NumberOnly) {
                    self.numbers[self.len as usize] = n;
                    self.len += 1;
                    return Ok(());
                }
            }
            let index = self.len;
            let target = self.target();
            value.serialize(Slot {
                target,
                key: Key::Index(index),
            })?;
            self.len += 1;
            Ok(())
        }

        fn done(self) -> Result<(), Error> {
            let value: JsValue = match self.target {
                Some(target) => target.into(),
                None if self.len == 2 => pair(self.numbers[0], self.numbers[1]),
                None => array_of(&self.numbers[..self.len as usize]).into(),
            };
            finish(self.parent, &value, self.variant)
        }
    }

    fn array_of(numbers: &[f64]) -> Target {
        let array = new_array();
        for (i, n) in (0u32..).zip(numbers) {
            array.set_number_at(i, *n);
        }
        array
    }

    /// serde's four sequence traits differ only in their method's name: each writes an
    /// element with [`Seq::element`] and ends with [`Seq::done`].
    macro_rules! seq_trait {
        ($($trait:ident :: $method:ident),*) => {$(
            impl ser::$trait for Seq<'_> {
                type Ok = ();
                type Error = Error;
                fn $method<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), Error> {
                    self.element(value)
                }
                fn end(self) -> Result<(), Error> {
                    self.done()
                }
            }
        )*};
    }
    seq_trait!(
        SerializeSeq::serialize_element,
        SerializeTuple::serialize_element,
        SerializeTupleStruct::serialize_field,
        SerializeTupleVariant::serialize_field
    );

    /// A struct as a plain object, its fields in the order serde gives them.
    pub struct Object<'a> {
        parent: Slot<'a>,
        target: Target,
        variant: Option<&'static str>,
    }

    impl Object<'_> {
        fn field<T: Serialize + ?Sized>(
            &mut self,
            key: &'static str,
            value: &T,
        ) -> Result<(), Error> {
            value.serialize(Slot {
                target: &self.target,
                key: Key::Name(name(key)),
            })
        }
        fn done(self) -> Result<(), Error> {
            finish(self.parent, &self.target.into(), self.variant)
        }
    }

    /// A struct and a struct variant's fields are both written with [`Object::field`].
    macro_rules! struct_trait {
        ($($trait:ident),*) => {$(
            impl ser::$trait for Object<'_> {
                type Ok = ();
                type Error = Error;
                fn serialize_field<T: Serialize + ?Sized>(
                    &mut self,
                    key: &'static str,
                    value: &T,
                ) -> Result<(), Error> {
                    self.field(key, value)
                }
                fn end(self) -> Result<(), Error> {
                    self.done()
                }
            }
        )*};
    }
    struct_trait!(SerializeStruct, SerializeStructVariant);

    /// A map as a plain object: its keys must be strings.
    pub struct Map<'a> {
        parent: Slot<'a>,
        target: Target,
        key: Option<JsValue>,
    }

    impl ser::SerializeMap for Map<'_> {
        type Ok = ();
        type Error = Error;
        fn serialize_key<T: Serialize + ?Sized>(&mut self, key: &T) -> Result<(), Error> {
            let key = key.serialize(&serde_wasm_bindgen::Serializer::json_compatible())?;
            if !key.is_string() {
                return Err(Error::custom(
                    "Map key is not a string and cannot be an object key",
                ));
            }
            self.key = Some(key);
            Ok(())
        }
        fn serialize_value<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), Error> {
            let key = self
                .key
                .take()
                .ok_or_else(|| Error::custom("a map value without its key"))?;
            value.serialize(Slot {
                target: &self.target,
                key: Key::Name(&key),
            })
        }
        fn end(self) -> Result<(), Error> {
            self.parent.value(&self.target.into())
        }
    }

    /// Reads a value that is a plain number (one serde-wasm-bindgen would make a JS number),
    /// writing nothing; anything else is `NotANumber`.
    struct NumberOnly;

    /// What `NumberOnly` answers for a value that is not a plain number.
    #[derive(Debug)]
    struct NotANumber;

    impl std::fmt::Display for NotANumber {
        fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
            f.write_str("not a number")
        }
    }

    impl std::error::Error for NotANumber {}

    impl ser::Error for NotANumber {
        fn custom<T: std::fmt::Display>(_msg: T) -> Self {
            NotANumber
        }
    }

    type No = ser::Impossible<f64, NotANumber>;

    impl ser::Serializer for NumberOnly {
        type Ok = f64;
        type Error = NotANumber;
        type SerializeSeq = No;
        type SerializeTuple = No;
        type SerializeTupleStruct = No;
        type SerializeTupleVariant = No;
        type SerializeMap = No;
        type SerializeStruct = No;
        type SerializeStructVariant = No;

        fn serialize_bool(self, _v: bool) -> Result<f64, NotANumber> {
            Err(NotANumber)
        }
        fn serialize_i8(self, v: i8) -> Result<f64, NotANumber> {
            Ok(v.into())
        }
        fn serialize_i16(self, v: i16) -> Result<f64, NotANumber> {
            Ok(v.into())
        }
        fn serialize_i32(self, v: i32) -> Result<f64, NotANumber> {
            Ok(v.into())
        }
        fn serialize_i64(self, v: i64) -> Result<f64, NotANumber> {
            if v.unsigned_abs() <= MAX_SAFE {
                Ok(v as f64)
            } else {
                Err(NotANumber)
            }
        }
        fn serialize_u8(self, v: u8) -> Result<f64, NotANumber> {
            Ok(v.into())
        }
        fn serialize_u16(self, v: u16) -> Result<f64, NotANumber> {
            Ok(v.into())
        }
        fn serialize_u32(self, v: u32) -> Result<f64, NotANumber> {
            Ok(v.into())
        }
        fn serialize_u64(self, v: u64) -> Result<f64, NotANumber> {
            if v <= MAX_SAFE {
                Ok(v as f64)
            } else {
                Err(NotANumber)
            }
        }
        fn serialize_f32(self, v: f32) -> Result<f64, NotANumber> {
            Ok(v.into())
        }
        fn serialize_f64(self, v: f64) -> Result<f64, NotANumber> {
            Ok(v)
        }
        fn serialize_char(self, _v: char) -> Result<f64, NotANumber> {
            Err(NotANumber)
        }
        fn serialize_str(self, _v: &str) -> Result<f64, NotANumber> {
            Err(NotANumber)
        }
        fn serialize_bytes(self, _v: &[u8]) -> Result<f64, NotANumber> {
            Err(NotANumber)
        }
        fn serialize_none(self) -> Result<f64, NotANumber> {
            Err(NotANumber)
        }
        fn serialize_some<T: Serialize + ?Sized>(self, value: &T) -> Result<f64, NotANumber> {
            value.serialize(self)
        }
        fn serialize_unit(self) -> Result<f64, NotANumber> {
            Err(NotANumber)
        }
        fn serialize_unit_struct(self, _name: &'static str) -> Result<f64, NotANumber> {
            Err(NotANumber)
        }
        fn serialize_unit_variant(
            self,
            _name: &'static str,
            _index: u32,
            _variant: &'static str,
        ) -> Result<f64, NotANumber> {
            Err(NotANumber)
        }
        fn serialize_newtype_struct<T: Serialize + ?Sized>(
            self,
            _name: &'static str,
            value: &T,
        ) -> Result<f64, NotANumber> {
            value.serialize(self)
        }
        fn serialize_newtype_variant<T: Serialize + ?Sized>(
            self,
            _name: &'static str,
            _index: u32,
            _variant: &'static str,
            _value: &T,
        ) -> Result<f64, NotANumber> {
            Err(NotANumber)
        }
        fn serialize_seq(self, _len: Option<usize>) -> Result<No, NotANumber> {
            Err(NotANumber)
        }
        fn serialize_tuple(self, _len: usize) -> Result<No, NotANumber> {
            Err(NotANumber)
        }
        fn serialize_tuple_struct(
            self,
            _name: &'static str,
            _len: usize,
        ) -> Result<No, NotANumber> {
            Err(NotANumber)
        }
        fn serialize_tuple_variant(
            self,
            _name: &'static str,
            _index: u32,
            _variant: &'static str,
            _len: usize,
        ) -> Result<No, NotANumber> {
            Err(NotANumber)
        }
        fn serialize_map(self, _len: Option<usize>) -> Result<No, NotANumber> {
            Err(NotANumber)
        }
        fn serialize_struct(self, _name: &'static str, _len: usize) -> Result<No, NotANumber> {
            Err(NotANumber)
        }
        fn serialize_struct_variant(
            self,
            _name: &'static str,
            _index: u32,
            _variant: &'static str,
            _len: usize,
        ) -> Result<No, NotANumber> {
            Err(NotANumber)
        }
    }
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

/// The WASM's memory allocator: small blocks (up to 512 bytes, most of an analysis' strings,
/// vectors and map nodes) come from free lists per size class of 8 bytes, carved from 64 KB
/// chunks; larger ones go to the standard allocator (dlmalloc), which also gives the chunks.
///
/// dlmalloc's malloc and free were ~6% of `analyze()` in Node (natively the system's
/// allocator is faster); a free-list pop or push is a few instructions. A freed small block is
/// kept for its size class rather than given back, so the memory for small blocks is what
/// the largest analysis needed at once (measured: `scripts/bench-js.mjs`, WASM memory after
/// an 11 MB paste). WASM here has one thread (no `atomics`): the lists need no lock.
#[cfg(not(target_feature = "atomics"))]
mod small_blocks {
    use std::alloc::{GlobalAlloc, Layout, System};
    use std::cell::UnsafeCell;
    use std::ptr;

    /// Size classes: 8, 16, … 512 bytes.
    const STEP: usize = 8;
    const CLASSES: usize = 64;
    const LARGEST: usize = STEP * CLASSES;
    /// What a chunk is carved from.
    const CHUNK: usize = 64 * 1024;

    pub struct Allocator(UnsafeCell<Lists>);

    struct Lists {
        /// Per size class, the first free block; each free block holds the next one's address.
        free: [*mut u8; CLASSES],
        /// The unused rest of the current chunk.
        next: *mut u8,
        end: *mut u8,
    }

    // SAFETY: wasm32 without the `atomics` feature runs one thread: nothing is shared.
    unsafe impl Sync for Allocator {}

    #[global_allocator]
    static ALLOCATOR: Allocator = Allocator(UnsafeCell::new(Lists {
        free: [ptr::null_mut(); CLASSES],
        next: ptr::null_mut(),
        end: ptr::null_mut(),
    }));

    /// The size class of a block, or `None` when the standard allocator serves it.
    fn class(size: usize, align: usize) -> Option<usize> {
        (size <= LARGEST && align <= STEP).then(|| size.max(1).div_ceil(STEP) - 1)
    }

    /// Starts a new chunk (the rest of the current one, smaller than `bytes`, stays unused)
    /// and carves a block of `bytes` from it. Out of line: once per 64 KB.
    #[cold]
    #[inline(never)]
    unsafe fn carve_from_new_chunk(lists: &mut Lists, bytes: usize) -> *mut u8 {
        let chunk = System.alloc(Layout::from_size_align_unchecked(CHUNK, STEP));
        if chunk.is_null() {
            return chunk;
        }
        lists.next = chunk.add(bytes);
        lists.end = chunk.add(CHUNK);
        chunk
    }

    // SAFETY: every block handed out is `(class + 1) * STEP` bytes, 8-aligned (chunks are
    // 8-aligned and carved in multiples of 8), used by one owner until it is freed with the
    // same layout (GlobalAlloc's contract), which puts it back on its class' list.
    unsafe impl GlobalAlloc for Allocator {
        #[inline(never)]
        unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
            let Some(c) = class(layout.size(), layout.align()) else {
                return System.alloc(layout);
            };
            let lists = &mut *self.0.get();
            let head = lists.free[c];
            if !head.is_null() {
                lists.free[c] = *(head as *mut *mut u8);
                return head;
            }
            let bytes = (c + 1) * STEP;
            if (lists.end as usize) - (lists.next as usize) < bytes {
                return carve_from_new_chunk(lists, bytes);
            }
            let block = lists.next;
            lists.next = block.add(bytes);
            block
        }

        #[inline(never)]
        unsafe fn dealloc(&self, block: *mut u8, layout: Layout) {
            let Some(c) = class(layout.size(), layout.align()) else {
                return System.dealloc(block, layout);
            };
            let lists = &mut *self.0.get();
            *(block as *mut *mut u8) = lists.free[c];
            lists.free[c] = block;
        }

        #[inline(never)]
        unsafe fn alloc_zeroed(&self, layout: Layout) -> *mut u8 {
            if class(layout.size(), layout.align()).is_none() {
                // dlmalloc knows which memory is fresh, hence already zero.
                return System.alloc_zeroed(layout);
            }
            let block = self.alloc(layout);
            if !block.is_null() {
                ptr::write_bytes(block, 0, layout.size());
            }
            block
        }

        #[inline(never)]
        unsafe fn realloc(&self, block: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
            let (old, new) = (
                class(layout.size(), layout.align()),
                class(new_size, layout.align()),
            );
            match (old, new) {
                (None, None) => System.realloc(block, layout, new_size),
                (Some(a), Some(b)) if a == b => block,
                _ => move_block(self, block, layout, new_size),
            }
        }
    }

    /// A block moved to one of another size class (or to or from the standard allocator).
    #[inline(never)]
    unsafe fn move_block(
        a: &Allocator,
        block: *mut u8,
        layout: Layout,
        new_size: usize,
    ) -> *mut u8 {
        let moved = a.alloc(Layout::from_size_align_unchecked(new_size, layout.align()));
        if !moved.is_null() {
            ptr::copy_nonoverlapping(block, moved, layout.size().min(new_size));
            a.dealloc(block, layout);
        }
        moved
    }
}
