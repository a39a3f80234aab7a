//! The name tagger: training on a tiny corpus of our own, the shipped model's score on
//! CoNLL-2003 testa (when `../shared` is present), and the hard cases of news text.
// Native only: these tests read files and run native code paths.
#![cfg(not(target_arch = "wasm32"))]

use copydesk::entities::tagger::Model;
use copydesk::entities::train::{self, Columns, Document, Settings};
use copydesk::{analyze, Analysis, EntityType, Options};
use std::path::Path;

/// PER/ORG/LOC F1 the shipped model reached on testa (see MODEL.md); the test allows 0.5
/// below it.
const REACHED_TESTA: f64 = 95.03;
/// PER/ORG/LOC F1 the shipped model reached on UNER English-PUD (see MODEL.md; the issue's
/// target is 75); the test allows 1.0 below it (one retraining moves PUD by ±0.7).
const REACHED_PUD: f64 = 75.17;

fn run(text: &str) -> Analysis {
    analyze(
        text,
        &Options {
            whole: true,
            ..Options::default()
        },
    )
}

/// (text, type, role) of every name.
fn names(a: &Analysis) -> Vec<(String, EntityType, Option<String>)> {
    a.entities
        .iter()
        .filter(|e| e.kind.is_name())
        .map(|e| (e.text.clone(), e.kind, e.role.clone()))
        .collect()
}

fn has(a: &Analysis, text: &str, kind: EntityType) -> bool {
    a.entities.iter().any(|e| e.text == text && e.kind == kind)
}

fn group_of(a: &Analysis, text: &str) -> usize {
    a.entities
        .iter()
        .find(|e| e.text == text)
        .unwrap_or_else(|| panic!("no entity {text:?} in {:?}", names(a)))
        .group
}

/// Our own tiny training corpus (tests/fixtures/ner-tiny.conll).
fn tiny_corpus() -> Vec<Document> {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/ner-tiny.conll");
    let text = std::fs::read_to_string(path).expect("fixture");
    train::read_corpus(&text, Columns::CONLL, 0)
}

#[test]
fn training_runs_on_a_tiny_corpus_and_learns_it() {
    let docs = tiny_corpus();
    assert_eq!(docs.len(), 6);
    let settings = Settings {
        epochs: 8,
        folds: 3,
        ..Settings::default()
    };
    let mut epochs = 0;
    let bytes = train::train(&docs, &settings, |_, _| epochs += 1);
    assert_eq!(epochs, 8);
    // Deterministic: the same data and seed give the same bytes.
    assert_eq!(bytes, train::train(&docs, &settings, |_, _| {}));
    let model = Model::from_bytes(&bytes).expect("model parses");
    let (scores, _) = train::evaluate(&model, &docs);
    assert!(
        scores.headline() >= 90.0,
        "tiny corpus, training F1 {:.1}\n{}",
        scores.headline(),
        scores.report()
    );
    // A new sentence with the corpus's names in a new order.
    let pred = train::predict(&model, "Greta Holm met Paul Tessler in Brenford .");
    let kinds: Vec<EntityType> = pred.iter().map(|p| p.1).collect();
    assert_eq!(
        kinds,
        [EntityType::Person, EntityType::Person, EntityType::Location]
    );
}

/// PER/ORG/LOC F1 of the shipped model on a gold file of `../shared/data/ner`; `None` (the
/// test skips) when `../shared` is absent.
fn shipped_model_score(gold: &str, columns: Columns) -> Option<f64> {
    let gold = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../shared/data/ner")
        .join(gold);
    if !gold.exists() {
        eprintln!("skipping: ../shared absent");
        return None;
    }
    let text = std::fs::read_to_string(gold).expect("gold file");
    let docs = train::read_corpus(&text, columns, 0);
    let (scores, _) = train::evaluate(copydesk::entities::tagger::model(), &docs);
    eprint!("{}", scores.report());
    Some(scores.headline())
}

