//! Values found by rules: DATE, TIME, MONEY, PERCENT, QUANTITY, CARDINAL. Each pattern sits
//! in [`VALUE_PATTERNS`] with its type; earlier patterns win where matches overlap.

use crate::model::{Entity, EntityType};
use crate::tokens::{is_regex_word, Tokenized};
use aho_corasick::AhoCorasick;
use regex_automata::meta;
use std::sync::OnceLock;

const MONTH: &str = r"(?:January|February|March|April|May|June|July|August|September|October|November|December|Jan\.|Feb\.|Mar\.|Apr\.|Jun\.|Jul\.|Aug\.|Sept?\.|Oct\.|Nov\.|Dec\.)";
const WEEKDAY: &str = r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)";
const NUMBER: &str = r"(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?";
const NUMBER_WORD: &str = r"(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|twenty|thirty|forty|fifty|hundred|dozen|dozens|hundreds|thousands|millions)";
const SCALE: &str = r"(?:\s(?:thousand|million|billion|trillion|bn|m|k))?";

/// (type, pattern) in priority order. `{MONTH}` etc. are filled in from the constants
/// above.
const VALUE_PATTERNS: &[(EntityType, &str)] = &[
    // "3:41 PM EST", "10 a.m.", "noon"
    (
        EntityType::Time,
        r"\b\d{1,2}(?::\d{2})?\s?(?:[ap]\.m\.|[AP]M|[ap]m)(?:\s(?:EST|EDT|PST|PDT|GMT|UTC|CET|BST|[A-Z]{3}))?|\b\d{1,2}:\d{2}\b|\b(?:noon|midnight)\b",
    ),
    // "$2", "$2.5 million", "€40bn", "300 rubles", "5 million dollars"
    (
        EntityType::Money,
        r"(?:[$€£¥₽]|\b(?:US|U\.S\.|C|A|HK)\$)\s?{NUMBER}{SCALE}\b|\b{NUMBER}{SCALE}\s(?:dollars|euros|pounds|rubles|roubles|yuan|yen|won|rupees|francs|cents)\b",
    ),
    // "3.5%", "12 percent", "12 per cent"
    (
        EntityType::Percent,
        r"{NUMBER}\s?(?:%|percent\b|per cent\b|percentage points?\b)",
    ),
    // "March 25-27", "March 25, 2024", "25 March 2024", "March 2024", "2016", "Thursday",
    // "earlier this month", "last fall"
    (
        EntityType::Date,
        r"\b{MONTH}\s\d{1,2}(?:\s?[-–]\s?\d{1,2})?(?:,?\s\d{4})?\b|\b\d{1,2}\s{MONTH}(?:\s\d{4})?\b|\b{MONTH}\s\d{4}\b|\b(?:early|mid|late)?-?{MONTH}\b|\b\d{4}-\d{2}-\d{2}\b|\b\d{1,2}/\d{1,2}/\d{2,4}\b|\b(?:(?:earlier|later|last|next|this|late|early)\s)?(?:this\s)?(?:week|month|year|fall|spring|summer|winter|autumn|decade|century)\b|\b(?:last|next|this)\s{WEEKDAY}\b|\b{WEEKDAY}\b|\b(?:today|yesterday|tomorrow)\b|\b(?:1[5-9]|20)\d{2}s?\b",
    ),
    // "7,000 containers" is a CARDINAL with a noun; units make it a QUANTITY.
    (
        EntityType::Quantity,
        r"\b{NUMBER}{SCALE}\s?(?:km|kilometers|kilometres|miles?|meters?|metres?|feet|foot|kg|kilograms?|tons?|tonnes?|pounds|lbs?|barrels?|acres?|hectares?|degrees|mph|km/h|liters?|litres?|gallons?|square (?:miles|kilometers|kilometres|feet|meters))\b",
    ),
    (
        EntityType::Cardinal,
        r"\b{NUMBER}{SCALE}\b|\b{NUMBER_WORD}(?:\s(?:{NUMBER_WORD}))*\b",
    ),
];

/// Pattern `k` of [`VALUE_PATTERNS`] with its placeholders filled in.
fn expanded(k: usize) -> String {
    VALUE_PATTERNS[k]
        .1
        .replace("{MONTH}", MONTH)
        .replace("{WEEKDAY}", WEEKDAY)
        .replace("{NUMBER_WORD}", NUMBER_WORD)
        .replace("{NUMBER}", NUMBER)
        .replace("{SCALE}", SCALE)
}

/// Compiles a value pattern. Without the literal prefilter the regex crate would add:
/// finding its literals (month names, units, number words) and building their automaton
/// was half the compile cost, and matching the short sentences without it is no slower.
/// Same syntax, limits and leftmost-first matches as `regex::Regex`.
fn compile(pattern: &str) -> meta::Regex {
    meta::Builder::new()
        .configure(meta::Config::new().auto_prefilter(false))
        .build(pattern)
        .expect("value pattern")
}

