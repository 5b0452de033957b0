//! The shared seed articles, when `../shared/` is present: three valid contract objects, and
//! Hegseth named as the speaker of his quotes, with his role.

use crate::util::{TestDir, assert_spans_slice, json_lines, seeds_dir};

fn seed_paths() -> Option<Vec<String>> {
    let dir = seeds_dir()?;
    let mut paths: Vec<String> = std::fs::read_dir(dir)
        .expect("read seeds")
        .filter_map(Result::ok)
        .map(|entry| entry.path().display().to_string())
        .filter(|path| path.ends_with(".txt"))
        .collect();
    paths.sort();
    Some(paths)
}

/// The seeds through `sitrep annotate --format json`, one contract object each, in name order.
fn annotated_seeds() -> Option<Vec<serde_json::Value>> {
    let paths = seed_paths()?;
    let test = TestDir::new();
    let mut args = vec!["annotate", "--format", "json"];
    args.extend(paths.iter().map(String::as_str));
    let run = test.run(&args);
    assert_eq!(run.code, 0, "{}", run.stderr);
    Some(json_lines(&run.stdout))
}

#[test]
fn annotate_seeds_gives_three_contract_objects() {
    let Some(articles) = annotated_seeds() else { return };
    assert_eq!(articles.len(), 3);
    for article in &articles {
        assert_eq!(article["schema"], 1);
        assert_spans_slice(article);
    }
    let quotes: Vec<&serde_json::Value> =
        articles.iter().flat_map(|article| article["quotes"].as_array().expect("quotes")).collect();
    let speaker_of = |words: &str| {
        quotes
            .iter()
            .find(|quote| quote["text"].as_str().is_some_and(|text| text.contains(words)))
            .map(|quote| quote["speaker"]["name"].as_str().unwrap_or("(none)").to_string())
            .unwrap_or_else(|| panic!("no quote containing {words:?}"))
    };
    for words in [
        "Not a Betrayal",
        "No country, as President Trump has pointed out",
        "There is no betrayal there",
        "unrealistic",
        "a factory reset",
        "Even 2% of GDP is not enough",
        "5% of defense spending is critical",
        "It’s All Garbage",
        "The press is interested in narratives",
        "The President got elected to bring peace",
    ] {
        assert_eq!(speaker_of(words), "Pete Hegseth", "speaker of {words:?}");
    }
    assert_eq!(speaker_of("common sense"), "Sergei Lavrov");
    assert_eq!(speaker_of("proxy conflict between nuclear powers"), "Marco Rubio");
    assert_eq!(speaker_of("We can and want to agree with it"), "Dmitry Peskov");
    assert_eq!(speaker_of("In reality, we are dealing with an open desire"), "Maria Zakharova");
    assert_eq!(speaker_of("temporary ceasefire"), "Maria Zakharova");
}

#[test]
fn every_person_in_the_seeds_has_the_role_the_article_gives() {
    let Some(articles) = annotated_seeds() else { return };
    let people = |article: &serde_json::Value| -> Vec<String> {
        article["entities"]
            .as_array()
            .expect("entities")
            .iter()
            .filter(|entity| entity["type"] == "PERSON")
            .map(|entity| {
                let roles: Vec<&str> = entity["roles"]
                    .as_array()
                    .expect("roles")
                    .iter()
                    .map(|role| role["title"].as_str().expect("title"))
                    .collect();
                format!("{} — {}", entity["name"].as_str().expect("name"), roles.join("; "))
            })
            .collect()
    };
    assert_eq!(
        people(&articles[0]),
        [
            "Pete Hegseth — U.S. Secretary of Defense",
            "Donald Trump — President",
            "Emmanuel Macron — French President",
            "Christopher Cavoli — U.S. Gen."
        ]
    );
    assert_eq!(
        people(&articles[1]),
        ["Pete Hegseth — U.S. Defense Secretary", "Donald Trump — President", "Vladimir Putin — Russian President"]
    );
    assert_eq!(
        people(&articles[2]),
        [
            "Pete Hegseth — US Defence Secretary",
            "Trump — President",
            "John Healey — UK Defence Secretary",
            "Volodymyr Zelenskyy — Ukrainian President",
            "Sergei Lavrov — Russian Foreign Minister",
            "Dmitry Peskov — Kremlin spokesperson",
            "Marco Rubio — US Secretary of State",
            "Maria Zakharova — Foreign Ministry spokeswoman"
        ]
    );
    // "U.S. Defense Secretary Pete Hegseth", "Hegseth" and "He" are one entity.
    let article = &articles[1];
    let entity_of = |text: &str| -> Vec<String> {
        let mut ids: Vec<String> = article["mentions"]
            .as_array()
            .expect("mentions")
            .iter()
            .filter(|mention| mention["text"] == text)
            .map(|mention| mention["entity"].as_str().expect("entity").to_string())
            .collect();
        ids.dedup();
        ids
    };
    let hegseth = entity_of("Pete Hegseth");
    assert_eq!(hegseth.len(), 1, "{hegseth:?}");
    assert_eq!(entity_of("Hegseth"), hegseth);
    assert_eq!(entity_of("He"), hegseth);
}