#[test]
fn shipped_model_scores_on_conll_testa() {
    if let Some(f1) = shipped_model_score("conll2003/eng.testa", Columns::CONLL) {
        let floor = REACHED_TESTA - 0.5;
        assert!(f1 >= floor, "testa PER/ORG/LOC F1 {f1:.2} < {floor:.2}");
    }
}

#[test]
fn shipped_model_scores_on_uner_pud() {
    if let Some(f1) = shipped_model_score("uner_en_pud/en_pud-ud-test.iob2", Columns::UNER) {
        let floor = REACHED_PUD - 1.0;
        assert!(f1 >= floor, "PUD PER/ORG/LOC F1 {f1:.2} < {floor:.2}");
    }
}

#[test]
fn possessives_stay_out_of_names() {
    let a = run("Russia’s spy chief flew to Pyongyang. Britain's envoy stayed in London.");
    assert!(has(&a, "Russia", EntityType::Location), "{:?}", names(&a));
    assert!(has(&a, "Britain", EntityType::Location), "{:?}", names(&a));
    assert!(
        has(&a, "Pyongyang", EntityType::Location),
        "{:?}",
        names(&a)
    );
    assert!(
        a.entities
            .iter()
            .all(|e| !e.text.ends_with('s') || !(e.text.ends_with("’s") || e.text.ends_with("'s"))),
        "{:?}",
        names(&a)
    );
}

#[test]
fn titles_become_roles() {
    let a = run(
        "President Vladimir Putin met Prime Minister Narendra Modi in Moscow on Tuesday. \
         Putin said the talks were useful.",
    );
    let n = names(&a);
    assert!(
        n.contains(&(
            "Vladimir Putin".into(),
            EntityType::Person,
            Some("President".into())
        )),
        "{n:?}"
    );
    assert!(
        n.contains(&(
            "Narendra Modi".into(),
            EntityType::Person,
            Some("Prime Minister".into())
        )),
        "{n:?}"
    );
    assert_eq!(group_of(&a, "Putin"), group_of(&a, "Vladimir Putin"));
    let g = &a.groups[group_of(&a, "Putin")];
    assert_eq!(g.name, "Vladimir Putin");
}

#[test]
fn acronyms_join_their_expansion() {
    let a = run("The Korean Central News Agency said the talks went well. \
         Officials quoted by KCNA said more meetings would follow.");
    assert!(
        has(&a, "Korean Central News Agency", EntityType::Org),
        "{:?}",
        names(&a)
    );
    assert!(has(&a, "KCNA", EntityType::Org), "{:?}", names(&a));
    assert_eq!(
        group_of(&a, "KCNA"),
        group_of(&a, "Korean Central News Agency")
    );
}

#[test]
fn us_and_united_states_are_one_group() {
    let a = run(
        "Senior U.S. officials said the United States would send aid. \
         The U.S. embassy confirmed it.",
    );
    assert!(has(&a, "U.S.", EntityType::Location), "{:?}", names(&a));
    assert_eq!(group_of(&a, "U.S."), group_of(&a, "United States"));
}

#[test]
fn all_caps_headlines_and_line_starts() {
    let a = run("PUTIN SENDS SPY CHIEF TO NORTH KOREA\n\
         Sergei Naryshkin met officials in Pyongyang, Russian media reported on Thursday.\n\
         Naryshkin is a close ally of President Vladimir Putin.\n\
         Moscow and Pyongyang have grown closer since 2023.");
    let n = names(&a);
    assert!(
        a.entities
            .iter()
            .any(|e| e.text == "NORTH KOREA" && e.kind == EntityType::Location),
        "{n:?}"
    );
    assert!(
        a.entities
            .iter()
            .any(|e| e.text == "PUTIN" && e.kind == EntityType::Person),
        "{n:?}"
    );
    assert!(has(&a, "Naryshkin", EntityType::Person), "{n:?}");
    assert!(has(&a, "Moscow", EntityType::Location), "{n:?}");
    // No name runs from the headline into the next line.
    assert!(a.entities.iter().all(|e| !e.text.contains('\n')), "{n:?}");
}

