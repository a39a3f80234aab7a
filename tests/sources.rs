//! The sources stage (who said what) on hand-written fixtures, one per construction, and
//! its score on the DEV split of the attribution corpus when `../shared` is present.
// Native only: these tests read files and run native code paths.
#![cfg(not(target_arch = "wasm32"))]

use copydesk::{analyze, Analysis, Attribution, AttributionKind, Options, SourceType};
use std::path::Path;

fn run(text: &str) -> Analysis {
    analyze(
        text,
        &Options {
            whole: true,
            ..Options::default()
        },
    )
}

fn slice(a: &Analysis, s: copydesk::Span) -> &str {
    &a.text[s.0..s.1]
}

/// The attribution whose cue reads `cue` (the first one).
fn by_cue<'a>(a: &'a Analysis, cue: &str) -> &'a Attribution {
    a.attributions
        .iter()
        .find(|x| slice(a, x.cue) == cue)
        .unwrap_or_else(|| panic!("no attribution with cue {cue:?}: {}", dump(a)))
}

fn dump(a: &Analysis) -> String {
    a.attributions
        .iter()
        .map(|x| {
            format!(
                "\n  [{}] {:?} / {:?}",
                x.source.map(|s| slice(a, s)).unwrap_or("-"),
                slice(a, x.cue),
                x.content_parts
                    .iter()
                    .map(|p| slice(a, *p))
                    .collect::<Vec<_>>()
            )
        })
        .collect()
}

fn source<'a>(a: &'a Analysis, x: &Attribution) -> &'a str {
    x.source.map(|s| slice(a, s)).unwrap_or("")
}

fn parts<'a>(a: &'a Analysis, x: &Attribution) -> Vec<&'a str> {
    x.content_parts.iter().map(|p| slice(a, *p)).collect()
}

#[test]
fn said_that_content_after() {
    let a = run("Title\n\nThe harbour master said on Monday that the ferry would run again.");
    let x = by_cue(&a, "said");
    assert_eq!(source(&a, x), "The harbour master");
    assert_eq!(parts(&a, x), ["that the ferry would run again"]);
    assert_eq!(x.kind, AttributionKind::Indirect);
}

#[test]
fn content_before_the_source() {
    let a = run("Title\n\nThe bridge will reopen in May, the city engineer said.");
    let x = by_cue(&a, "said");
    assert_eq!(source(&a, x), "the city engineer");
    assert_eq!(parts(&a, x), ["The bridge will reopen in May"]);
}

#[test]
fn inverted_said_with_appositive() {
    let a = run(
        "Title\n\n“We will not close the school,” said Maria Lindqvist, the head of the board.",
    );
    let x = by_cue(&a, "said");
    assert_eq!(source(&a, x), "Maria Lindqvist");
    assert_eq!(parts(&a, x), ["“We will not close the school,”"]);
    assert_eq!(x.kind, AttributionKind::Direct);
}

#[test]
fn straight_quote_split_by_he_said() {
    let a =
        run("Title\n\n\"The river is rising,\" he said, \"and the town must be ready by Friday.\"");
    let x = by_cue(&a, "said");
    assert_eq!(source(&a, x), "he");
    assert_eq!(
        parts(&a, x),
        [
            "\"The river is rising,\"",
            "\"and the town must be ready by Friday.\""
        ]
    );
    assert_eq!(x.kind, AttributionKind::Direct);
}

#[test]
fn quote_goes_on_in_the_next_sentence() {
    let a = run(
        "Title\n\n“The vote was fair,” Tomas Berg said. “Nobody has shown otherwise.”\n\nThe count ended late.",
    );
    let x = by_cue(&a, "said");
    assert_eq!(source(&a, x), "Tomas Berg");
    assert_eq!(
        parts(&a, x),
        ["“The vote was fair,”", "“Nobody has shown otherwise.”"]
    );
}

