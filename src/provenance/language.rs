//! The article's language, an ISO 639-1 guess. Scripts used by one language decide
//! alone (Hangul → "ko", kana → "ja", Greek → "el", Hebrew → "he", Thai → "th"); for the
//! Latin and Cyrillic scripts, the language whose function words are most frequent wins,
//! but only by a clear margin over the runner-up and only in enough text. Otherwise
//! `None`: a wrong language in a citation is worse than none.

use crate::model::{Block, BlockClass};

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
        guess_text(text)
    } else {
        guess_text(&body.join("\n"))
    }
}

/// The language of `s`, or `None` when unsure.
pub fn guess_text(s: &str) -> Option<&'static str> {
    let letters = s.chars().filter(|c| c.is_alphabetic()).count();
    if letters == 0 {
        return None;
    }
    for (lang, ranges) in SCRIPTS {
        let n = s
            .chars()
            .filter(|&c| ranges.iter().any(|&(a, b)| (a..=b).contains(&u32::from(c))))
            .count();
        if n as f32 / letters as f32 >= MIN_SCRIPT_SHARE {
            return Some(lang);
        }
    }
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
    let second = hits[1].1;
    (first >= MIN_HITS
        && first as f32 >= MIN_SHARE * words.len() as f32
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
    fn unsure_is_none() {
        assert_eq!(guess_text("Share Tweet Email"), None);
        assert_eq!(
            guess_text("Putin Sends Russia’s Top Spy to North Korea"),
            None
        );
        assert_eq!(guess_text(""), None);
    }
}