#[test]
fn curly_quotes_and_hyphenated_names() {
    let a = run(
        "“We will not back down,” said Jean-Pierre Lacroix, the French envoy, \
         in a speech reported by Reuters.",
    );
    let n = names(&a);
    assert!(has(&a, "Jean-Pierre Lacroix", EntityType::Person), "{n:?}");
    assert!(has(&a, "Reuters", EntityType::Org), "{n:?}");
    assert!(a.entities.iter().all(|e| !e.text.contains('“')), "{n:?}");
}

#[test]
fn surnames_and_first_names_join_the_full_name() {
    let a = run(
        "North Korean leader Kim Jong Un met Sergei Naryshkin in Pyongyang. \
         Kim thanked Naryshkin for the visit.",
    );
    assert_eq!(group_of(&a, "Kim"), group_of(&a, "Kim Jong Un"));
    assert_eq!(group_of(&a, "Naryshkin"), group_of(&a, "Sergei Naryshkin"));
    let n = names(&a);
    assert!(
        n.contains(&(
            "Kim Jong Un".into(),
            EntityType::Person,
            Some("leader".into())
        )),
        "{n:?}"
    );
}

#[test]
fn months_in_dates_are_not_names() {
    let a = run("The talks were held in May 1997 and again on May 5, officials said.");
    assert!(
        !a.entities
            .iter()
            .any(|e| e.text == "May" && e.kind.is_name()),
        "{:?}",
        names(&a)
    );
}

#[test]
fn title_case_headlines_do_not_run_names_together() {
    let a = run("Putin Sends Russia’s Top Spy to North Korea\n\
         President Vladimir Putin sent Sergei Naryshkin to Pyongyang this week. \
         Russia and North Korea have grown closer.");
    let n = names(&a);
    assert!(
        a.entities.iter().all(|e| !e.text.contains("Sends")),
        "{n:?}"
    );
    assert_eq!(
        group_of(&a, "Putin"),
        group_of(&a, "Vladimir Putin"),
        "{n:?}"
    );
    assert!(has(&a, "Russia", EntityType::Location), "{n:?}");
}

#[test]
fn a_very_long_sentence_is_read_in_windows_without_cutting_names() {
    // 13 tokens a clause: a window cut blindly every WINDOW tokens would fall between
    // "Angela" and "Merkel"; the tagger cuts after a comma instead.
    let clause = "Angela Merkel met Emmanuel Macron in Lyon on Monday with the mayor ,";
    let count = |a: &Analysis| {
        let mut ns = names(a);
        ns.sort();
        let mut out: Vec<(String, EntityType, usize)> = Vec::new();
        for (t, k, _) in ns {
            match out.last_mut() {
                Some(last) if last.0 == t && last.1 == k => last.2 += 1,
                _ => out.push((t, k, 1)),
            }
        }
        out
    };
    let one = count(&run(&format!("{clause} and they talked.")));
    assert!(one
        .iter()
        .any(|(t, k, _)| t == "Emmanuel Macron" && *k == EntityType::Person));
    let reps = 3 * copydesk::entities::tagger::WINDOW / 13;
    let long = format!("{} and they talked.", vec![clause; reps].join(" "));
    let many = count(&run(&long));
    let expected: Vec<_> = one
        .iter()
        .map(|(t, k, n)| (t.clone(), *k, n * reps))
        .collect();
    assert_eq!(many, expected);
}

#[test]
fn a_curly_possessive_after_a_place_stays_out_of_it() {
    // A name before a curly possessive ends before it, whether or not the model runs it on
    // to the "’s" token; the document also writes "North Korea".
    let a = run(
        "North Korea fired a missile on Monday. Officials in Seoul said the North’s missile \
                 flew 600 km, and Russia’s envoy praised Pyongyang’s scientists.",
    );
    for place in ["North", "Russia", "Pyongyang"] {
        assert!(
            has(&a, place, EntityType::Location),
            "{place}: {:?}",
            names(&a)
        );
    }
    for e in a.entities.iter().filter(|e| e.kind.is_name()) {
        assert!(!e.text.ends_with("’s"), "{:?} takes the possessive", e.text);
    }
}