#[test]
fn quote_over_several_paragraphs_after_a_colon() {
    let a = run(concat!(
        "Title\n\n",
        "The mayor said: “We have rebuilt the port.\n\n",
        "“We will now rebuild the rail line, and we will finish it.”\n\n",
        "Work starts in June."
    ));
    let x = by_cue(&a, "said");
    assert_eq!(source(&a, x), "The mayor");
    assert_eq!(
        parts(&a, x),
        [
            "“We have rebuilt the port",
            "“We will now rebuild the rail line, and we will finish it.”"
        ]
    );
    // The quoted "we will finish" is the mayor's, not a new attribution.
    assert_eq!(a.attributions.len(), 1, "{}", dump(&a));
}

#[test]
fn cues_inside_a_quote_are_the_speakers_words() {
    let a =
        run("Title\n\n“My father said we should never sell the farm,” Ana Ruiz told reporters.");
    assert_eq!(a.attributions.len(), 1, "{}", dump(&a));
    let x = by_cue(&a, "told");
    assert_eq!(source(&a, x), "Ana Ruiz");
}

#[test]
fn according_to_before_and_after() {
    let a = run(concat!(
        "Title\n\n",
        "The plant will close next year, according to the company's annual report.\n\n",
        "According to two people familiar with the talks, the deal is nearly done."
    ));
    let first = &a.attributions[0];
    assert_eq!(source(&a, first), "the company's annual report");
    assert_eq!(parts(&a, first), ["The plant will close next year"]);
    assert_eq!(first.source_type, SourceType::Document);
    let second = &a.attributions[1];
    assert_eq!(source(&a, second), "two people familiar with the talks");
    assert_eq!(parts(&a, second), ["the deal is nearly done"]);
}

#[test]
fn told_someone_that() {
    let a = run("Title\n\nThe minister told parliament on Tuesday that taxes would not rise.");
    let x = by_cue(&a, "told");
    assert_eq!(source(&a, x), "The minister");
    assert_eq!(parts(&a, x), ["that taxes would not rise"]);
}

#[test]
fn reporting_verbs() {
    for verb in [
        "reported",
        "claimed",
        "asserted",
        "denied",
        "suggested",
        "warned",
        "confirmed",
    ] {
        let text = format!("Title\n\nThe regional council {verb} that the budget was balanced.");
        let a = run(&text);
        let x = by_cue(&a, verb);
        assert_eq!(source(&a, x), "The regional council", "{verb}");
        assert_eq!(parts(&a, x), ["that the budget was balanced"], "{verb}");
    }
    let a = run("Title\n\nThe opposition accused the government of hiding the figures.");
    let x = by_cue(&a, "accused");
    assert_eq!(source(&a, x), "The opposition");
    assert_eq!(parts(&a, x), ["the government of hiding the figures"]);
}

#[test]
fn participle_and_coordinated_cues_take_the_clause_subject() {
    let a = run(concat!(
        "Title\n\n",
        "Helga Moss criticised the plan on Sunday, saying it would cost too much.\n\n",
        "Piet Claes visited the plant and said the workers were worried."
    ));
    let x = by_cue(&a, "saying");
    assert_eq!(source(&a, x), "Helga Moss");
    assert_eq!(parts(&a, x), ["it would cost too much"]);
    let y = by_cue(&a, "said");
    assert_eq!(source(&a, y), "Piet Claes");
    assert_eq!(parts(&a, y), ["the workers were worried"]);
}

#[test]
fn a_participle_hangs_on_the_main_clause_not_a_reported_one() {
    let a = run(concat!(
        "Title\n\n",
        "Rosa Lindqvist said she expects the vote to fail, warning that the coalition was split."
    ));
    let x = by_cue(&a, "warning");
    assert_eq!(source(&a, x), "Rosa Lindqvist", "{}", dump(&a));
    assert_eq!(parts(&a, x), ["that the coalition was split"]);
}