#[test]
fn report_on_seeds_shows_hegseth_with_his_role() {
    let Some(paths) = seed_paths() else { return };
    let test = TestDir::new();
    let mut args = vec!["analyze"];
    args.extend(paths.iter().map(String::as_str));
    let run = test.run(&args);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        run.stdout
            .contains("### Pete Hegseth, U.S. Defense Secretary; U.S. Secretary of Defense; US Defence Secretary"),
        "{}",
        run.stdout
    );
    let debris =
        ["Listen to this article", "LEAVE A REPLY", "Please enter your comment!", "Courtesy: Free Malaysia Today"];
    let extracted = test.run(&["extract", "--format", "json", &paths[1]]);
    let text = json_lines(&extracted.stdout)[0]["text"].as_str().expect("text").to_string();
    for line in debris {
        assert!(!text.contains(line), "{line} left in the text");
    }
}

/// The numbers and dates of the seeds, with a publication date given on the command line
/// (Thursday 5 June 2025): issue 6's examples as values.
#[test]
fn seed_quantities_and_times_are_values() {
    let Some(paths) = seed_paths() else { return };
    let test = TestDir::new();
    let mut args = vec!["annotate", "--format", "json", "--published", "2025-06-05"];
    args.extend(paths.iter().map(String::as_str));
    let run = test.run(&args);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let articles = json_lines(&run.stdout);
    let all = |list: &str| -> Vec<serde_json::Value> {
        articles.iter().flat_map(|article| article[list].as_array().expect("list").clone()).collect()
    };
    let quantities = all("quantities");
    let quantity = |text: &str| {
        quantities
            .iter()
            .find(|quantity| quantity["text"] == text)
            .unwrap_or_else(|| panic!("no quantity {text:?} in {quantities:?}"))
            .clone()
    };
    let ministers = quantity("over 50 defense ministers");
    assert_eq!((ministers["value"].as_f64(), ministers["unit"].as_str()), (Some(50.0), Some("count")));
    assert_eq!((ministers["qualifier"].as_str(), ministers["of"].as_str()), (Some("over"), Some("defense ministers")));
    let aid = quantity("more than $66.5 billion");
    assert_eq!((aid["value"].as_f64(), aid["unit"].as_str()), (Some(6.65e10), Some("USD")));
    let share = quantities.iter().find(|quantity| quantity["of"] == "GDP").expect("2% of GDP");
    assert_eq!((share["value"].as_f64(), share["unit"].as_str()), (Some(2.0), Some("%")));
    assert_eq!(share["asserted_by"]["name"], "Pete Hegseth");

    let times = all("times");
    let value_of = |text: &str| {
        times
            .iter()
            .find(|time| time["text"] == text)
            .and_then(|time| time["value"].as_str().map(String::from))
            .unwrap_or_else(|| panic!("no time {text:?} in {times:?}"))
    };
    assert_eq!(value_of("2022"), "2022");
    assert_eq!(value_of("Thursday"), "2025-06-05");
    assert_eq!(value_of("next week"), "2025-W24");
    assert_eq!(value_of("the weekend"), "2025-W22-WE");
}