/// How many value patterns there are.
const N_PATTERNS: usize = VALUE_PATTERNS.len();

/// Pattern `k` as written, for the rare sentence the ASCII stand-in cannot represent
/// (see [`stand_in`]); compiled on first use.
fn pattern(k: usize) -> &'static meta::Regex {
    static P: [OnceLock<meta::Regex>; N_PATTERNS] = [const { OnceLock::new() }; N_PATTERNS];
    P[k].get_or_init(|| compile(&expanded(k)))
}

/// The characters outside ASCII the patterns name, and what stands for them in the ASCII
/// stand-in of a sentence, in regex syntax. Every stand-in opens with its own control
/// byte and goes on with `\x06`, which no pattern reads, so no match can start or end
/// inside one.
const STAND_INS: &[(&str, &str)] = &[
    // Currency signs: `£` `¥` take two bytes, `€` `₽` three.
    ("[$€£¥₽]", r"(?:\$|\x01\x06\x06?)"),
    // The en dash of a range, three bytes.
    ("[-–]", r"(?:-|\x02\x06\x06)"),
    // White space outside ASCII: no-break space (two bytes) and the wide spaces (three).
    (r"\s", r"(?:\s|\x03\x06\x06?)"),
];

/// Pattern `k` over the ASCII stand-in of a sentence: the same pattern, with the
/// characters outside ASCII replaced by their stand-ins ([`STAND_INS`]) and ASCII classes
/// and word boundaries. On an ASCII haystack the lazy DFA runs it to the end, where the
/// pattern as written falls back to the slow PikeVM at the first curly quote (a Unicode
/// `\b` cannot be decided by the DFA outside ASCII). Compiled on first use: a text
/// without digits never needs MONEY, PERCENT or QUANTITY.
fn ascii_pattern(k: usize) -> &'static meta::Regex {
    static P: [OnceLock<meta::Regex>; N_PATTERNS] = [const { OnceLock::new() }; N_PATTERNS];
    P[k].get_or_init(|| {
        let p = STAND_INS
            .iter()
            .fold(expanded(k), |p, (from, to)| p.replace(from, to));
        debug_assert!(p.is_ascii(), "{p}");
        compile(&format!("(?-u:{p})"))
    })
}

/// Writes the ASCII stand-in of `s` into `out`, byte for byte at the same offsets: ASCII
/// as it is (but the control bytes the stand-ins use, which become `\x04` like any other
/// character no pattern reads), a currency sign, en dash or white space as its stand-in
/// ([`STAND_INS`]), another word character (`\w`: letters, marks …) as `z`s, anything
/// else as `\x04\x06…`. A `z` or a `\x04` can only meet a pattern at a word boundary, where
/// it counts just as the character it stands for. Returns false when `s` holds a
/// digit outside ASCII (a `\d` of the patterns as written); the caller then runs those.
fn stand_in(s: &str, out: &mut Vec<u8>, memo: &mut LeadMemo) -> bool {
    out.clear();
    out.reserve(s.len());
    let bytes = s.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        if b.is_ascii() {
            // A run of ASCII copied at once.
            let run = bytes[i..]
                .iter()
                .position(|&b| !b.is_ascii() || matches!(b, 1..=3 | 6))
                .unwrap_or(bytes.len() - i);
            if run == 0 {
                out.push(4);
                i += 1;
            } else {
                out.extend_from_slice(&bytes[i..i + run]);
                i += run;
            }
            continue;
        }
        let c = s[i..].chars().next().expect("a character starts here");
        let n = c.len_utf8();
        let slot = &mut memo.0[c as usize % LEAD_MEMO];
        let lead = if slot.0 == c as u32 {
            slot.1
        } else {
            let lead = lead_of(c);
            *slot = (c as u32, lead);
            lead
        };
        if lead == 0 {
            return false;
        }
        let rest = if lead == b'z' { b'z' } else { 6 };
        out.push(lead);
        // One to three more bytes: pushed, where `extend` would call memset.
        for _ in 1..n {
            out.push(rest);
        }
        i += n;
    }
    true
}

/// Whether `s` is its own ASCII stand-in (see [`stand_in`]): ASCII without the control
/// bytes the stand-ins use, as most sentences are; then `Some` of whether it holds an
/// ASCII digit. One pass without branches per byte, where [`stand_in`] copies the
/// sentence and looks for digits after.
fn own_stand_in(s: &[u8]) -> Option<bool> {
    let mut digit = false;
    for chunk in s.chunks(64) {
        let (other, d) = chunk.iter().fold((false, false), |(o, d), &b| {
            (
                o | (b >= 0x80) | (b.wrapping_sub(1) < 3) | (b == 6),
                d | (b.wrapping_sub(b'0') < 10),
            )
        });
        if other {
            return None;
        }
        digit |= d;
    }
    Some(digit)
}

