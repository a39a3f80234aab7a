//! The article's language, an ISO 639-1 guess. Scripts used by one language decide
//! alone (Hangul → "ko", kana → "ja", Greek → "el", Hebrew → "he", Thai → "th"); for the
//! Latin and Cyrillic scripts, the language whose function words are most frequent wins,
//! but only by a clear margin over the runner-up and only in enough text. Otherwise
//! `None`: a wrong language in a citation is worse than none.

use crate::model::{Block, BlockClass};
use crate::tokens::{is_letter, is_letter_or_digit, simple_case};
use std::sync::OnceLock;

/// The most frequent function words of each language, chosen to overlap little.
const FUNCTION_WORDS: &[(&str, &[&str])] = &[
    (
        "en",
        &[
            "the", "and", "of", "to", "is", "was", "that", "with", "for", "said", "his", "her",
            "have", "it", "from", "this", "by", "are", "were", "which", "has", "been", "would",
            "they",
        ],
    ),
    (
        "de",
        &[
            "der", "die", "und", "das", "ist", "nicht", "mit", "den", "dem", "ein", "eine", "auch",
            "sich", "von", "zu", "im", "für", "auf", "wird", "sind", "werden", "nach", "wie",
        ],
    ),
    (
        "fr",
        &[
            "le", "la", "les", "des", "et", "est", "une", "dans", "du", "pour", "qui", "pas",
            "sur", "au", "ce", "avec", "sont", "il", "elle", "aux", "mais", "ont", "cette",
        ],
    ),
    (
        "es",
        &[
            "el", "los", "las", "del", "que", "y", "una", "por", "con", "para", "es", "se", "su",
            "al", "como", "más", "pero", "fue", "lo", "sus", "según", "está",
        ],
    ),
    (
        "it",
        &[
            "il", "di", "che", "e", "per", "un", "una", "della", "non", "sono", "è", "con", "dei",
            "gli", "alla", "nel", "anche", "ha", "delle", "nella", "questo", "più",
        ],
    ),
    (
        "pt",
        &[
            "o", "os", "que", "e", "do", "da", "em", "um", "uma", "para", "com", "não", "dos",
            "das", "no", "na", "foi", "ao", "pelo", "pela", "mais", "são",
        ],
    ),
    (
        "nl",
        &[
            "de", "het", "een", "en", "van", "is", "dat", "niet", "op", "te", "zijn", "met",
            "voor", "ook", "die", "maar", "wordt", "bij", "heeft", "naar", "werd",
        ],
    ),
    (
        "ru",
        &[
            "и",
            "в",
            "не",
            "на",
            "что",
            "с",
            "по",
            "как",
            "это",
            "из",
            "за",
            "от",
            "к",
            "для",
            "но",
            "о",
            "его",
            "она",
            "они",
            "был",
            "была",
            "также",
        ],
    ),
    (
        "uk",
        &[
            "і",
            "та",
            "що",
            "на",
            "не",
            "з",
            "у",
            "до",
            "як",
            "це",
            "від",
            "для",
            "але",
            "за",
            "його",
            "її",
            "було",
            "він",
            "вона",
            "ми",
            "також",
        ],
    ),
    (
        "pl",
        &[
            "i", "w", "nie", "na", "się", "z", "że", "do", "jest", "to", "o", "jak", "po", "ale",
            "od", "za", "co", "przez", "dla", "są", "także",
        ],
    ),
];

/// Scripts that belong to one language, by Unicode block.
const SCRIPTS: &[(&str, &[(u32, u32)])] = &[
    (
        "ko",
        &[(0xAC00, 0xD7AF), (0x1100, 0x11FF), (0x3130, 0x318F)],
    ),
    ("ja", &[(0x3040, 0x30FF)]),
    ("el", &[(0x0370, 0x03FF)]),
    ("he", &[(0x0590, 0x05FF)]),
    ("th", &[(0x0E00, 0x0E7F)]),
];

/// At least this many function words, this share of all words, and this lead over the
/// runner-up before a language is named.
const MIN_HITS: usize = 8;
const MIN_SHARE: f32 = 0.12;
const MIN_LEAD: f32 = 1.5;
/// Share of letters a one-language script must reach.
const MIN_SCRIPT_SHARE: f32 = 0.3;