#[test]
fn speaker_labels_in_a_transcript() {
    let a = run(concat!(
        "Panel on the harbour budget\n\n",
        "Odile Brant: The harbour needs dredging before the winter storms.\n\n",
        "Brant: Nobody disputes that, and the port authority agrees.\n\n",
        "HARBOUR COSTS RISE - Tomas Rehn: \u{201c}The bill has doubled since spring.\u{201d}\n\n",
        "Note: This transcript was edited for length."
    ));
    let labels: Vec<_> = a
        .attributions
        .iter()
        .filter(|x| slice(&a, x.cue) == ":")
        .map(|x| (source(&a, x), parts(&a, x).join(" | ")))
        .collect();
    assert_eq!(
        labels,
        [
            (
                "Odile Brant",
                "The harbour needs dredging before the winter storms".to_string()
            ),
            (
                "Brant",
                "Nobody disputes that, and the port authority agrees".to_string()
            ),
            (
                "Tomas Rehn",
                "\u{201c}The bill has doubled since spring.\u{201d}".to_string()
            ),
        ],
        "{}",
        dump(&a)
    );
}

#[test]
fn a_colon_at_the_end_of_a_paragraph_introduces_the_next_quote() {
    let a = run(concat!(
        "Title\n\n",
        "The mayor said:\n\n",
        "\"We will reopen the bridge within a month.\"\n\n",
        "Traffic was diverted."
    ));
    let x = by_cue(&a, "said");
    assert_eq!(source(&a, x), "The mayor", "{}", dump(&a));
    assert_eq!(
        parts(&a, x),
        ["\"We will reopen the bridge within a month.\""]
    );
}

#[test]
fn pronoun_source_resolves_to_the_last_person() {
    let a = run(concat!(
        "Title\n\n",
        "Svetlana Orlova arrived on Monday.\n\n",
        "She said the talks would last a week."
    ));
    let x = by_cue(&a, "said");
    assert_eq!(source(&a, x), "She");
    let group = x.source_group.expect("resolved to a group");
    assert_eq!(a.groups[group].name, "Svetlana Orlova");
    assert_eq!(x.source_name.as_deref(), Some("Svetlana Orlova"));
    assert_eq!(x.source_type, SourceType::NamedPerson);
}

#[test]
fn headline_dash_and_colon() {
    let a = run("Rebels Seize Border Town – State Media\n\nFighting went on overnight.");
    let x = &a.attributions[0];
    assert_eq!(source(&a, x), "State Media");
    assert_eq!(parts(&a, x), ["Rebels Seize Border Town"]);
    assert_eq!(x.source_type, SourceType::NewsAgency);
    let a = run("Larsen: ‘We Will Win The North’\n\nThe campaign starts today.");
    let x = &a.attributions[0];
    assert_eq!(source(&a, x), "Larsen");
}

#[test]
fn source_types() {
    let cases = [
        ("Senior U.S. officials", SourceType::AnonymousOfficial),
        (
            "A spokeswoman for the ministry",
            SourceType::AnonymousOfficial,
        ),
        ("The state news agency", SourceType::NewsAgency),
        ("Two analysts", SourceType::Expert),
        ("The defence ministry", SourceType::Government),
    ];
    for (src, want) in cases {
        let a = run(&format!("Title\n\n{src} said the border was calm."));
        let x = by_cue(&a, "said");
        assert_eq!(source(&a, x), src);
        assert_eq!(x.source_type, want, "{src}");
    }
}

#[test]
fn false_cues() {
    // "States" in a name, nouns after a determiner, and a capitalised word are not cues.
    let a = run(concat!(
        "Title\n\n",
        "The United States and Canada signed the treaty.\n\n",
        "His claims were rejected by the court in a rare state media report."
    ));
    assert!(
        a.attributions
            .iter()
            .all(|x| !matches!(slice(&a, x.cue), "States" | "claims" | "state" | "report")),
        "{}",
        dump(&a)
    );
}