/// Pieces of words one of which every DATE match without a digit holds: the months' first
/// three letters (every name and abbreviation starts with them), "day" (which ends every
/// weekday, "today" and "yesterday"), "tomorrow", and the seasons and spans of time.
const DATE_WORDS: &[&str] = &[
    "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec", "day",
    "tomorrow", "week", "month", "year", "fall", "spring", "summer", "winter", "autumn", "decade",
    "century",
];

/// How many of [`DATE_WORDS`] are the months' first letters (they come first).
const MONTH_PIECES: usize = 12;

/// Pieces of words one of which every CARDINAL match without a digit holds: the number
/// words (a plural holds its singular).
const CARDINAL_WORDS: &[&str] = &[
    "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven",
    "twelve", "twenty", "thirty", "forty", "fifty", "hundred", "dozen", "thousand", "million",
];

/// The words every TIME match without a digit is: "noon" and "midnight".
const TIME_WORDS: &[&str] = &["noon", "midnight"];

/// What a sentence without digits holds of the words a value needs ([`value_words_in`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct ValueWords {
    date: bool,
    cardinal: bool,
    /// "noon" or "midnight", anywhere (as `str::contains` finds them).
    time: bool,
}

/// Which of [`DATE_WORDS`], [`CARDINAL_WORDS`] and [`TIME_WORDS`] occur in the ASCII
/// stand-in `s`, a piece of [`DATE_WORDS`] but a month's only where a word ends, a
/// number word only where a word starts (a CARDINAL match without a
/// digit opens with `\b` and a number word, and every number word opens with one of the
/// pieces: "someone", "often" and "money" hold none): one pass of an automaton over
/// the three lists, stopping once a date and a number word are seen (the two time words
/// are then looked for on their own: two more passes over the sentence, for every
/// sentence, were what this saves).
fn value_words_in(s: &str) -> ValueWords {
    static WORDS: OnceLock<AhoCorasick> = OnceLock::new();
    let words = WORDS.get_or_init(|| {
        // A DFA over all occurrences (a date word may overlap a number word: "Sept" and
        // "ten" in "Septen…").
        AhoCorasick::builder()
            .kind(Some(aho_corasick::AhoCorasickKind::DFA))
            .build(DATE_WORDS.iter().chain(CARDINAL_WORDS).chain(TIME_WORDS))
            .expect("value words")
    });
    let mut found = ValueWords {
        date: false,
        cardinal: false,
        time: false,
    };
    let bytes = s.as_bytes();
    for m in words.find_overlapping_iter(s) {
        let p = m.pattern().as_usize();
        if p < DATE_WORDS.len() {
            // A month's first letters may run on ("March"); every other piece is the end of
            // the last word of a DATE match, so a word ends with it ("days" ends no date).
            if p < MONTH_PIECES || bytes.get(m.end()).map_or(true, |&b| !is_word_byte(b)) {
                found.date = true;
            }
        } else if p >= DATE_WORDS.len() + CARDINAL_WORDS.len() {
            found.time = true;
        } else if m.start() == 0 || !is_word_byte(bytes[m.start() - 1]) {
            found.cardinal = true;
        }
        if found.date && found.cardinal {
            // The rest of the sentence was not read: the time words are looked for anew.
            found.time = found.time || TIME_WORDS.iter().any(|w| s.contains(w));
            break;
        }
    }
    found
}

/// Whether a byte of an ASCII stand-in is a word character for the patterns' ASCII `\b`
/// (a `z` stands for a word character outside ASCII).
fn is_word_byte(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b == b'_'
}

/// The first byte of the stand-in of a character outside ASCII (see [`stand_in`]); 0 for a
/// digit of another script. The letters of the large blocks a text may use by the
/// thousand (CJK ideographs, Hangul syllables, kana), more than [`LeadMemo`] holds, are
/// `z` without the Unicode tables (the same answers as [`lead_of_by_tables`], checked for
/// every character).
fn lead_of(c: char) -> u8 {
    match c as u32 {
        0x3041..=0x3096 | 0x30a1..=0x30fa | 0x4e00..=0x9fff | 0xac00..=0xd7a3 => b'z',
        _ => lead_of_by_tables(c),
    }
}

/// [`lead_of`] by the Unicode tables.
fn lead_of_by_tables(c: char) -> u8 {
    match c {
        '€' | '₽' | '£' | '¥' => 1,
        '–' => 2,
        // Common punctuation, never `\w`.
        '’' | '‘' | '“' | '”' | '—' | '…' | '•' | '«' | '»' => 4,
        c if c.is_whitespace() => 3,
        c if c.is_alphabetic() => b'z',
        // A digit (`\d`) of another script. Other numbers (½, ²) are not `\d`: among
        // characters that are numbers and not letters, the word characters are the digits.
        c if c.is_numeric() && is_regex_word(c) => 0,
        _ if is_regex_word(c) => b'z',
        _ => 4,
    }
}

/// Slots of [`LeadMemo`].
const LEAD_MEMO: usize = 256;