/// A long body is first read in [`SAMPLE_WINDOWS`] stretches of about [`WINDOW_BYTES`]
/// each, spread evenly over it: when they name a language by a wide margin (the
/// thresholds below, each well past what naming one needs), that is the guess, and the
/// rest of the body is not read. Otherwise (a sample that is unsure, names no language, or
/// holds a letter of a one-language script) the whole body decides, as for a short one.
/// Only a body whose language changes from one part to the next could be guessed
/// otherwise than by a full read (tested on our mixed-language texts).
const SAMPLE_WINDOWS: usize = 8;
const WINDOW_BYTES: usize = 192;
const SAMPLE_MIN_HITS: usize = 3 * MIN_HITS;
const SAMPLE_MIN_SHARE: f32 = 1.5 * MIN_SHARE;
const SAMPLE_MIN_LEAD: f32 = 2.0 * MIN_LEAD;
/// A body up to this long is read whole: a sample would save little.
const SAMPLED_FROM: usize = 2 * SAMPLE_WINDOWS * WINDOW_BYTES;

/// The language of the article body (all blocks when none is body), or `None`.
pub fn guess(text: &str, blocks: &[Block]) -> Option<&'static str> {
    let body: Vec<&str> = blocks
        .iter()
        .filter(|b| b.class == BlockClass::Body)
        .map(|b| &text[b.start..b.end])
        .collect();
    // As if the blocks were one text with a line break between them: a break is not a
    // letter, so counting block by block is the same.
    let parts = if body.is_empty() { vec![text] } else { body };
    if parts.iter().map(|p| p.len()).sum::<usize>() >= SAMPLED_FROM {
        if let Some(lang) = tally(&sample(&parts)).clear_verdict() {
            return Some(lang);
        }
    }
    tally(&parts).verdict()
}

/// The language of `s`, or `None` when unsure (always read whole).
pub fn guess_text(s: &str) -> Option<&'static str> {
    tally(&[s]).verdict()
}

/// [`SAMPLE_WINDOWS`] stretches of `parts`, evenly spread, in order and apart: each
/// starts after a space or line break (when one comes within a few bytes) and ends at
/// one, so that few words are cut.
fn sample<'a>(parts: &[&'a str]) -> Vec<&'a str> {
    let total: usize = parts.iter().map(|p| p.len()).sum();
    let mut windows = Vec::with_capacity(SAMPLE_WINDOWS);
    // Where the windows so far end, as an offset in the parts laid end to end.
    let mut done = 0;
    let mut part_start = 0;
    let mut parts = parts.iter();
    let mut part = parts.next().copied().unwrap_or("");
    for k in 0..SAMPLE_WINDOWS {
        let at = (k * total / SAMPLE_WINDOWS).max(done);
        while at >= part_start + part.len() {
            part_start += part.len();
            match parts.next() {
                Some(p) => part = p,
                None => return windows,
            }
        }
        let from = after_space(part, at - part_start);
        let to = after_space(part, (from + WINDOW_BYTES).min(part.len()));
        if from < to {
            windows.push(&part[from..to]);
        }
        done = part_start + to;
    }
    windows
}

/// The first place at or after byte `i` of `s` that follows a space or line break, when
/// one comes within 32 bytes; else the first character boundary there.
fn after_space(s: &str, i: usize) -> usize {
    if i == 0 || i >= s.len() {
        return i.min(s.len());
    }
    let b = s.as_bytes();
    if matches!(b[i - 1], b' ' | b'\n') {
        return i;
    }
    let near = &b[i..(i + 32).min(b.len())];
    if let Some(k) = near.iter().position(|&x| x == b' ' || x == b'\n') {
        return i + k + 1;
    }
    (i..=s.len())
        .find(|&j| s.is_char_boundary(j))
        .unwrap_or(s.len())
}

/// What the guess counts: letters, letters of each one-language script, words, and
/// function words of each language.
struct Counts {
    letters: usize,
    in_script: [usize; SCRIPTS.len()],
    words: usize,
    hits: [usize; FUNCTION_WORDS.len()],
}

