//! The training question bank and the quiz: the bank's own checks, coverage of the 细则, due
//! dates recomputed with the deadline engine, the seeded shuffle, scoring, review and stored
//! progress.

use std::collections::BTreeSet;

use weiquan::core::calendar::Calendar;
use weiquan::core::deadline::{self, Readings};
use weiquan::core::rules;
use weiquan::core::training::{
    QuestionBank, Quiz, Score, Selection, SplitMix64, Topic, TrainingError, format_date, shuffle,
};

fn bank() -> QuestionBank {
    QuestionBank::builtin().unwrap()
}

#[test]
fn builtin_bank_parses_with_at_least_45_questions() {
    let bank = bank();
    assert!(
        bank.questions().len() >= 45,
        "{} questions",
        bank.questions().len()
    );
    for topic in Topic::ALL {
        assert!(
            bank.count(topic) >= 5,
            "{topic:?} has {} questions",
            bank.count(topic)
        );
    }
}

#[test]
fn question_ids_are_unique() {
    let bank = bank();
    let ids: BTreeSet<&str> = bank.questions().iter().map(|q| q.id.as_str()).collect();
    assert_eq!(ids.len(), bank.questions().len());
}

#[test]
fn every_question_has_exactly_the_right_number_of_correct_options() {
    for q in bank().questions() {
        assert!(
            (2..=5).contains(&q.options.len()),
            "{}: {} options",
            q.id,
            q.options.len()
        );
        let correct: BTreeSet<usize> = q.correct.iter().copied().collect();
        assert_eq!(
            correct.len(),
            q.correct.len(),
            "{}: repeated correct index",
            q.id
        );
        assert!(
            correct.iter().all(|i| *i < q.options.len()),
            "{}: index out of range",
            q.id
        );
        if q.multiple {
            assert!(
                correct.len() >= 2,
                "{}: multiple choice with one answer",
                q.id
            );
            assert!(
                correct.len() < q.options.len(),
                "{}: every option correct",
                q.id
            );
        } else {
            assert_eq!(correct.len(), 1, "{}: single choice", q.id);
        }
        assert!(q.problems().is_empty(), "{}: {:?}", q.id, q.problems());
    }
}

#[test]
fn every_cited_article_exists_and_the_explanation_mentions_it() {
    let document = rules::document();
    assert!(rules::load_error().is_none());
    for q in bank().questions() {
        assert!(!q.articles.is_empty(), "{} cites nothing", q.id);
        for article in &q.articles {
            assert!((1..=43).contains(&article.get()), "{}: {article:?}", q.id);
            assert!(
                document.article(*article).is_some(),
                "{}: {article} missing",
                q.id
            );
            assert!(
                q.explanation.contains(&article.title()),
                "{}: {article} not mentioned",
                q.id
            );
        }
    }
}

#[test]
fn the_bank_spans_the_offences_eligibility_procedure_and_deadline_articles() {
    let bank = bank();
    let cited: BTreeSet<u8> = bank
        .questions()
        .iter()
        .flat_map(|q| q.articles.iter().map(|a| a.get()))
        .collect();
    let required = (19..=28).chain([30, 39, 40, 41]).chain(31..=36);
    for article in required {
        assert!(
            cited.contains(&article),
            "no question cites article {article}"
        );
    }
    let deadlines: BTreeSet<u8> = bank
        .questions()
        .iter()
        .filter(|q| q.deadline.is_some())
        .flat_map(|q| q.articles.iter().map(|a| a.get()))
        .collect();
    assert_eq!(deadlines, BTreeSet::from([31, 32]));
}

#[test]
fn deadline_answers_match_the_deadline_engine() {
    let calendar = Calendar::builtin();
    let readings = Readings::default();
    let bank = bank();
    let mut checked = 0;
    for q in bank.questions() {
        let Some(d) = &q.deadline else { continue };
        let computed = deadline::compute(&calendar, d.period, d.start, &readings).unwrap();
        assert_eq!(
            computed.due, d.due,
            "{}: engine says {}",
            q.id, computed.due
        );
        assert!(
            !computed.is_provisional(),
            "{}: depends on an unknown year",
            q.id
        );
        assert_eq!(
            q.options[q.correct[0]],
            format_date(computed.due),
            "{}",
            q.id
        );
        // No wrong option may also be the right date.
        let right = format_date(computed.due);
        let same: Vec<_> = q.options.iter().filter(|o| **o == right).collect();
        assert_eq!(same.len(), 1, "{}", q.id);
        // The question states the start date the engine counted from.
        assert!(
            q.scenario.contains(&format_date(d.start)),
            "{}: start date not stated",
            q.id
        );
        checked += 1;
    }
    assert!(checked >= 10, "only {checked} due-date questions");
}