/// The last [`lead_of`] answers, by the character's code modulo [`LEAD_MEMO`]: a text
/// outside ASCII uses a few dozen characters over and over, and the Unicode tables cost
/// a hundred instructions a look-up.
struct LeadMemo([(u32, u8); LEAD_MEMO]);

impl Default for LeadMemo {
    fn default() -> Self {
        // No character has code u32::MAX: every slot starts empty.
        LeadMemo([(u32::MAX, 0); LEAD_MEMO])
    }
}

/// What follows the numbers of an ASCII stand-in that holds a digit ([`after_numbers`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct AfterNumbers {
    /// A TIME may be there: a number runs into `:`, or into `a`, `p`, `A` or `P` (of
    /// "a.m.", "PM") straight or after one space (or, set by the caller, "noon" or
    /// "midnight" is there).
    time: bool,
    /// A MONEY may be there: a `$` or another currency sign's stand-in, or a number
    /// followed by a space and a letter a currency word or a scale word opens with.
    money: bool,
    /// A QUANTITY may be there: a number followed, straight or after one space, by a
    /// unit, or after one space by a word a scale word opens ([`unit_at`]).
    quantity: bool,
}

/// The units of QUANTITY, each form its pattern writes ("miles?" is "mile" and "miles";
/// "km/h" is "km" then a `/`, "square miles" is "square" then a space).
const UNITS: &[&[u8]] = &[
    b"km",
    b"kilometers",
    b"kilometres",
    b"mile",
    b"miles",
    b"meter",
    b"meters",
    b"metre",
    b"metres",
    b"feet",
    b"foot",
    b"kg",
    b"kilogram",
    b"kilograms",
    b"ton",
    b"tons",
    b"tonne",
    b"tonnes",
    b"pounds",
    b"lb",
    b"lbs",
    b"barrel",
    b"barrels",
    b"acre",
    b"acres",
    b"hectare",
    b"hectares",
    b"degrees",
    b"mph",
    b"liter",
    b"liters",
    b"litre",
    b"litres",
    b"gallon",
    b"gallons",
    b"square",
];

/// The scale words of the patterns' `{SCALE}`.
const SCALES: &[&[u8]] = &[
    b"thousand",
    b"million",
    b"billion",
    b"trillion",
    b"bn",
    b"m",
    b"k",
];

/// Whether a QUANTITY's words may open `s`, the stand-in right after a number's last digit
/// (`spaced`: after one white space). After the number the pattern reads `{SCALE}`, which
/// opens with white space, then `\s?`, a unit (a word of [`UNITS`]) and `\b`. Straight
/// after the digit there is no scale, so the unit is the whole run of letters there (the
/// `\b` after it: no letter follows; the run may stop at a digit, where the match fails).
/// After a space, the letters are a unit, or open with a scale word (a unit may follow it
/// without a space: "5 mkm").
fn unit_at(s: &[u8], spaced: bool) -> bool {
    let run = &s[..s
        .iter()
        .position(|b| !b.is_ascii_alphabetic())
        .unwrap_or(s.len())];
    UNITS.contains(&run) || spaced && SCALES.iter().any(|w| run.starts_with(w))
}

/// The letters (a byte bit set) that open the currency words of MONEY and the scale
/// words ("thousand", "million", "billion", "trillion", "bn", "m", "k").
const MONEY_OPENERS: u128 = letters(b"deprywfctmbk");
/// The letters that open the units of QUANTITY and the scale words.
const QUANTITY_OPENERS: u128 = letters(b"kmftplbahdgs");
/// The letters that open "a.m.", "p.m.", "AM", "PM", "am", "pm".
const TIME_OPENERS: u128 = letters(b"apAP");

/// `bytes` as a bit set over ASCII.
const fn letters(bytes: &[u8]) -> u128 {
    let mut set = 0u128;
    let mut i = 0;
    while i < bytes.len() {
        set |= 1 << bytes[i];
        i += 1;
    }
    set
}

/// Whether the ASCII byte `b` is in the bit set `set` (see [`letters`]).
fn is_in(set: u128, b: u8) -> bool {
    b < 128 && set & (1 << b) != 0
}

