//! Values found by rules: DATE, TIME, MONEY, PERCENT, QUANTITY, CARDINAL. Each pattern sits
//! in [`VALUE_PATTERNS`] with its type; earlier patterns win where matches overlap.

use crate::model::{Entity, EntityType};
use crate::tokens::Tokenized;
use regex::Regex;
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

fn patterns() -> &'static Vec<(EntityType, Regex)> {
    static P: OnceLock<Vec<(EntityType, Regex)>> = OnceLock::new();
    P.get_or_init(|| {
        VALUE_PATTERNS
            .iter()
            .map(|&(t, p)| {
                let p = p
                    .replace("{MONTH}", MONTH)
                    .replace("{WEEKDAY}", WEEKDAY)
                    .replace("{NUMBER_WORD}", NUMBER_WORD)
                    .replace("{NUMBER}", NUMBER)
                    .replace("{SCALE}", SCALE);
                (t, Regex::new(&p).expect("value pattern"))
            })
            .collect()
    })
}

/// Finds values in every sentence.
pub fn values(text: &str, tokenized: &Tokenized) -> Vec<Entity> {
    let mut out: Vec<Entity> = Vec::new();
    for s in &tokenized.sentences {
        let sentence = &text[s.span.0..s.span.1];
        let from = out.len();
        for (kind, re) in patterns() {
            for m in re.find_iter(sentence) {
                let (start, end) = (s.span.0 + m.start(), s.span.0 + m.end());
                let taken = out[from..].iter().any(|e| e.start < end && start < e.end);
                // Spans must fall on token boundaries.
                let on_tokens = tokenized.tokens[s.tokens.0..s.tokens.1]
                    .iter()
                    .any(|t| t.span.0 == start)
                    && tokenized.tokens[s.tokens.0..s.tokens.1]
                        .iter()
                        .any(|t| t.span.1 == end);
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
        out[from..].sort_by_key(|e| e.start);
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