#[test]
fn the_lexicon_of_casings_round_trips_through_the_model_file() {
    use copydesk::entities::features::{lexicon_key, word_key, LEX_LOWER};
    let docs = tiny_corpus();
    let settings = Settings {
        epochs: 2,
        folds: 3,
        lexicon_min: 1,
        ..Settings::default()
    };
    let bytes = train::train(&docs, &settings, |_, _| {});
    let model = Model::from_bytes(&bytes).expect("model parses");
    let built = train::gazetteer(docs.iter(), &[], 1).lexicon;
    assert!(!built.is_empty());
    assert_eq!(model.gazetteer.lexicon, built);
    // "met" is written in lower case; "Keller" never is.
    let class = |w: &str| built.get(&lexicon_key(word_key(w))).copied();
    assert_eq!(class("Met"), Some(LEX_LOWER));
    assert_eq!(class("Keller"), None);
    // Without a lexicon the file has none, and still parses.
    let plain = train::train(
        &docs,
        &Settings {
            lexicon_min: 0,
            ..settings
        },
        |_, _| {},
    );
    assert!(plain.len() < bytes.len());
    assert!(Model::from_bytes(&plain)
        .expect("parses")
        .gazetteer
        .lexicon
        .is_empty());
}

#[test]
fn word_clusters_round_trip_through_the_model_file() {
    use copydesk::entities::features::word_key;
    let clusters = train::read_clusters(
        "# fine coarse words\n0 0 holm tessler keller\n1 1 brenford lindale\n\n2 0 met said\n",
    )
    .expect("clusters parse");
    assert_eq!(clusters.words.len(), 7);
    assert_eq!(clusters.coarse, [0, 1, 0]);
    for bad in ["x 0 word", "0", "1024 0 word", "0 300 word"] {
        let err = train::read_clusters(bad).expect_err(bad);
        assert!(err.contains("line 1"), "{bad}: {err}");
    }
    let docs = tiny_corpus();
    let settings = Settings {
        epochs: 2,
        folds: 3,
        clusters: clusters.clone(),
        ..Settings::default()
    };
    let bytes = train::train(&docs, &settings, |_, _| {});
    let model = Model::from_bytes(&bytes).expect("model parses");
    assert_eq!(model.gazetteer.clusters.words, clusters.words);
    assert_eq!(model.gazetteer.clusters.coarse, clusters.coarse);
    // Words of one cluster read alike; a word of none reads no cluster.
    let code = |w: &str| model.gazetteer.cluster_code(word_key(w));
    assert_eq!(code("Holm"), code("keller"));
    assert_ne!(code("Holm"), code("Brenford"));
    assert_ne!(code("Holm"), 0);
    assert_eq!(code("zebra"), 0);
    // The clusters' features reach the weights: the model differs from one without them.
    let plain = train::train(
        &docs,
        &Settings {
            epochs: 2,
            folds: 3,
            ..Settings::default()
        },
        |_, _| {},
    );
    assert!(Model::from_bytes(&plain)
        .expect("parses")
        .gazetteer
        .clusters
        .is_empty());
    assert_ne!(plain.len(), bytes.len());
    // With clusters and no lexicon, the file still parses with its clusters.
    let no_lexicon = train::train(
        &docs,
        &Settings {
            lexicon_min: 0,
            ..settings
        },
        |_, _| {},
    );
    let m = Model::from_bytes(&no_lexicon).expect("parses");
    assert!(m.gazetteer.lexicon.is_empty());
    assert_eq!(m.gazetteer.clusters.words, clusters.words);
}