/// Which of TIME (with a digit), MONEY and QUANTITY may match the ASCII stand-in `s` of a
/// sentence with a digit, by what must follow a number in each. Every such match holds a
/// number whose last digit ends a run of digits (what comes next in the pattern, a `:`,
/// white space or a letter, is never a digit), so only the byte or two after each
/// run are read: one pass over the sentence where the three patterns' searches were three.
/// A stand-in's white space outside ASCII (`\x03`) counts as maybe anything. "noon" and
/// "midnight" (TIME without a digit) are the caller's.
fn after_numbers(s: &[u8]) -> AfterNumbers {
    let mut found = AfterNumbers {
        time: false,
        // "$", "US$"; the stand-in of `€`, `£`, `¥`, `₽`.
        money: s.contains(&b'$') || s.contains(&1),
        quantity: false,
    };
    let mut i = 0;
    while let Some(d) = s[i..].iter().position(u8::is_ascii_digit) {
        let mut end = i + d + 1;
        while s.get(end).is_some_and(u8::is_ascii_digit) {
            end += 1;
        }
        i = end;
        let (next, then) = (s.get(end).copied(), s.get(end + 1).copied());
        match next {
            Some(b':') => found.time = true,
            // White space: `\s` in ASCII, or a stand-in's.
            Some(b'\t' | b'\n' | 0x0b | 0x0c | b'\r' | b' ') => {
                let then = then.unwrap_or(0);
                found.time |= is_in(TIME_OPENERS, then);
                found.money |= is_in(MONEY_OPENERS, then);
                found.quantity =
                    found.quantity || is_in(QUANTITY_OPENERS, then) && unit_at(&s[end + 1..], true);
            }
            Some(3) => {
                return AfterNumbers {
                    time: true,
                    money: true,
                    quantity: true,
                }
            }
            Some(b) => {
                found.time |= is_in(TIME_OPENERS, b);
                found.quantity =
                    found.quantity || is_in(QUANTITY_OPENERS, b) && unit_at(&s[end..], false);
            }
            None => {}
        }
        if found.time && found.money && found.quantity {
            break;
        }
    }
    found
}

/// Whether pattern `k` of [`VALUE_PATTERNS`] can match in an ASCII stand-in, by what every
/// match of it must contain: a digit for MONEY, PERCENT and QUANTITY; a digit or one of
/// the words for TIME, DATE and CARDINAL (`words`, from [`value_words_in`]); and with a
/// digit, what follows the numbers (`after`, from [`after_numbers`]). Saves running them
/// over the many sentences without numbers or dates.
fn may_match(
    kind: EntityType,
    s: &str,
    digits: bool,
    words: ValueWords,
    after: AfterNumbers,
) -> bool {
    match kind {
        EntityType::Money => digits && after.money,
        EntityType::Quantity => digits && after.quantity,
        // "%", "percent", "per cent", "percentage points".
        EntityType::Percent => digits && (s.contains('%') || s.contains("per")),
        EntityType::Time if digits => after.time,
        EntityType::Time => words.time,
        EntityType::Date => digits || words.date,
        EntityType::Cardinal => digits || words.cardinal,
        _ => true,
    }
}