#[test]
fn stance_inside_a_claim_is_part_of_it() {
    // "wants" reports what the speaker said, not a second claim.
    let a = run("Title\n\nThe mayor says she wants to rebuild the old library by spring.");
    let x = by_cue(&a, "says");
    assert_eq!(source(&a, x), "The mayor");
    assert_eq!(
        parts(&a, x),
        ["she wants to rebuild the old library by spring"]
    );
    assert!(
        a.attributions.iter().all(|x| slice(&a, x.cue) != "wants"),
        "{}",
        dump(&a)
    );
    // Alone, the stance is a claim of its own.
    let a = run("Title\n\nThe mayor wants to rebuild the old library by spring.");
    let x = by_cue(&a, "wants");
    assert_eq!(source(&a, x), "The mayor");
}

#[test]
fn dashes_around_an_aside_stay_in_the_claim() {
    let a = run(concat!(
        "Title\n\n",
        "The engineer said the new span -- steel, not concrete -- would last a century."
    ));
    let x = by_cue(&a, "said");
    assert_eq!(
        parts(&a, x),
        ["the new span -- steel, not concrete -- would last a century"]
    );
}

#[test]
fn object_of_a_stance_verb_ends_before_a_subordinate_clause() {
    let a = run(concat!(
        "Title\n\n",
        "The council opposed the parking levy because it fell hardest on small shops."
    ));
    let x = by_cue(&a, "opposed");
    assert_eq!(source(&a, x), "The council");
    assert_eq!(parts(&a, x), ["the parking levy"]);
}

#[test]
fn a_lead_in_clause_does_not_cut_the_claim() {
    // The next attribution ("she would ask") is the main clause of what was said.
    let a = run(concat!(
        "Title\n\n",
        "The candidate said that, if elected, she would ask the mayor to open the pool."
    ));
    let x = by_cue(&a, "said");
    assert_eq!(
        parts(&a, x),
        ["that, if elected, she would ask the mayor to open the pool"]
    );
}

#[test]
fn a_described_news_agency_is_the_agency_the_article_names() {
    let a = run(concat!(
        "Title\n\n",
        "The ministers met on Tuesday, Freedonia's state news agency reported.\n\n",
        "The talks were \"very fruitful,\" the Freedonian Central News Agency said."
    ));
    let x = by_cue(&a, "reported");
    let y = by_cue(&a, "said");
    assert_eq!(x.source_type, SourceType::NewsAgency);
    assert!(y.source_group.is_some(), "{}", dump(&a));
    assert_eq!(x.source_group, y.source_group, "{}", dump(&a));
}

#[test]
fn progressive_cues_are_active() {
    let a = run("Title\n\nThe union is calling for the board to reopen the talks.");
    let x = by_cue(&a, "calling");
    assert_eq!(source(&a, x), "The union");
    let a = run("Title\n\nThe farmers have been talking about selling the land.");
    let x = by_cue(&a, "talking");
    assert_eq!(source(&a, x), "The farmers");
}

#[test]
fn a_plural_subject_at_the_start_takes_a_bare_cue() {
    let a = run("Title\n\nFigures show the harbour handled more freight than ever.");
    let x = by_cue(&a, "show");
    assert_eq!(source(&a, x), "Figures");
    assert_eq!(parts(&a, x), ["the harbour handled more freight than ever"]);
}

#[test]
fn a_stance_verb_with_only_a_place_is_no_claim() {
    let a = run("Café talks 🙂 in Lisbon\n\nThe ministry said the talks would resume.");
    assert!(
        a.attributions.iter().all(|x| slice(&a, x.cue) != "talks"),
        "{}",
        dump(&a)
    );
}

#[test]
fn a_thing_called_something_is_a_name() {
    let a = run("Title\n\nA bakery called Crumbs opened on the square last week.");
    assert!(
        a.attributions.iter().all(|x| slice(&a, x.cue) != "called"),
        "{}",
        dump(&a)
    );
}