#[test]
fn a_cut_or_foreign_model_file_is_an_error_not_a_panic() {
    let docs = tiny_corpus();
    let settings = Settings {
        epochs: 2,
        folds: 3,
        clusters: train::read_clusters("0 0 holm tessler\n1 1 brenford met").expect("parse"),
        ..Settings::default()
    };
    let bytes = train::train(&docs, &settings, |_, _| {});
    assert!(Model::from_bytes(&bytes).is_ok());
    // Every cut short of the whole file: an error, or (cut after the gazetteer or the
    // lexicon, which may end a file) a model; never a panic.
    let mut errors = 0;
    for end in 0..bytes.len() {
        errors += Model::from_bytes(&bytes[..end]).is_err() as usize;
    }
    assert!(
        errors + 2 >= bytes.len(),
        "{errors} errors of {}",
        bytes.len()
    );
    // A file of the earlier format (features interleaved) is refused by its magic.
    let mut old = bytes.clone();
    old[5] = 1;
    let err = Model::from_bytes(&old).err().expect("refused");
    assert!(err.contains("not a copydesk NER model"), "{err}");
}

#[test]
fn an_honorific_without_a_full_stop_makes_a_person() {
    let a = run(
        "Ms Pugh has received treatment at a hospital in Leeds. The tumour in Ms Pugh's \
         right lung is small, Mrs Jones said. Dr Okafor agreed.",
    );
    let n = names(&a);
    for (name, role) in [("Pugh", "Ms"), ("Jones", "Mrs"), ("Okafor", "Dr")] {
        assert!(
            n.iter().any(|(t, k, r)| t == name
                && *k == EntityType::Person
                && r.as_deref() == Some(role)),
            "{name}: {n:?}"
        );
    }
    assert!(!n.iter().any(|(t, _, _)| t.starts_with("Ms ")), "{n:?}");
}

#[test]
fn a_plural_possessive_inside_a_name_stays_in_it() {
    let a = run(
        "Officials in Pyongyang, capital of the Democratic People’s Republic of Korea, met \
         a delegation on Monday. The People’s Liberation Army sent two generals to the talks.",
    );
    let n = names(&a);
    assert!(
        n.iter()
            .any(|(t, _, _)| t == "Democratic People’s Republic of Korea"),
        "{n:?}"
    );
    assert!(!n.iter().any(|(t, _, _)| t == "Democratic People"), "{n:?}");
}

#[test]
fn german_text_gets_no_names_and_says_why() {
    // German writes every noun with a capital, the tagger's main sign of a name in English.
    let de = run(
        "Die Stadtverwaltung hat am Montag einen neuen Fahrplan für die Fähre vorgestellt. \
         Nach Angaben der Behörde sollen ab dem 3. Mai 2024 täglich 12 zusätzliche Fahrten \
         angeboten werden, die rund 1.200 Pendler nutzen. Der Bürgermeister sagte, die \
         Kosten seien im Fall einer Verzögerung nicht höher. Auch die Anwohner sind mit dem \
         Plan zufrieden, wie eine Umfrage zeigt.",
    );
    assert_eq!(de.metadata.language.as_deref(), Some("de"));
    assert_eq!(names(&de), vec![], "no names in German text");
    assert!(
        de.warnings.iter().any(|w| w.contains("German")),
        "{:?}",
        de.warnings
    );
    let values: Vec<&str> = de.entities.iter().map(|e| e.text.as_str()).collect();
    assert!(values.iter().any(|v| v.contains("2024")), "{values:?}");
    assert!(values.contains(&"1.200"), "{values:?}");
    // English season words ("Fall") are not values here: only figures are.
    assert!(
        values.iter().all(|v| v.bytes().any(|b| b.is_ascii_digit())),
        "{values:?}"
    );

    let en = run(
        "The council presented a new ferry timetable on Monday, the mayor, Ruth Okafor, \
         said. It will add 12 crossings a day from May 3, 2024, and the islanders were \
         pleased with the plan, as a survey has shown.",
    );
    assert!(
        has(&en, "Ruth Okafor", EntityType::Person),
        "{:?}",
        names(&en)
    );
    assert!(en.warnings.is_empty(), "{:?}", en.warnings);
}