/// Finds values in every sentence.
pub fn values(text: &str, tokenized: &Tokenized) -> Vec<Entity> {
    let mut out: Vec<Entity> = Vec::new();
    let mut ascii = Vec::new();
    let mut memo = LeadMemo::default();
    // This sentence's values so far: in order, never overlapping.
    let mut taken: Vec<(usize, usize, EntityType)> = Vec::new();
    let mut fresh: Vec<(usize, usize, EntityType)> = Vec::new();
    let mut merged: Vec<(usize, usize, EntityType)> = Vec::new();
    for s in &tokenized.sentences {
        let sentence = &text[s.span.0..s.span.1];
        let tokens = &tokenized.tokens[s.tokens.0..s.tokens.1];
        let (plain, digits, hay) = match own_stand_in(sentence.as_bytes()) {
            Some(digits) => (true, digits, sentence),
            None => {
                let plain = stand_in(sentence, &mut ascii, &mut memo);
                let digits = plain && ascii.iter().any(u8::is_ascii_digit);
                (
                    plain,
                    digits,
                    std::str::from_utf8(&ascii).unwrap_or_default(),
                )
            }
        };
        let words = if plain && !digits {
            value_words_in(hay)
        } else {
            ValueWords {
                date: true,
                cardinal: true,
                time: true,
            }
        };
        let after = if plain && digits {
            let mut after = after_numbers(hay.as_bytes());
            // "noon", "midnight": the TIME matches without a digit.
            after.time = after.time || TIME_WORDS.iter().any(|w| hay.contains(w));
            after
        } else {
            AfterNumbers {
                time: true,
                money: true,
                quantity: true,
            }
        };
        taken.clear();
        for (k, (kind, _)) in VALUE_PATTERNS.iter().enumerate() {
            if plain && !may_match(*kind, hay, digits, words, after) {
                continue;
            }
            let matches = if plain {
                ascii_pattern(k).find_iter(hay)
            } else {
                pattern(k).find_iter(sentence)
            };
            fresh.clear();
            for m in matches {
                let (start, end) = (s.span.0 + m.start(), s.span.0 + m.end());
                // An earlier pattern's value here wins (one pattern's matches never overlap).
                let after = taken.partition_point(|&(_, e, _)| e <= start);
                let free = taken.get(after).map_or(true, |&(b, _, _)| end <= b);
                // Spans must fall on token boundaries.
                let on_tokens = tokens.binary_search_by_key(&start, |t| t.span.0).is_ok()
                    && tokens.binary_search_by_key(&end, |t| t.span.1).is_ok();
                if free && on_tokens {
                    fresh.push((start, end, *kind));
                }
            }
            merged.clear();
            let (mut a, mut b) = (taken.iter().peekable(), fresh.iter().peekable());
            while let (Some(&&x), Some(&&y)) = (a.peek(), b.peek()) {
                if x.0 < y.0 {
                    merged.push(x);
                    a.next();
                } else {
                    merged.push(y);
                    b.next();
                }
            }
            merged.extend(a);
            merged.extend(b);
            std::mem::swap(&mut taken, &mut merged);
        }
        out.extend(taken.iter().map(|&(start, end, kind)| Entity {
            start,
            end,
            kind,
            text: text[start..end].to_string(),
            group: 0,
            role: None,
        }));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Span;

    fn found(s: &str) -> Vec<(String, EntityType)> {
        let t = crate::tokens::tokenize(s, &[Span(0, s.len())]);
        values(s, &t)
            .into_iter()
            .map(|e| (e.text, e.kind))
            .collect()
    }

    /// The rules as first written: the patterns as written over each sentence.
    fn reference(text: &str, tokenized: &Tokenized) -> Vec<Entity> {
        let mut out: Vec<Entity> = Vec::new();
        for s in &tokenized.sentences {
            let sentence = &text[s.span.0..s.span.1];
            let from = out.len();
            for (k, (kind, _)) in VALUE_PATTERNS.iter().enumerate() {
                for m in pattern(k).find_iter(sentence) {
                    let (start, end) = (s.span.0 + m.start(), s.span.0 + m.end());
                    let taken = out[from..].iter().any(|e| e.start < end && start < e.end);
                    let toks = &tokenized.tokens[s.tokens.0..s.tokens.1];
                    let on_tokens = toks.iter().any(|t| t.span.0 == start)
                        && toks.iter().any(|t| t.span.1 == end);
                    if !taken && on_tokens {
                        out.push(Entity {
                            start,
                            end,
                            kind: *kind,
                            text: text[start..end].to_string(),
                            group: 0,
                            role: None,
                        });
                    }
                }
            }
            crate::stable_sort::by_key(&mut out[from..], |e| e.start);
        }
        out
    }

    /// The ASCII stand-in finds what the patterns as written find, on text made of the
    /// pieces the patterns read and the characters outside ASCII that could confuse it.
    #[test]
    fn stand_in_agrees_with_the_patterns_as_written() {
        const PIECES: &[&str] = &[
            "March",
            "May",
            "Sept.",
            "Thursday",
            "last",
            "this",
            "week",
            "early",
            "-",
            "–",
            "—",
            " ",
            " ",
            "\u{a0}",
            "\u{2009}",
            "\u{3000}",
            "\n",
            "1",
            "2",
            "5",
            "12",
            "2016",
            "7,000",
            "3.5",
            ",",
            ".",
            ":",
            "/",
            "$",
            "€",
            "£",
            "¥",
            "₽",
            "US$",
            "%",
            "percent",
            "per cent",
            "million",
            "bn",
            "dollars",
            "km",
            "square miles",
            "a.m.",
            "PM",
            "EST",
            "noon",
            "one",
            "two",
            "hundred",
            "é",
            "Ж",
            "東京",
            "한",
            "ß",
            "\u{301}",
            "\u{200d}",
            "_",
            "’",
            "“",
            "٣",
            "²",
            "½",
            "\u{1}",
            "\u{2}",
            "\u{3}",
            "\u{6}",
            "x",
            "Z",
            "ab",
            "1990s",
            "12/05/2024",
            "2024-03-01",
            "10:30",
            "(",
            ")",
            "Jan.",
            "earlier",
            "yesterday",
            "today",
            "tomorrow",
            "Sunday",
            "June",
            "Dec.",
            "month",
            "decade",
            "summer",
            "ten",
            "dozens",
            "millions",
            "often",
            "someone",
            "years",
            "Mondays",
            "falling",
            "tens",
            "midnight",
            "tenoon",
            "Decnoon",
        ];
        let mut next = crate::test_numbers(0x2545_f491_4f6c_dd1du64);
        let mut runs = 0;
        for _ in 0..3000 {
            let n = 1 + next() % 24;
            let text: String = (0..n)
                .map(|_| PIECES[(next() % PIECES.len() as u64) as usize])
                .collect();
            let t = crate::tokens::tokenize(&text, &[Span(0, text.len())]);
            let got = values(&text, &t);
            let want = reference(&text, &t);
            assert_eq!(got, want, "{text:?}");
            runs += got.len();
        }
        assert!(runs > 1000, "the test text finds values ({runs})");
    }

    /// The letters [`after_numbers`] expects after a number are those the MONEY and QUANTITY
    /// patterns' words open with: every lower-case word written in either pattern (its
    /// currencies, units and scale words; not the escapes `\b`, `\s`, `\d`) opens with a
    /// letter of its set, so a word added to a pattern without its letter fails here.
    #[test]
    fn the_letters_after_a_number_cover_every_word_of_the_patterns() {
        for (kind, set) in [
            (EntityType::Money, MONEY_OPENERS),
            (EntityType::Quantity, QUANTITY_OPENERS),
        ] {
            let k = VALUE_PATTERNS.iter().position(|(t, _)| *t == kind).unwrap();
            let pattern = expanded(k);
            let b = pattern.as_bytes();
            let mut checked = 0;
            for (i, &c) in b.iter().enumerate() {
                let starts_word = c.is_ascii_lowercase()
                    && (i == 0 || !(b[i - 1].is_ascii_alphabetic() || b[i - 1] == b'\\'));
                if starts_word {
                    let word: String = pattern[i..]
                        .chars()
                        .take_while(char::is_ascii_lowercase)
                        .collect();
                    assert!(
                        is_in(set, c),
                        "{kind:?}: {word:?} opens with a letter not in the set"
                    );
                    // A unit or scale word of QUANTITY is one [`unit_at`] knows (but the
                    // "h" of "km/h", read after "km").
                    if kind == EntityType::Quantity && b[i - 1] != b'/' {
                        let w = word.as_bytes();
                        assert!(
                            UNITS.contains(&w) || SCALES.contains(&w),
                            "{word:?} is not in UNITS or SCALES"
                        );
                    }
                    checked += 1;
                }
            }
            assert!(checked > 10, "{kind:?}: only {checked} words read");
        }
    }

    /// [`after_numbers`] never rules out a TIME, MONEY or QUANTITY that its pattern finds in
    /// the stand-in, on our own text: numbers next to units, currency words and signs,
    /// clock times, scale words, accents, CJK, emoji, curly quotes, wide and no-break
    /// spaces; and the values found with it are the plain path's.
    #[test]
    fn after_numbers_never_rules_out_a_match() {
        const PIECES: &[&str] = &[
            "7",
            "12",
            "3,500",
            "2.5",
            " ",
            "\u{a0}",
            "\u{2003}",
            "\t",
            ":",
            ":30",
            "am",
            "a.m.",
            "PM",
            "p",
            " pm",
            "noon",
            "$",
            "US$",
            "€",
            "£",
            "¥",
            "₽",
            " dollars",
            " euros",
            "yen",
            " won",
            " cents",
            " million",
            " bn",
            "m",
            "k",
            "km",
            " kg",
            "miles",
            " square feet",
            "square miles",
            " tons",
            "ton",
            " mile",
            "meter",
            " metres",
            "foot",
            " kilogram",
            "lb",
            " tonne",
            "km/h",
            " mkm",
            " kmph",
            " thousand",
            " trillion",
            "mi",
            " more",
            " tonsil",
            "feet2",
            " k",
            "_",
            " lbs",
            " degrees",
            "mph",
            " acres",
            " hectares",
            " gallons",
            " litres",
            " pounds",
            " barrels",
            "Zoë",
            "東京",
            "🚀",
            "’",
            "“",
            "”",
            "–",
            "-",
            "%",
            " per cent",
            " the ",
            "x",
            "é",
            ".",
            ",",
            " z",
        ];
        let mut next = crate::test_numbers(0x9e37_79b9_7f4a_7c15u64);
        let mut memo = LeadMemo::default();
        let mut ascii = Vec::new();
        let (mut ruled_out, mut kept) = (0, 0);
        for _ in 0..20000 {
            let n = 1 + next() % 12;
            let text: String = (0..n)
                .map(|_| PIECES[(next() % PIECES.len() as u64) as usize])
                .collect();
            if !stand_in(&text, &mut ascii, &mut memo) || !ascii.iter().any(u8::is_ascii_digit) {
                continue;
            }
            let hay = std::str::from_utf8(&ascii).expect("ASCII");
            let mut after = after_numbers(&ascii);
            after.time = after.time || TIME_WORDS.iter().any(|w| hay.contains(w));
            for (k, (kind, _)) in VALUE_PATTERNS.iter().enumerate() {
                let may = match kind {
                    EntityType::Time => after.time,
                    EntityType::Money => after.money,
                    EntityType::Quantity => after.quantity,
                    _ => continue,
                };
                if ascii_pattern(k).is_match(hay) {
                    assert!(may, "{kind:?} in {text:?}");
                    kept += 1;
                } else if !may {
                    ruled_out += 1;
                }
            }
            let t = crate::tokens::tokenize(&text, &[Span(0, text.len())]);
            assert_eq!(values(&text, &t), reference(&text, &t), "{text:?}");
        }
        assert!(ruled_out > 1000 && kept > 1000, "{ruled_out} {kept}");
    }

    /// A sentence that is its own stand-in is found so exactly when [`stand_in`] copies it
    /// unchanged, with the same answer on digits, on our own text: ASCII, each control
    /// byte the stand-ins use, accents, CJK, emoji, curly quotes, other scripts' digits.
    #[test]
    fn own_stand_in_agrees_with_the_copy() {
        let mut texts: Vec<String> = [
            "",
            "Talks ran from March 25-27.",
            "No figures here, only words.",
            "Up 12% since 1948, at 3:41 PM.",
            "Zoë paid €40bn on 12 May.",
            "東京 reported 3 cases.",
            "🚀 launched at noon",
            "“We’ll see,” she said in 2016.",
            "٣ apples",
            "a\u{1}b",
            "a\u{2}b 7",
            "a\u{3}b",
            "a\u{4}b 9",
            "a\u{6}b",
            "a\u{7}b\tc\u{7f}",
        ]
        .iter()
        .map(|t| t.to_string())
        .collect();
        // Long texts, so the flaw may sit past the first chunk.
        for t in texts.clone() {
            texts.push(format!("{}{t}", "x".repeat(100)));
            texts.push(format!("{t}{}", " y".repeat(70)));
        }
        let mut memo = LeadMemo::default();
        let mut out = Vec::new();
        for t in &texts {
            let plain = stand_in(t, &mut out, &mut memo);
            let same = plain && out == t.as_bytes();
            match own_stand_in(t.as_bytes()) {
                Some(digits) => {
                    assert!(same, "{t:?}");
                    assert_eq!(digits, t.bytes().any(|b| b.is_ascii_digit()), "{t:?}");
                }
                None => assert!(!same, "{t:?}"),
            }
        }
    }

    /// The time words are found as `str::contains` finds them, wherever the automaton stops
    /// (after a date and a number word, or at the end), overlapping or not, on our own text.
    #[test]
    fn time_words_found_as_contains_finds_them() {
        let heads = [
            "",
            "Monday ",
            "ten ",
            "Monday ten ",
            "Sunday one ",
            "noon ",
            "x",
        ];
        let tails = [
            "",
            "noon",
            "tenoon",
            "Decnoon",
            "midnight",
            "at midnight, ten",
            "no on",
            "afternoon",
            "twelve noon",
            "\u{4}\u{6}z noon",
        ];
        for h in heads {
            for t in tails {
                for s in [
                    format!("{h}{t}"),
                    format!("{t} {h}"),
                    format!("{h}{t} tomorrow"),
                ] {
                    let want = s.contains("noon") || s.contains("midnight");
                    assert_eq!(value_words_in(&s).time, want, "{s:?}");
                }
            }
        }
    }

    /// The lead bytes of the large blocks are those the tables give, for every character.
    #[test]
    fn lead_of_agrees_with_the_tables() {
        for c in (0x80..=0x10ffffu32).filter_map(char::from_u32) {
            assert_eq!(lead_of(c), lead_of_by_tables(c), "{c:?}");
        }
    }

    /// The word-character test agrees with Unicode `\w` as the regex crate compiles it, over
    /// every character; and among numbers that are not letters, the word characters are just
    /// the digits (`\d`), as [`stand_in`] takes them.
    #[test]
    fn is_word_agrees_with_the_regex_crate() {
        let w = regex::Regex::new(r"^\w$").expect("word pattern");
        let d = regex::Regex::new(r"^\d$").expect("digit pattern");
        let mut buf = [0u8; 4];
        for c in (0..=0x10ffffu32).filter_map(char::from_u32) {
            let s = c.encode_utf8(&mut buf);
            assert_eq!(is_regex_word(c), w.is_match(s), "{s:?}");
            if c.is_numeric() && !c.is_alphabetic() {
                assert_eq!(is_regex_word(c), d.is_match(s), "{s:?}");
            }
        }
    }

    #[test]
    fn dates_and_numbers() {
        let f = found("Talks ran from March 25-27 and ended on Thursday, earlier this month.");
        assert!(
            f.contains(&("March 25-27".into(), EntityType::Date)),
            "{f:?}"
        );
        assert!(f.contains(&("Thursday".into(), EntityType::Date)), "{f:?}");
        assert!(
            f.contains(&("earlier this month".into(), EntityType::Date)),
            "{f:?}"
        );
        let f = found("It shipped around 7,000 containers for $2.5 million, up 12% since 1948.");
        assert!(f.contains(&("7,000".into(), EntityType::Cardinal)), "{f:?}");
        assert!(
            f.contains(&("$2.5 million".into(), EntityType::Money)),
            "{f:?}"
        );
        assert!(f.contains(&("12%".into(), EntityType::Percent)), "{f:?}");
        assert!(f.contains(&("1948".into(), EntityType::Date)), "{f:?}");
        let f = found("Updated 3:41 PM EST after a 40 km march.");
        assert!(
            f.contains(&("3:41 PM EST".into(), EntityType::Time)),
            "{f:?}"
        );
        assert!(f.contains(&("40 km".into(), EntityType::Quantity)), "{f:?}");
    }
}