#[test]
fn a_quote_ending_in_a_question_mark_takes_the_cue_after_it() {
    let a = run("Title\n\n“Who pays for the new pier?” the mayor asked. “Not the ferry riders.”");
    let x = by_cue(&a, "asked");
    assert_eq!(source(&a, x), "the mayor");
    assert_eq!(
        parts(&a, x),
        ["“Who pays for the new pier?”", "“Not the ferry riders.”"]
    );
    let b = run("Title\n\n“We won the vote!” Ms. Okafor said after the count.");
    let y = by_cue(&b, "said");
    assert_eq!(source(&b, y), "Ms. Okafor");
    assert_eq!(parts(&b, y), ["“We won the vote!”"]);
}

#[test]
fn a_paragraph_that_is_only_a_quote_continues_the_last_speaker() {
    let a = run("Title\n\n“The tide was early,” the skipper said.\n\n“We lost two nets before dawn.”\n\nThe harbour stayed closed.");
    let x = by_cue(&a, "said");
    assert_eq!(
        parts(&a, x),
        ["“The tide was early,”", "“We lost two nets before dawn.”"]
    );
    // A quote paragraph with a cue of its own is that cue's.
    let b = run(
        "Title\n\n“The tide was early,” the skipper said.\n\n“We lost two nets,” his mate added.",
    );
    assert_eq!(parts(&b, by_cue(&b, "said")), ["“The tide was early,”"]);
}

#[test]
fn a_subject_with_an_aside_between_dashes() {
    let a = run("Title\n\nThe lighthouse keeper - who has kept the lamp for thirty years - said the storm was the worst he had seen.");
    let x = by_cue(&a, "said");
    assert_eq!(
        source(&a, x),
        "The lighthouse keeper - who has kept the lamp for thirty years"
    );
    assert_eq!(parts(&a, x), ["the storm was the worst he had seen"]);
    let b = run("Title\n\nA retired judge -- Anna Berg, who sat for two decades -- told the panel that the rules were clear.");
    let y = by_cue(&b, "told");
    assert!(source(&b, y).starts_with("A retired judge"), "{}", dump(&b));
    assert_eq!(parts(&b, y), ["that the rules were clear"]);
}

#[test]
fn a_name_after_said_is_the_source_even_when_the_claim_has_commas() {
    let a = run("Title\n\nEven as the season ends, a time when boats stay in port, the catch will be small, said Lena Holm, a fisheries officer in the north.");
    let x = by_cue(&a, "said");
    assert_eq!(source(&a, x), "Lena Holm");
    assert_eq!(
        parts(&a, x),
        ["Even as the season ends, a time when boats stay in port, the catch will be small"]
    );
    // A long source after the cue ends before its relative clause.
    let b = run("Title\n\n“The pier is safe,” said one former harbour engineer who asked not to be named because the inquiry is still open.");
    assert_eq!(
        source(&b, by_cue(&b, "said")),
        "one former harbour engineer"
    );
}

#[test]
fn calling_after_a_comma_takes_the_clause_subject() {
    let a = run(
        "Title\n\nThe mayor rejected the budget on Friday, calling it “a gift to the developers.”",
    );
    let x = by_cue(&a, "calling");
    assert_eq!(source(&a, x), "The mayor");
    assert_eq!(parts(&a, x), ["it “a gift to the developers.”"]);
    let b = run("Title\n\nThe union renewed its campaign on Monday, questioning whether the new shifts were legal.");
    let y = by_cue(&b, "questioning");
    assert_eq!(source(&b, y), "The union");
    assert_eq!(parts(&b, y), ["whether the new shifts were legal"]);
}

#[test]
fn whoever_issued_a_statement_is_its_source() {
    let a = run("Title\n\nThe port authority issued a statement on Sunday saying the cranes would be replaced.");
    let x = by_cue(&a, "saying");
    assert_eq!(source(&a, x), "The port authority");
    assert_eq!(parts(&a, x), ["the cranes would be replaced"]);
}

#[test]
fn where_a_claim_was_made_is_not_part_of_it() {
    let a = run(
        "Title\n\nThe minister dismissed that idea in an interview with a local paper on Sunday.",
    );
    let x = by_cue(&a, "dismissed");
    assert_eq!(source(&a, x), "The minister");
    assert_eq!(parts(&a, x), ["that idea"]);
}