impl Counts {
    /// The language by the rules of the module (a one-language script, then function
    /// words by a clear margin), or `None`.
    fn verdict(&self) -> Option<&'static str> {
        if self.letters == 0 {
            return None;
        }
        for (k, (lang, _)) in SCRIPTS.iter().enumerate() {
            if self.in_script[k] as f32 / self.letters as f32 >= MIN_SCRIPT_SHARE {
                return Some(lang);
            }
        }
        let (lang, first, second) = self.leaders();
        (first >= MIN_HITS
            && first as f32 >= MIN_SHARE * self.words as f32
            && first as f32 >= MIN_LEAD * second as f32)
            .then_some(lang)
    }

    /// The language a sample names by a wide margin (see [`SAMPLE_WINDOWS`]), or `None`.
    fn clear_verdict(&self) -> Option<&'static str> {
        if self.in_script.iter().any(|&n| n > 0) {
            return None;
        }
        let (lang, first, second) = self.leaders();
        (first >= SAMPLE_MIN_HITS
            && first as f32 >= SAMPLE_MIN_SHARE * self.words as f32
            && first as f32 >= SAMPLE_MIN_LEAD * second as f32)
            .then_some(lang)
    }

    /// The language with the most function words, its count and the runner-up's (the
    /// first in [`FUNCTION_WORDS`] on a tie).
    fn leaders(&self) -> (&'static str, usize, usize) {
        let mut hits: Vec<(&'static str, usize)> = FUNCTION_WORDS
            .iter()
            .zip(self.hits)
            .map(|((lang, _), n)| (*lang, n))
            .collect();
        crate::stable_sort::by_key(&mut hits, |h| std::cmp::Reverse(h.1));
        (hits[0].0, hits[0].1, hits[1].1)
    }
}

/// A word of at most 16 bytes as a number (bytes in order, zeros after): words hold no
/// NUL, so two words are equal exactly when their keys are, and comparing keys is cheaper
/// than comparing strings.
fn key(w: &[u8]) -> Option<u128> {
    (w.len() <= 16).then(|| {
        let mut k = [0u8; 16];
        k[..w.len()].copy_from_slice(w);
        u128::from_be_bytes(k)
    })
}

/// Slots of [`FunctionWords`]' table: a power of two, several times the number of words,
/// so a look-up usually reads one slot.
const SLOTS: usize = 512;

/// Every function word (by [`key`]) with the languages that use it (bits of
/// [`FUNCTION_WORDS`]), in an open-addressing hash table: one multiplication and usually
/// one slot per word of the text.
struct FunctionWords {
    /// `(key, languages)`; key 0 marks an empty slot (no word is empty).
    slots: Vec<(u128, u16)>,
}

impl FunctionWords {
    fn slot(k: u128) -> usize {
        let folded = (k as u64) ^ ((k >> 64) as u64);
        (folded.wrapping_mul(0x9E37_79B9_7F4A_7C15) >> (64 - SLOTS.trailing_zeros())) as usize
    }

    /// The languages (bits) that use the word with key `k`; 0 for none.
    fn languages(&self, k: u128) -> u16 {
        let mut i = Self::slot(k);
        loop {
            let (sk, langs) = self.slots[i];
            if sk == k {
                return langs;
            }
            if sk == 0 {
                return 0;
            }
            i = (i + 1) % SLOTS;
        }
    }

    fn get() -> &'static FunctionWords {
        static T: OnceLock<FunctionWords> = OnceLock::new();
        T.get_or_init(|| {
            let mut t = FunctionWords {
                slots: vec![(0, 0); SLOTS],
            };
            for (lang, (_, list)) in FUNCTION_WORDS.iter().enumerate() {
                for &w in *list {
                    let k = key(w.as_bytes()).expect("function words have at most 16 bytes");
                    let mut i = Self::slot(k);
                    while t.slots[i].0 != 0 && t.slots[i].0 != k {
                        i = (i + 1) % SLOTS;
                    }
                    t.slots[i] = (k, t.slots[i].1 | 1 << lang);
                }
            }
            t
        })
    }
}

/// Each ASCII byte lower-cased when it is a letter or digit, 0 when it separates words.
const ASCII_WORD_BYTES: [u8; 128] = {
    let mut t = [0u8; 128];
    let mut b = 0;
    while b < 128 {
        if (b as u8).is_ascii_alphanumeric() {
            t[b] = (b as u8).to_ascii_lowercase();
        }
        b += 1;
    }
    t
};

/// The words of the lower-cased text and how many are each language's function words.
struct Tally<'a> {
    table: &'a FunctionWords,
    words: usize,
    hits: [usize; FUNCTION_WORDS.len()],
    /// The word being read, lower-cased: its first 16 bytes, zeros after (so that as a
    /// number it is the word's [`key`], with no copy), and its length in bytes.
    word: [u8; 16],
    len: usize,
}