#[test]
fn a_people_or_place_and_a_war_are_one_event() {
    let a = run(
        "Veterans of the Korean War met North Korean defectors in Seoul on Monday. Historians \
         of the Cold War, of the 1967 Six-Day War and of the Vietnam War joined them, and \
         one had written on the Second World War.",
    );
    let n = names(&a);
    for event in [
        "Korean War",
        "Cold War",
        "Six-Day War",
        "Vietnam War",
        "Second World War",
    ] {
        assert!(has(&a, event, EntityType::Misc), "{event}: {n:?}");
    }
    // The war is not an alias of the people.
    assert!(!n.iter().any(|(t, _, _)| t == "Korean"), "{n:?}");
    assert_ne!(group_of(&a, "Korean War"), group_of(&a, "North Korean"));
}

#[test]
fn only_a_war_or_revolution_makes_an_event_of_any_capitalised_word() {
    let a = run(
        "Shoppers crowded the Toys aisle while the Mineral Spring shelves stayed full. The \
         Secretary of State of the United States met the minister in Amman.",
    );
    let n = names(&a);
    // No event is made of "Mineral Spring": an event word other than a war or revolution
    // joins only a place or people the tagger found. (The shipped tagger reads a shelf's
    // "Video Games" as a name by itself, so that label no longer tests this rule.)
    assert!(
        !n.iter()
            .any(|(t, k, _)| t.contains("Spring") && *k == EntityType::Misc),
        "{n:?}"
    );
    assert!(
        !n.iter().any(|(t, _, _)| t.starts_with("State of")),
        "{n:?}"
    );
}

#[test]
fn a_state_and_its_place_after_of_are_one_location() {
    let a = run(
        "Delegates from the Democratic Republic of the Congo met in Geneva on Monday, and \
         the envoy of the State of Qatar spoke after them.",
    );
    let n = names(&a);
    assert!(
        has(&a, "Democratic Republic of the Congo", EntityType::Location),
        "{n:?}"
    );
    assert!(has(&a, "State of Qatar", EntityType::Location), "{n:?}");
}

#[test]
fn a_compass_point_alone_is_the_half_of_the_country_named() {
    let a = run(
        "Troops from North Sudan crossed into South Sudan on Monday. Officials in Juba said \
         the North had broken the truce, and the South would answer.",
    );
    let n = names(&a);
    assert_eq!(group_of(&a, "North"), group_of(&a, "North Sudan"), "{n:?}");
    assert_eq!(group_of(&a, "South"), group_of(&a, "South Sudan"), "{n:?}");
    // "the West" beside the one West place, with no East of it named, stays apart.
    let a = run(
        "Settlers in the West Bank protested on Monday. Leaders in the West condemned the \
         raids, officials in Ramallah said.",
    );
    let n = names(&a);
    if n.iter().any(|(t, _, _)| t == "West") {
        assert_ne!(group_of(&a, "West"), group_of(&a, "West Bank"), "{n:?}");
    }
}

#[test]
fn an_official_name_joins_the_common_name_as_a_place() {
    let a = run(
        "The Russian Federation and the Lao People’s Democratic Republic signed the accord \
         in Vientiane on Monday. Russia will build a dam, and Laos will sell the power to \
         Thailand.",
    );
    let n = names(&a);
    assert_eq!(
        group_of(&a, "Russian Federation"),
        group_of(&a, "Russia"),
        "{n:?}"
    );
    assert_eq!(
        group_of(&a, "Lao People’s Democratic Republic"),
        group_of(&a, "Laos"),
        "{n:?}"
    );
    assert!(
        has(&a, "Lao People’s Democratic Republic", EntityType::Location),
        "{n:?}"
    );
    assert_eq!(a.groups[group_of(&a, "Laos")].name, "Laos");
}

#[test]
fn a_regnal_number_junior_or_epithet_ends_the_name() {
    let a = run(
        "Historians say Thutmose III ruled for decades. Later Boris I (ruled 852 to 889) was \
         baptised, as was Charles I of England. Martin Luther King, Jr. spoke to the \
         crowd, and Lucas Cranach the Elder painted the altar.",
    );
    let n = names(&a);
    for name in [
        "Thutmose III",
        "Boris I",
        "Charles I",
        "Martin Luther King, Jr.",
        "Lucas Cranach the Elder",
    ] {
        assert!(
            n.iter()
                .any(|(t, k, _)| t == name && *k == EntityType::Person),
            "{name}: {n:?}"
        );
    }
}