#[test]
fn say_as_an_aside_is_no_cue() {
    let a = run("Title\n\nRepairing the pier costs less than, say, building a new one.");
    assert!(a.attributions.is_empty(), "{}", dump(&a));
}

#[test]
fn a_relative_that_source_takes_its_noun() {
    let a = run(
        "Title\n\nThe council published a report that said most residents wanted the ferry back.",
    );
    let x = by_cue(&a, "said");
    assert_eq!(source(&a, x), "a report that");
    assert_eq!(parts(&a, x), ["most residents wanted the ferry back"]);
}

#[test]
fn a_name_set_off_by_commas_before_the_cue_is_the_source() {
    let a = run("Title\n\nOne of the authors of the harbour study, Ines Varga, said the dredging had come too late.");
    let x = by_cue(&a, "said");
    assert_eq!(source(&a, x), "Ines Varga");
    assert_eq!(parts(&a, x), ["the dredging had come too late"]);
}

/// Attribution F1 on DEV with the shared scorer, through the CLI as the eval script runs it.
#[test]
fn dev_attribution_f1() {
    let shared = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared");
    let gold = shared.join("data/attribution/dev.jsonl");
    let scorer = shared.join("tools/score_attribution.py");
    if !gold.exists() || !scorer.exists() {
        eprintln!("skipping: ../shared absent");
        return;
    }
    if std::process::Command::new("python3")
        .arg("--version")
        .output()
        .is_err()
    {
        eprintln!("skipping: python3 absent");
        return;
    }
    let pred = std::env::temp_dir().join(format!("copydesk-sources-{}.jsonl", std::process::id()));
    let status = std::process::Command::new(env!("CARGO_BIN_EXE_copydesk"))
        .args(["batch", "--task", "sources", "--whole"])
        .stdin(std::fs::File::open(&gold).unwrap())
        .stdout(std::fs::File::create(&pred).unwrap())
        .status()
        .unwrap();
    assert!(status.success());
    let f1 = |speech: bool| -> f64 {
        let mut cmd = std::process::Command::new("python3");
        cmd.arg(&scorer).arg(&gold).arg(&pred);
        if speech {
            cmd.arg("--speech-only");
        }
        let out = String::from_utf8(cmd.output().unwrap().stdout).unwrap();
        let line = out
            .lines()
            .find(|l| l.starts_with("attr "))
            .expect("scorer prints an attr line");
        line.split_whitespace().last().unwrap().parse().unwrap()
    };
    let (all, speech) = (f1(false), f1(true));
    let _ = std::fs::remove_file(&pred);
    eprintln!("DEV attribution F1 {all:.3}, speech-only {speech:.3}");
    // What the stage reached when this test was written, minus 0.01.
    assert!(all >= 0.611, "DEV attr F1 {all:.3} fell below 0.611");
    assert!(
        speech >= 0.810,
        "DEV speech-only attr F1 {speech:.3} fell below 0.810"
    );
}

/// A page with no full stops (one endless sentence) must not give claims that run over all
/// of it: the stage cuts over-long sentences, which keeps its time linear in the input.
#[test]
fn claims_in_an_endless_sentence_stay_bounded() {
    let clause = "the harbour would reopen soon, ";
    let text = format!("The minister said {}", clause.repeat(400));
    let a = run(&text);
    assert!(!a.attributions.is_empty(), "no attribution found");
    // The sentence is cut after the first comma past 300 tokens: 50 clauses of 6 tokens,
    // about 1,550 bytes (without the cut the claim ran to ~2,070 bytes; the text is ~12,000).
    for x in &a.attributions {
        assert!(
            x.content.1 - x.content.0 < 1_700,
            "a claim of {} bytes in a {}-byte sentence",
            x.content.1 - x.content.0,
            text.len()
        );
    }
}