impl Tally<'_> {
    fn push_byte(&mut self, b: u8) {
        if let Some(slot) = self.word.get_mut(self.len) {
            *slot = b;
        }
        self.len += 1;
    }

    fn push(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.push_byte(b);
        }
    }

    /// Ends the word being read, if any: counts it, and its languages when it is short
    /// enough to be a function word.
    fn end(&mut self) {
        if self.len == 0 {
            return;
        }
        self.words += 1;
        // A word of more than 16 bytes has no key, and is no function word.
        let mut langs = if self.len <= 16 {
            self.table.languages(u128::from_be_bytes(self.word))
        } else {
            0
        };
        while langs != 0 {
            self.hits[langs.trailing_zeros() as usize] += 1;
            langs &= langs - 1;
        }
        self.word = [0; 16];
        self.len = 0;
    }
}

/// The Unicode block of curly quotes, dashes and spaces of every width, frequent in news
/// text: its characters are neither letters nor digits, and belong to none of [`SCRIPTS`].
const GENERAL_PUNCTUATION: std::ops::RangeInclusive<u32> = 0x2000..=0x206F;

/// `c` lower-cased when it is a letter of Latin-1 or of basic Cyrillic (`А`–`я`, `Ѐ`–`џ`):
/// a letter, in none of [`SCRIPTS`], lower-cased to one letter. Checked against the general
/// path on every character.
fn plain_letter(c: char) -> Option<char> {
    match u32::from(c) {
        0xC0..=0xFF | 0x400..=0x45F if c != '×' && c != '÷' => simple_case(c).map(|(l, _)| l),
        _ => None,
    }
}

