//! The article's language, an ISO 639-1 guess. Scripts used by one language decide
//! alone (Hangul → "ko", kana → "ja", Greek → "el", Hebrew → "he", Thai → "th"); for the
//! Latin and Cyrillic scripts, the language whose function words are most frequent wins,
//! but only by a clear margin over the runner-up and only in enough text. Otherwise
//! `None`: a wrong language in a citation is worse than none.

use crate::model::{Block, BlockClass};
use crate::tokens::{is_letter, is_letter_or_digit};
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

/// The language of the article body (all blocks when none is body), or `None`.
pub fn guess(text: &str, blocks: &[Block]) -> Option<&'static str> {
    let body: Vec<&str> = blocks
        .iter()
        .filter(|b| b.class == BlockClass::Body)
        .map(|b| &text[b.start..b.end])
        .collect();
    if body.is_empty() {
        guess_parts(&[text])
    } else {
        // As if the blocks were one text with a line break between them: a break is not a
        // letter, so counting block by block is the same.
        guess_parts(&body)
    }
}

/// The language of `s`, or `None` when unsure.
pub fn guess_text(s: &str) -> Option<&'static str> {
    guess_parts(&[s])
}

/// A word of at most 16 bytes as a number (bytes in order, zeros after): words hold no
/// NUL, so two words are equal exactly when their keys are, and comparing keys is cheaper
/// than comparing strings.
fn key(w: &str) -> Option<u128> {
    let b = w.as_bytes();
    (b.len() <= 16).then(|| {
        let mut k = [0u8; 16];
        k[..b.len()].copy_from_slice(b);
        u128::from_be_bytes(k)
    })
}

/// Every function word (by [`key`]) with the languages that use it (bits of
/// [`FUNCTION_WORDS`]), sorted for a binary search, and the longest word's length in bytes.
fn function_words() -> &'static (Vec<(u128, u16)>, usize) {
    static T: OnceLock<(Vec<(u128, u16)>, usize)> = OnceLock::new();
    T.get_or_init(|| {
        let mut table: Vec<(u128, u16)> = Vec::new();
        let mut longest = 0;
        for (k, (_, list)) in FUNCTION_WORDS.iter().enumerate() {
            for &w in *list {
                longest = longest.max(w.len());
                let w = key(w).expect("function words have at most 16 bytes");
                match table.iter_mut().find(|e| e.0 == w) {
                    Some(e) => e.1 |= 1 << k,
                    None => table.push((w, 1 << k)),
                }
            }
        }
        table.sort_unstable();
        (table, longest)
    })
}

/// The language of the text made of `parts` (words never span two parts), or `None`.
fn guess_parts(parts: &[&str]) -> Option<&'static str> {
    // One pass for the letters and the one-language scripts.
    let mut letters = 0usize;
    let mut in_script = [0usize; SCRIPTS.len()];
    for s in parts {
        for c in s.chars() {
            if c.is_ascii() {
                letters += usize::from(c.is_ascii_alphabetic());
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
        }
    }
    if letters == 0 {
        return None;
    }
    for (k, (lang, _)) in SCRIPTS.iter().enumerate() {
        if in_script[k] as f32 / letters as f32 >= MIN_SCRIPT_SHARE {
            return Some(lang);
        }
    }
    // The words of the lower-cased text, counted without copying it: a word is lower-cased
    // on its own (ASCII in a stack buffer). Lower-casing never turns a separator into a
    // letter or digit, but may split a word ("İ" → "i̇"): the pieces are counted.
    let (table, longest) = function_words();
    let mut hits = [0usize; FUNCTION_WORDS.len()];
    let mut words = 0usize;
    let mut count = |w: &str| {
        words += 1;
        let found = key(w).and_then(|k| table.binary_search_by(|e| e.0.cmp(&k)).ok());
        if let Some(i) = found {
            for (k, h) in hits.iter_mut().enumerate() {
                if table[i].1 & (1 << k) != 0 {
                    *h += 1;
                }
            }
        }
    };
    let mut buf = [0u8; 32];
    for w in parts
        .iter()
        .flat_map(|s| s.split(|c: char| !is_letter_or_digit(c)))
    {
        if w.is_empty() {
            continue;
        }
        if w.is_ascii() {
            if w.len() > *longest || w.len() > buf.len() {
                count(""); // a word, but no function word
                continue;
            }
            let lower = &mut buf[..w.len()];
            lower.copy_from_slice(w.as_bytes());
            lower.make_ascii_lowercase();
            count(std::str::from_utf8(lower).unwrap_or(""));
        } else {
            let lower = w.to_lowercase();
            for piece in lower
                .split(|c: char| !is_letter_or_digit(c))
                .filter(|p| !p.is_empty())
            {
                count(piece);
            }
        }
    }
    let mut hits: Vec<(&str, usize)> = FUNCTION_WORDS
        .iter()
        .zip(hits)
        .map(|((lang, _), n)| (*lang, n))
        .collect();
    hits.sort_by_key(|h| std::cmp::Reverse(h.1));
    let (lang, first) = hits[0];
    let second = hits[1].1;
    (first >= MIN_HITS
        && first as f32 >= MIN_SHARE * words as f32
        && first as f32 >= MIN_LEAD * second as f32)
        .then_some(lang)
}

#[cfg(test)]
mod tests {
    use super::*;

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
            hits.sort_by_key(|h| std::cmp::Reverse(h.1));
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
        ] {
            assert_eq!(guess_text(s), reference(s), "{s}");
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