#[test]
fn the_bank_rejects_faulty_questions() {
    let good = r#"{"id":"q","topic":"procedure","scenario":"题干","options":["甲","乙"],"correct":[0],"explanation":"见第三十一条。","articles":[31]}"#;
    let wrap = |qs: &[&str]| format!(r#"{{"questions":[{}]}}"#, qs.join(","));
    assert!(QuestionBank::from_json(&wrap(&[good])).is_ok());
    let cases: &[(&str, TrainingError)] = &[
        (
            r#"{"id":"q","topic":"procedure","scenario":"题干","options":["甲"],"correct":[0],"explanation":"见第三十一条。","articles":[31]}"#,
            TrainingError::OptionCount {
                id: "q".into(),
                count: 1,
            },
        ),
        (
            r#"{"id":"q","topic":"procedure","scenario":"题干","options":["甲","乙","丙","丁","戊","己"],"correct":[0],"explanation":"见第三十一条。","articles":[31]}"#,
            TrainingError::OptionCount {
                id: "q".into(),
                count: 6,
            },
        ),
        (
            r#"{"id":"q","topic":"procedure","scenario":"题干","options":["甲","乙"],"correct":[0,1],"explanation":"见第三十一条。","articles":[31]}"#,
            TrainingError::CorrectCount {
                id: "q".into(),
                count: 2,
            },
        ),
        (
            r#"{"id":"q","topic":"procedure","scenario":"题干","options":["甲","乙","丙"],"correct":[0],"multiple":true,"explanation":"见第三十一条。","articles":[31]}"#,
            TrainingError::CorrectCount {
                id: "q".into(),
                count: 1,
            },
        ),
        (
            r#"{"id":"q","topic":"procedure","scenario":"题干","options":["甲","乙"],"correct":[2],"explanation":"见第三十一条。","articles":[31]}"#,
            TrainingError::CorrectOutOfRange {
                id: "q".into(),
                index: 2,
            },
        ),
        (
            r#"{"id":"q","topic":"procedure","scenario":"题干","options":["甲","乙"],"correct":[0],"explanation":"见第三十二条。","articles":[31]}"#,
            TrainingError::ArticleNotMentioned {
                id: "q".into(),
                article: 31,
            },
        ),
        (
            r#"{"id":"q","topic":"procedure","scenario":"题干","options":["甲","乙"],"correct":[0],"explanation":"见第三十一条。","articles":[]}"#,
            TrainingError::NoArticles("q".into()),
        ),
        (
            r#"{"id":"q","topic":"procedure","scenario":"题干","options":["甲","甲"],"correct":[0],"explanation":"见第三十一条。","articles":[31]}"#,
            TrainingError::RepeatedOption("q".into()),
        ),
        (
            r#"{"id":"q","topic":"deadlines","scenario":"题干","options":["2026年10月9日","2026年10月8日"],"correct":[0],"explanation":"见第三十一条。","articles":[31],"deadline":{"period":"reply","start":"2026-09-28","due":"2026-10-08"}}"#,
            TrainingError::DeadlineAnswerMismatch("q".into()),
        ),
    ];
    for (question, expected) in cases {
        assert_eq!(
            QuestionBank::from_json(&wrap(&[question])).as_ref(),
            Err(expected)
        );
    }
    assert_eq!(
        QuestionBank::from_json(&wrap(&[good, good])),
        Err(TrainingError::DuplicateId("q".into()))
    );
    assert_eq!(
        QuestionBank::from_json(&wrap(&[])),
        Err(TrainingError::EmptyBank)
    );
    // Article 44 does not exist: the article number type refuses it while parsing.
    let no_such_article = good.replace("[31]", "[44]");
    assert!(matches!(
        QuestionBank::from_json(&wrap(&[&no_such_article])),
        Err(TrainingError::Parse(_))
    ));
    assert!(matches!(
        QuestionBank::from_json("not json"),
        Err(TrainingError::Parse(_))
    ));
}

#[test]
fn splitmix64_matches_the_reference_output() {
    // The first output for seed 0 in Vigna's reference implementation.
    assert_eq!(SplitMix64::new(0).next_u64(), 0xE220_A839_7B1D_CDAF);
    let mut rng = SplitMix64::new(7);
    for bound in [1, 2, 3, 7, 10, 68, 1 << 40] {
        for _ in 0..200 {
            assert!(rng.below(bound) < bound);
        }
    }
}

#[test]
fn shuffle_is_a_permutation_and_deterministic_per_seed() {
    let bank = bank();
    let mut ids: Vec<String> = bank.questions().iter().map(|q| q.id.clone()).collect();
    ids.sort();
    let mut orders = Vec::new();
    for seed in [0, 1, 2, 42, u64::MAX] {
        let a = Quiz::new(&bank, &Selection::All, seed).unwrap();
        let b = Quiz::new(&bank, &Selection::All, seed).unwrap();
        assert_eq!(a.order(), b.order(), "seed {seed} not deterministic");
        let mut sorted = a.order().to_vec();
        sorted.sort();
        assert_eq!(sorted, ids, "seed {seed} is not a permutation");
        orders.push(a.order().to_vec());
    }
    let distinct: BTreeSet<&Vec<String>> = orders.iter().collect();
    assert_eq!(
        distinct.len(),
        orders.len(),
        "different seeds gave the same order"
    );

    let mut small = [1, 2, 3, 4, 5];
    shuffle(&mut small, 9);
    let mut again = [1, 2, 3, 4, 5];
    shuffle(&mut again, 9);
    assert_eq!(small, again);
    let mut sorted = small;
    sorted.sort_unstable();
    assert_eq!(sorted, [1, 2, 3, 4, 5]);
    let mut empty: [u8; 0] = [];
    shuffle(&mut empty, 3);
}

#[test]
fn selections_pick_the_requested_questions() {
    let bank = bank();
    let quiz = Quiz::new(&bank, &Selection::Topic(Topic::Deadlines), 5).unwrap();
    assert_eq!(quiz.len(), bank.count(Topic::Deadlines));
    assert!(
        quiz.order()
            .iter()
            .all(|id| bank.get(id).unwrap().topic == Topic::Deadlines)
    );

    let ids = vec![
        "near-relatives".to_owned(),
        "applicants".to_owned(),
        "near-relatives".to_owned(),
    ];
    let quiz = Quiz::new(&bank, &Selection::Ids(ids), 5).unwrap();
    assert_eq!(quiz.len(), 2, "a repeated id is asked once");
    assert_eq!(
        Quiz::new(&bank, &Selection::Ids(vec!["no-such".into()]), 5),
        Err(TrainingError::UnknownQuestion("no-such".into()))
    );
    assert_eq!(
        Quiz::new(&bank, &Selection::Ids(Vec::new()), 5),
        Err(TrainingError::EmptySelection)
    );
}

/// The option indices that answer `id` right or wrong.
fn answer(bank: &QuestionBank, id: &str, right: bool) -> Vec<usize> {
    let q = bank.get(id).unwrap();
    if right {
        q.correct.clone()
    } else {
        vec![
            (0..q.options.len())
                .find(|i| !q.correct.contains(i))
                .unwrap(),
        ]
    }
}

#[test]
fn scoring_counts_right_answers_and_review_lists_the_wrong_ones() {
    let bank = bank();
    let ids = [
        "applicants",
        "deemed-acceptance",
        "deadline-reply-national-day",
        "near-relatives",
    ];
    let selection = Selection::Ids(ids.iter().map(|s| (*s).to_owned()).collect());
    let mut quiz = Quiz::new(&bank, &selection, 2026).unwrap();
    assert_eq!(
        quiz.score(),
        Score {
            correct: 0,
            answered: 0,
            total: 4
        }
    );
    assert_eq!(quiz.score().percent(), None);
    let plan: Vec<(String, bool)> = quiz
        .order()
        .iter()
        .enumerate()
        .map(|(i, id)| (id.clone(), i % 2 == 0))
        .collect();
    for (position, (id, right)) in plan.iter().enumerate() {
        assert_eq!(quiz.position(), position);
        assert_eq!(quiz.current_id(), Some(id.as_str()));
        assert_eq!(
            quiz.current(&bank).map(|q| q.id.as_str()),
            Some(id.as_str())
        );
        let feedback = quiz.submit(&bank, &answer(&bank, id, *right)).unwrap();
        assert_eq!(feedback.correct, *right, "{id}");
        assert_eq!(feedback.correct_options, bank.get(id).unwrap().correct);
        assert!(!feedback.articles.is_empty());
    }
    assert!(quiz.is_finished());
    assert_eq!(quiz.current_id(), None);
    assert_eq!(
        quiz.score(),
        Score {
            correct: 2,
            answered: 4,
            total: 4
        }
    );
    assert_eq!(quiz.score().percent(), Some(50));
    let wrong: Vec<&str> = plan
        .iter()
        .filter(|(_, r)| !r)
        .map(|(id, _)| id.as_str())
        .collect();
    let listed: Vec<&str> = quiz
        .wrong_answers()
        .iter()
        .map(|a| a.question_id.as_str())
        .collect();
    assert_eq!(listed, wrong);
    let review = quiz.review(&bank);
    assert_eq!(review.len(), 2);
    assert_eq!(review[0].question.id, wrong[0]);
    assert_eq!(review[0].chosen, answer(&bank, wrong[0], false));
    assert_eq!(
        quiz.retry_selection(),
        Selection::Ids(wrong.iter().map(|s| (*s).to_owned()).collect())
    );
    assert_eq!(quiz.submit(&bank, &[0]), Err(TrainingError::Finished));
}

#[test]
fn multiple_choice_needs_exactly_the_correct_set_in_any_order() {
    let bank = bank();
    let q = bank.get("strict-handling").unwrap();
    assert!(q.multiple);
    let mut reversed = q.correct.clone();
    reversed.reverse();
    let cases: &[(Vec<usize>, bool)] = &[
        (q.correct.clone(), true),
        (reversed, true),
        (q.correct[..1].to_vec(), false),
        ((0..q.options.len()).collect(), false),
    ];
    for (chosen, expected) in cases {
        let mut quiz = Quiz::new(&bank, &Selection::Ids(vec![q.id.clone()]), 1).unwrap();
        assert_eq!(
            quiz.submit(&bank, chosen).unwrap().correct,
            *expected,
            "{chosen:?}"
        );
    }
}

#[test]
fn invalid_submissions_are_rejected_without_moving_on() {
    let bank = bank();
    let single = Selection::Ids(vec!["near-relatives".into()]);
    let mut quiz = Quiz::new(&bank, &single, 1).unwrap();
    assert_eq!(quiz.submit(&bank, &[]), Err(TrainingError::NoChoice));
    assert_eq!(
        quiz.submit(&bank, &[0, 1]),
        Err(TrainingError::SingleChoice)
    );
    assert_eq!(
        quiz.submit(&bank, &[9]),
        Err(TrainingError::InvalidChoice(9))
    );
    assert_eq!(quiz.position(), 0);
    let multi = Selection::Ids(vec!["applicants".into()]);
    let mut quiz = Quiz::new(&bank, &multi, 1).unwrap();
    assert_eq!(
        quiz.submit(&bank, &[1, 1]),
        Err(TrainingError::InvalidChoice(1))
    );
    assert_eq!(quiz.position(), 0);
}

#[test]
fn progress_survives_local_storage_and_resumes() {
    let bank = bank();
    let mut quiz = Quiz::new(&bank, &Selection::Topic(Topic::Eligibility), 77).unwrap();
    let first = quiz.current_id().unwrap().to_owned();
    quiz.submit(&bank, &answer(&bank, &first, true)).unwrap();
    let json = serde_json::to_string(&quiz).unwrap();
    let mut restored: Quiz = serde_json::from_str(&json).unwrap();
    assert_eq!(restored, quiz);
    assert_eq!(restored.check(&bank), Ok(()));
    assert_eq!(restored.seed(), 77);
    let next = restored.current_id().unwrap().to_owned();
    restored
        .submit(&bank, &answer(&bank, &next, false))
        .unwrap();
    assert_eq!(
        restored.score(),
        Score {
            correct: 1,
            answered: 2,
            total: quiz.len()
        }
    );

    // Progress saved against an older bank: a question that no longer exists.
    let stale = json.replacen(&first, "removed-question", 2);
    let stale: Quiz = serde_json::from_str(&stale).unwrap();
    assert_eq!(stale.check(&bank), Err(TrainingError::StaleProgress));
    // Tampered progress: an answer marked right that is wrong.
    let wrong_choice = answer(&bank, &first, false)[0];
    let tampered = json.replacen(
        &format!("\"chosen\":{:?}", answer(&bank, &first, true)).replace(' ', ""),
        &format!("\"chosen\":[{wrong_choice}]"),
        1,
    );
    assert_ne!(tampered, json);
    let tampered: Quiz = serde_json::from_str(&tampered).unwrap();
    assert_eq!(tampered.check(&bank), Err(TrainingError::StaleProgress));
}

/// Regression: the bank once had the correct answer at option A in 48 of 62 single-choice
/// questions, so always answering A scored about 80%.
#[test]
fn correct_answers_are_spread_over_the_option_positions() {
    let bank = bank();
    let singles: Vec<_> = bank.questions().iter().filter(|q| !q.multiple).collect();
    let mut per_position = [0usize; 5];
    for q in &singles {
        per_position[q.correct[0]] += 1;
    }
    let most = per_position.iter().max().copied().unwrap_or(0);
    assert!(
        most * 100 <= singles.len() * 35,
        "one position holds {most} of {} correct answers: {per_position:?}",
        singles.len()
    );
}
