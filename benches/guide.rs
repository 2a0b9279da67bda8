//! Benchmark of the offence guide and the training quiz: evaluating complete answer sets,
//! walking the question flow page by page, loading the question bank and running a seeded quiz,
//! timed with `std::time::Instant`; prints the median of repeated runs. Run with
//! `cargo bench --bench guide`.

mod common;

use std::hint::black_box;
use std::time::Duration;

use chrono::NaiveDate;
use weiquan::core::guide::{
    Answers, QuestionId, QuestionKind, Response, evaluate, next_question, question, shown_options,
};
use weiquan::core::training::{QuestionBank, Quiz, Selection, SplitMix64};

const RUNS: usize = 9;

fn median_of_runs(run: impl FnMut() -> usize) -> Duration {
    common::median_of_runs(RUNS, 0, run)
}

fn report(name: &str, count: usize, median: Duration) {
    common::report_each(name, count, RUNS, median);
}

/// Answers the flow to the end with choices drawn from `rng`, as a user clicking through would.
fn random_answers(rng: &mut SplitMix64, today: NaiveDate) -> Answers {
    let mut answers = Answers::new();
    while let Some(q) = next_question(&answers) {
        let offered = shown_options(&answers, q);
        let response = match question(q).kind {
            QuestionKind::Single => {
                Response::one(offered[rng.below(offered.len() as u64) as usize].id)
            }
            QuestionKind::Multiple { .. } => {
                let pick = offered[rng.below(offered.len() as u64) as usize].id;
                let picked: Vec<&str> = offered
                    .iter()
                    .map(|o| o.id)
                    .filter(|id| *id == pick || rng.below(3) == 0)
                    .collect();
                Response::many(&picked)
            }
            QuestionKind::Date => {
                let back = rng.below(3000);
                Response::Date(today - chrono::Days::new(back))
            }
        };
        if answers.record(q, response, today).is_err() {
            break;
        }
    }
    answers
}

fn main() {
    let Some(today) = NaiveDate::from_ymd_opt(2026, 11, 25) else {
        return;
    };
    let mut rng = SplitMix64::new(0x5eed);
    let sets: Vec<Answers> = (0..2_000)
        .map(|_| random_answers(&mut rng, today))
        .collect();

    let evaluations = 20_000;
    let median = median_of_runs(|| {
        (0..evaluations)
            .filter(|i| evaluate(black_box(&sets[i % sets.len()])).is_ok())
            .count()
    });
    report(
        "guide evaluate (random complete answers)",
        evaluations,
        median,
    );

    let walks = 2_000;
    let median = median_of_runs(|| {
        let mut rng = SplitMix64::new(7);
        (0..walks)
            .map(|_| {
                random_answers(&mut rng, today)
                    .effective()
                    .get(QuestionId::Concern)
                    .iter()
                    .count()
            })
            .sum()
    });
    report(
        "guide flow walk (record each page until complete)",
        walks,
        median,
    );

    let loads = 200;
    let median = median_of_runs(|| {
        (0..loads)
            .filter(|_| {
                QuestionBank::from_json(black_box(weiquan::core::training::QUESTIONS_JSON)).is_ok()
            })
            .count()
    });
    report("training bank parse and check", loads, median);

    let Ok(bank) = QuestionBank::builtin() else {
        println!("training bank failed to load");
        return;
    };
    let quizzes = 2_000;
    let median = median_of_runs(|| {
        let mut right = 0;
        for seed in 0..quizzes as u64 {
            let Ok(mut quiz) = Quiz::new(&bank, &Selection::All, seed) else {
                continue;
            };
            while let Some(q) = quiz.current(&bank) {
                let chosen = q.correct.clone();
                if quiz.submit(&bank, &chosen).is_err() {
                    break;
                }
            }
            right += quiz.score().correct;
        }
        right
    });
    report(
        "training quiz (shuffle all, answer all, score)",
        quizzes,
        median,
    );
}