/// The counts of the text made of `parts` (words never span two parts).
fn tally(parts: &[&str]) -> Counts {
    // One pass for the letters, the one-language scripts, and the words of the
    // lower-cased text, counted without copying it: a character is lower-cased on its own
    // (the words' bytes in a stack buffer). Lower-casing never turns a separator into a
    // letter or digit, but may split a word ("İ" → "i̇"): the pieces are counted.
    let mut letters = 0usize;
    let mut in_script = [0usize; SCRIPTS.len()];
    let mut tally = Tally {
        table: FunctionWords::get(),
        words: 0,
        hits: [0; FUNCTION_WORDS.len()],
        word: [0; 16],
        len: 0,
    };
    for s in parts {
        let bytes = s.as_bytes();
        let mut i = 0;
        while i < bytes.len() {
            let b = bytes[i];
            if let Some(&lower) = ASCII_WORD_BYTES.get(usize::from(b)) {
                i += 1;
                if lower != 0 {
                    letters += usize::from(lower >= b'a'); // digits are below 'a'
                    tally.push_byte(lower);
                } else {
                    tally.end();
                }
                continue;
            }
            let Some(c) = s[i..].chars().next() else {
                break;
            };
            i += c.len_utf8();
            if let Some(lower) = plain_letter(c) {
                // Most letters of Latin and Cyrillic text outside ASCII: no table needed.
                letters += 1;
                tally.push(lower.encode_utf8(&mut [0; 4]).as_bytes());
                continue;
            }
            if GENERAL_PUNCTUATION.contains(&u32::from(c)) {
                // Curly quotes, dashes, no-break spaces of every kind: no letter, no
                // script's, a word's end (see `general_punctuation_ends_words`).
                tally.end();
                continue;
            }
            if is_letter(c) {
                letters += 1;
            }
            let u = u32::from(c);
            if u >= 0x0370 {
                for (k, (_, ranges)) in SCRIPTS.iter().enumerate() {
                    if ranges.iter().any(|&(a, b)| (a..=b).contains(&u)) {
                        in_script[k] += 1;
                    }
                }
            }
            if !is_letter_or_digit(c) {
                tally.end();
                continue;
            }
            let mut lowered = |l: char| {
                if is_letter_or_digit(l) {
                    tally.push(l.encode_utf8(&mut [0; 4]).as_bytes());
                } else {
                    tally.end();
                }
            };
            match simple_case(c) {
                Some((l, _)) => lowered(l),
                None => c.to_lowercase().for_each(lowered),
            }
        }
        tally.end();
    }
    Counts {
        letters,
        in_script,
        words: tally.words,
        hits: tally.hits,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plain_letters_read_as_by_the_general_path() {
        for c in (0..=0x10FFFFu32).filter_map(char::from_u32) {
            if let Some(l) = plain_letter(c) {
                let u = u32::from(c);
                assert!(is_letter(c) && is_letter_or_digit(c), "{c:?}");
                assert!(!GENERAL_PUNCTUATION.contains(&u), "{c:?}");
                for (_, ranges) in SCRIPTS {
                    assert!(!ranges.iter().any(|&(a, b)| (a..=b).contains(&u)), "{c:?}");
                }
                assert_eq!(c.to_lowercase().collect::<Vec<_>>(), [l], "{c:?}");
                assert!(is_letter_or_digit(l), "{c:?}");
            }
        }
        assert_eq!(plain_letter('Ё'), Some('ё'));
        assert_eq!(plain_letter('É'), Some('é'));
        assert_eq!(plain_letter('×'), None);
    }

    #[test]
    fn languages_by_function_words() {
        let en = "The minister said on Monday that the talks with the union were over and that it was time for a vote, which the members have been asking for.";
        assert_eq!(guess_text(en), Some("en"));
        let de = "Der Minister sagte am Montag, dass die Gespräche mit der Gewerkschaft beendet seien und dass es nicht mehr um die Abstimmung gehe, die von den Mitgliedern auch gefordert wird.";
        assert_eq!(guess_text(de), Some("de"));
        let fr = "Le ministre a déclaré lundi que les discussions avec le syndicat sont terminées et qu'il est temps pour un vote, ce que les membres demandent dans la région depuis des mois.";
        assert_eq!(guess_text(fr), Some("fr"));
        let it = "Il ministro ha detto lunedì che i colloqui con il sindacato sono finiti e che è il momento di un voto, che gli iscritti della regione chiedono da mesi per la questione della fabbrica.";
        assert_eq!(guess_text(it), Some("it"));
        let ru = "Министр заявил в понедельник, что переговоры с профсоюзом завершены и что он не видит причин для забастовки, как и его коллеги из министерства.";
        assert_eq!(guess_text(ru), Some("ru"));
        assert_eq!(
            guess_text("국방부는 월요일 회담이 재개될 것이라고 밝혔다."),
            Some("ko")
        );
    }

    #[test]
    fn general_punctuation_ends_words() {
        for c in GENERAL_PUNCTUATION.filter_map(char::from_u32) {
            assert!(!is_letter(c) && !is_letter_or_digit(c), "{c:?}");
            let u = u32::from(c);
            assert!(SCRIPTS
                .iter()
                .all(|(_, r)| r.iter().all(|&(a, b)| !(a..=b).contains(&u))));
        }
        assert_eq!(guess_text("“Der—die”"), guess_text("\"Der-die\""));
    }

    #[test]
    fn lower_casing_never_turns_a_separator_into_a_letter() {
        // What lets words be lower-cased one by one instead of the whole text.
        for c in (0..=0x10FFFF).filter_map(char::from_u32) {
            if !c.is_alphanumeric() {
                assert!(c.to_lowercase().all(|l| !l.is_alphanumeric()), "{c:?}");
            }
        }
    }

    #[test]
    fn same_as_counting_the_lower_cased_text() {
        // The reference: the whole text lower-cased, then split.
        fn reference(s: &str) -> Option<&'static str> {
            let lower = s.to_lowercase();
            let words: Vec<&str> = lower
                .split(|c: char| !c.is_alphanumeric())
                .filter(|w| !w.is_empty())
                .collect();
            let mut hits: Vec<(&str, usize)> = FUNCTION_WORDS
                .iter()
                .map(|(lang, list)| (*lang, words.iter().filter(|w| list.contains(w)).count()))
                .collect();
            crate::stable_sort::by_key(&mut hits, |h| std::cmp::Reverse(h.1));
            let (lang, first) = hits[0];
            (first >= MIN_HITS
                && first as f32 >= MIN_SHARE * words.len() as f32
                && first as f32 >= MIN_LEAD * hits[1].1 as f32)
                .then_some(lang)
        }
        for s in [
            "THE minister SAID that THE talks WITH the union WERE over AND that IT was time.",
            "İstanbul: the mayor and the council said that the vote was over and it was the end.",
            "Die Ministerin sagte, DASS die Gespräche MIT der Gewerkschaft nicht beendet sind und auch die Abstimmung.",
            "ΟΔΟΣ. The and of to is was that with for said his her have it from this by are were which.",
            "de de de de de de de de de la la la la het het een een",
            "the the the the the the the the der der der der der",
            "Straßenbahnhaltestellen: der Minister sagte, dass die Gespräche mit den Leuten auch nicht von der Stadt sind.",
            "ΟΔΟΣ ΣΟΦΟΣ λόγος 2024 the and of to is was that with for said his her have it 1st",
            "Superlongwordthatisnotafunctionword the and of to is was that with for said it",
        ] {
            assert_eq!(guess_text(s), reference(s), "{s}");
        }
    }

    /// Long texts of our own, in one language or several, with characters a window's edge
    /// could split: accents, CJK, emoji, curly quotes, `ſ`, the Kelvin sign.
    fn long_texts() -> Vec<(&'static str, String)> {
        let en = "The mayor said on Monday that the harbour, which was closed for three weeks, would reopen “within days” and that the fishermen have been waiting for it. ";
        let de = "Der Bürgermeister sagte am Montag, dass der Hafen nach drei Wochen wieder geöffnet wird und die Fischer auch schon darauf warten, wie die Stadt mitteilte. ";
        let fr = "Le maire a déclaré lundi que le port, qui est fermé depuis trois semaines, sera rouvert dans les jours qui viennent et que les pêcheurs sont prêts. ";
        let ru = "Мэр заявил в понедельник, что порт, который был закрыт три недели, откроется в ближайшие дни, и что рыбаки уже готовы к выходу в море. ";
        let el = "Ο δήμαρχος δήλωσε τη Δευτέρα ότι το λιμάνι θα ανοίξει ξανά μέσα στις επόμενες ημέρες. ";
        let odd = "北京 🙂 ſtraße \u{212A}elvin — “quoted” ‘words’ naïve café Ærø. ";
        let mut out = vec![
            ("en", en.repeat(40)),
            ("de", de.repeat(40)),
            ("fr", fr.repeat(40)),
            ("ru", ru.repeat(40)),
            ("el", el.repeat(60)),
            (
                "en+odd",
                format!("{odd}{}", (en.to_string() + odd).repeat(30)),
            ),
            ("odd", odd.repeat(100)),
            ("en then de", format!("{}{}", en.repeat(20), de.repeat(20))),
            ("en then ru", format!("{}{}", en.repeat(30), ru.repeat(10))),
            ("de with en quotes", (de.repeat(3) + en).repeat(10)),
            ("en with el", (en.repeat(4) + &el.repeat(3)).repeat(6)),
            ("fr then en", format!("{}{}", fr.repeat(25), en.repeat(15))),
        ];
        out.push(("no spaces", "北京東京大阪".repeat(200)));
        out
    }

    #[test]
    fn samples_are_spread_in_order_and_apart() {
        for (name, t) in long_texts() {
            // One part, and the text cut into paragraphs of every size.
            let paragraphs: Vec<&str> = t.split_inclusive(". ").collect();
            for parts in [vec![t.as_str()], paragraphs] {
                let windows = sample(&parts);
                assert!(!windows.is_empty(), "{name}");
                let total: usize = windows.iter().map(|w| w.len()).sum();
                assert!(
                    total <= SAMPLE_WINDOWS * (WINDOW_BYTES + 40),
                    "{name}: {total}"
                );
                // In order, apart, each inside one part.
                let base = t.as_ptr() as usize;
                let mut end = 0;
                for w in &windows {
                    let at = w.as_ptr() as usize - base;
                    assert!(at >= end, "{name}");
                    end = at + w.len();
                }
            }
        }
    }

    #[test]
    fn a_sample_guesses_as_the_whole_text() {
        for (name, t) in long_texts() {
            let paragraphs: Vec<&str> = t.split_inclusive(". ").collect();
            for parts in [vec![t.as_str()], paragraphs] {
                let whole = tally(&parts).verdict();
                let sampled = tally(&sample(&parts)).clear_verdict();
                // A sample decides only when it agrees with the whole text.
                if sampled.is_some() {
                    assert_eq!(sampled, whole, "{name}");
                }
            }
        }
        // It decides for texts in one language.
        for (name, t) in long_texts().into_iter().take(4) {
            assert_eq!(tally(&sample(&[&t])).clear_verdict(), Some(name), "{name}");
        }
    }

    #[test]
    fn unsure_is_none() {
        assert_eq!(guess_text("Share Tweet Email"), None);
        assert_eq!(
            guess_text("Putin Sends Russia’s Top Spy to North Korea"),
            None
        );
        assert_eq!(guess_text(""), None);
    }
}