#[test]
fn a_place_is_known_by_its_own_words() {
    let a = run(
        "Trawlers fished the Celtic Sea all winter, and pelicans nest in the Danube Delta. \
         The ferry left Hong Kong Island at dawn. Storms closed ports on the Irish Seas on \
         Tuesday. The Moravian Principality grew, and the Principality of Nitra fell to it.",
    );
    let n = names(&a);
    for place in [
        "Celtic Sea",
        "Danube Delta",
        "Hong Kong Island",
        "Irish Seas",
        "Principality of Nitra",
    ] {
        assert!(has(&a, place, EntityType::Location), "{place}: {n:?}");
    }
    // A person keeps a place's word in the name ("Mickey Rivers"); a club's "Park" is
    // not a place's word.
    let a = run("Mickey Rivers led off for the Yankees, and Queen's Park lost at home.");
    let n = names(&a);
    assert!(
        !n.iter()
            .any(|(t, k, _)| t == "Mickey Rivers" && *k == EntityType::Location),
        "{n:?}"
    );
}

#[test]
fn the_name_after_a_rulers_title_and_of_is_a_place() {
    let a = run(
        "Rémi Dubois, the mayor of Saint-Gaudens, opened the fair. In 1544 she married \
         Matthew Stewart and became Countess of Lennox.",
    );
    let n = names(&a);
    assert!(has(&a, "Saint-Gaudens", EntityType::Location), "{n:?}");
    assert!(has(&a, "Lennox", EntityType::Location), "{n:?}");
    assert!(has(&a, "Matthew Stewart", EntityType::Person), "{n:?}");
}

#[test]
fn an_acronym_in_brackets_after_an_organisation_is_that_organisation() {
    let a = run(
        "Adnan Amin, who heads the International Renewable Energy Agency (IRENA), spoke in \
         Abu Dhabi on Monday. IRENA expects offshore wind to grow.",
    );
    let n = names(&a);
    assert!(has(&a, "IRENA", EntityType::Org), "{n:?}");
    assert_eq!(
        group_of(&a, "IRENA"),
        group_of(&a, "International Renewable Energy Agency"),
        "{n:?}"
    );
    // A dateline's agency after a place is not the place.
    let a = run("WASHINGTON (AP) — Senators met on Monday.");
    let n = names(&a);
    assert!(!has(&a, "AP", EntityType::Location), "{n:?}");
}

#[test]
fn a_word_in_a_list_of_names_takes_their_type() {
    let a = run("Outages hit websites such as Reddit, Twitter and Spotify on Friday.");
    let n = names(&a);
    for name in ["Reddit", "Twitter", "Spotify"] {
        assert!(has(&a, name, EntityType::Org), "{name}: {n:?}");
    }
}

#[test]
fn the_size_cap_drops_the_weakest_weights_to_the_byte() {
    let docs = tiny_corpus();
    let with_cap = |max_bytes: usize| {
        let settings = Settings {
            epochs: 2,
            folds: 3,
            max_bytes,
            ..Settings::default()
        };
        train::train(&docs, &settings, |_, _| {})
    };
    let whole = with_cap(usize::MAX);
    for cut in [1, 50, 500] {
        let cap = whole.len() - cut;
        let bytes = with_cap(cap);
        assert!(bytes.len() <= cap, "{} > {cap}", bytes.len());
        // Bisection over the weights' magnitudes: the file is close to the cap (weights of
        // one magnitude go together), not a whole level of weights below it.
        assert!(
            bytes.len() * 100 >= cap * 97,
            "{} far below {cap}",
            bytes.len()
        );
        assert!(Model::from_bytes(&bytes).is_ok());
    }
}
