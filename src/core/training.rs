//! Training: the bank of scenario questions on the 细则 (data/questions.json), checked when
//! loaded, and a quiz with a deterministic, seeded order whose progress the UI can store.

use std::collections::BTreeSet;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use thiserror::Error;

use crate::core::deadline::PeriodId;
use crate::core::rules::ArticleNo;

/// The built-in question bank.
pub const QUESTIONS_JSON: &str = include_str!("../../data/questions.json");

/// The fewest options a question may have.
pub const MIN_OPTIONS: usize = 2;
/// The most options a question may have.
pub const MAX_OPTIONS: usize = 5;

/// What a question is about.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Topic {
    /// 第十九至二十八条: recognising and handling the offences.
    Offences,
    /// 第十一、十三至十六、二十九、三十五条: support and protection for the officer.
    Support,
    /// 第二、三十、三十九至四十一条: who may apply, on which grounds, who is covered.
    Eligibility,
    /// 第三十一至三十七条: acceptance, investigation, review, appeal, reporting.
    Procedure,
    /// 第三十一、三十二条: computing the due dates.
    Deadlines,
}

impl Topic {
    /// Every topic, in display order.
    pub const ALL: [Self; 5] = [
        Self::Offences,
        Self::Support,
        Self::Eligibility,
        Self::Procedure,
        Self::Deadlines,
    ];

    /// The topic's name.
    pub const fn label(self) -> &'static str {
        match self {
            Self::Offences => "侵权行为的认定与处理",
            Self::Support => "保障与保护措施",
            Self::Eligibility => "申请条件与适用对象",
            Self::Procedure => "受理、调查与复核程序",
            Self::Deadlines => "期限计算",
        }
    }
}

/// For a question whose answer is a due date: the period and start day, so a test can
/// recompute the answer with the deadline engine (第三十一、三十二条).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct DeadlineAnswer {
    /// The 细则 period.
    pub period: PeriodId,
    /// The start day (not counted).
    pub start: NaiveDate,
    /// The due date; the correct option reads exactly `YYYY年M月D日`.
    pub due: NaiveDate,
}

/// One question of the bank.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct TrainingQuestion {
    /// Stable id (the quiz progress stores it).
    pub id: String,
    /// What it is about.
    pub topic: Topic,
    /// The situation and the question.
    pub scenario: String,
    /// 2 to 5 options.
    pub options: Vec<String>,
    /// Indices (0-based) of the correct options.
    pub correct: Vec<usize>,
    /// Multiple choice (two or more correct options) rather than single choice.
    #[serde(default)]
    pub multiple: bool,
    /// Why, citing the articles.
    pub explanation: String,
    /// The 细则 articles the explanation cites, for links to /rules/N.
    pub articles: Vec<ArticleNo>,
    /// For due-date questions: how the answer is computed.
    #[serde(default)]
    pub deadline: Option<DeadlineAnswer>,
}

impl TrainingQuestion {
    /// Whether `chosen` is exactly the set of correct options (order does not matter).
    pub fn is_correct(&self, chosen: &[usize]) -> bool {
        let chosen: BTreeSet<usize> = chosen.iter().copied().collect();
        let correct: BTreeSet<usize> = self.correct.iter().copied().collect();
        chosen == correct
    }

    /// Every problem with this question, empty when it is sound.
    pub fn problems(&self) -> Vec<TrainingError> {
        let id = || self.id.clone();
        let mut out = Vec::new();
        if self.id.trim().is_empty() || self.scenario.trim().is_empty() {
            out.push(TrainingError::EmptyText(id()));
        }
        if self.explanation.trim().is_empty() || self.options.iter().any(|o| o.trim().is_empty()) {
            out.push(TrainingError::EmptyText(id()));
        }
        if !(MIN_OPTIONS..=MAX_OPTIONS).contains(&self.options.len()) {
            out.push(TrainingError::OptionCount {
                id: id(),
                count: self.options.len(),
            });
        }
        let distinct: BTreeSet<&str> = self.options.iter().map(String::as_str).collect();
        if distinct.len() != self.options.len() {
            out.push(TrainingError::RepeatedOption(id()));
        }
        let correct: BTreeSet<usize> = self.correct.iter().copied().collect();
        if let Some(&index) = correct.iter().find(|i| **i >= self.options.len()) {
            out.push(TrainingError::CorrectOutOfRange { id: id(), index });
        }
        // Single choice: exactly one answer. Multiple choice: at least two, and at least one
        // wrong option, or it would be a single-choice or a give-away question.
        let count_ok = if self.multiple {
            correct.len() >= 2 && correct.len() < self.options.len()
        } else {
            correct.len() == 1
        };
        if !count_ok || correct.len() != self.correct.len() {
            out.push(TrainingError::CorrectCount {
                id: id(),
                count: self.correct.len(),
            });
        }
        if self.articles.is_empty() {
            out.push(TrainingError::NoArticles(id()));
        }
        for article in &self.articles {
            if !self.explanation.contains(&article.title()) {
                out.push(TrainingError::ArticleNotMentioned {
                    id: id(),
                    article: article.get(),
                });
            }
        }
        if let Some(d) = &self.deadline {
            let expected = format_date(d.due);
            let right = self.correct.first().and_then(|i| self.options.get(*i));
            if self.multiple || right != Some(&expected) || d.due <= d.start {
                out.push(TrainingError::DeadlineAnswerMismatch(id()));
            }
        }
        out
    }
}

/// `2026年10月8日`: how due-date options are written.
pub fn format_date(date: NaiveDate) -> String {
    date.format("%Y年%-m月%-d日").to_string()
}

/// Why the bank or a quiz step was rejected.
#[derive(Clone, Debug, PartialEq, Eq, Error)]
pub enum TrainingError {
    /// The JSON could not be read.
    #[error("题库文件格式错误：{0}")]
    Parse(String),
    /// The bank has no questions.
    #[error("题库没有题目")]
    EmptyBank,
    /// Two questions share an id.
    #[error("题目编号“{0}”重复")]
    DuplicateId(String),
    /// A text field is empty.
    #[error("题目“{0}”有空白的题干、选项或解析")]
    EmptyText(String),
    /// Two options read the same.
    #[error("题目“{0}”有重复的选项")]
    RepeatedOption(String),
    /// Fewer than 2 or more than 5 options.
    #[error("题目“{id}”有{count}个选项，应为2至5个")]
    OptionCount {
        /// The question.
        id: String,
        /// Its option count.
        count: usize,
    },
    /// A correct index points past the options.
    #[error("题目“{id}”的正确答案序号{index}超出选项范围")]
    CorrectOutOfRange {
        /// The question.
        id: String,
        /// The bad index.
        index: usize,
    },
    /// Wrong number of correct options for the question type.
    #[error("题目“{id}”的正确答案数量（{count}）与题型不符")]
    CorrectCount {
        /// The question.
        id: String,
        /// The number given.
        count: usize,
    },
    /// No article is cited.
    #[error("题目“{0}”没有引用条文")]
    NoArticles(String),
    /// A cited article is not named in the explanation.
    #[error("题目“{id}”引用了第{article}条，但解析中没有提到")]
    ArticleNotMentioned {
        /// The question.
        id: String,
        /// The article number.
        article: u8,
    },
    /// A due-date question's correct option is not its due date.
    #[error("题目“{0}”的正确选项与期限计算结果不一致")]
    DeadlineAnswerMismatch(String),
    /// A quiz refers to a question the bank does not have.
    #[error("题库中没有题目“{0}”")]
    UnknownQuestion(String),
    /// The selection picked no question.
    #[error("所选范围内没有题目")]
    EmptySelection,
    /// An answer was submitted after the last question.
    #[error("本轮练习已经完成")]
    Finished,
    /// No option was chosen.
    #[error("请至少选择一个选项")]
    NoChoice,
    /// More than one option chosen on a single-choice question.
    #[error("这是单选题，只能选择一个选项")]
    SingleChoice,
    /// A chosen option does not exist or was chosen twice.
    #[error("选项{0}无效或重复")]
    InvalidChoice(usize),
    /// Stored progress does not fit the bank (the bank changed since it was saved).
    #[error("保存的练习进度与当前题库不一致，请重新开始")]
    StaleProgress,
}

/// The checked question bank.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct QuestionBank {
    questions: Vec<TrainingQuestion>,
}

#[derive(Deserialize)]
struct BankFile {
    questions: Vec<TrainingQuestion>,
}

impl QuestionBank {
    /// The built-in bank (data/questions.json).
    pub fn builtin() -> Result<Self, TrainingError> {
        Self::from_json(QUESTIONS_JSON)
    }

    /// Reads and checks a bank: `{"questions": [...]}`. Every problem of the first faulty
    /// question is reported through the first error.
    pub fn from_json(json: &str) -> Result<Self, TrainingError> {
        let file: BankFile =
            serde_json::from_str(json).map_err(|e| TrainingError::Parse(e.to_string()))?;
        if file.questions.is_empty() {
            return Err(TrainingError::EmptyBank);
        }
        let mut ids = BTreeSet::new();
        for q in &file.questions {
            if !ids.insert(q.id.as_str()) {
                return Err(TrainingError::DuplicateId(q.id.clone()));
            }
            if let Some(problem) = q.problems().into_iter().next() {
                return Err(problem);
            }
        }
        Ok(Self {
            questions: file.questions,
        })
    }

    /// Every question, in file order.
    pub fn questions(&self) -> &[TrainingQuestion] {
        &self.questions
    }

    /// The question with this id.
    pub fn get(&self, id: &str) -> Option<&TrainingQuestion> {
        self.questions.iter().find(|q| q.id == id)
    }

    /// The number of questions on a topic.
    pub fn count(&self, topic: Topic) -> usize {
        self.questions.iter().filter(|q| q.topic == topic).count()
    }
}

/// Which questions a quiz asks.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", tag = "kind", content = "value")]
pub enum Selection {
    /// The whole bank.
    All,
    /// One topic.
    Topic(Topic),
    /// These questions (e.g. the wrong answers of an earlier round).
    Ids(Vec<String>),
}

/// SplitMix64 (Steele, Lea, Flood 2014): a small, well-mixed PRNG. The quiz needs only a
/// reproducible order from a seed the UI supplies, so the core stays free of randomness.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SplitMix64(u64);

impl SplitMix64 {
    /// A generator starting from `seed`.
    pub fn new(seed: u64) -> Self {
        Self(seed)
    }

    /// The next 64 random bits.
    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// A uniform number in `0..bound` (`bound` > 0), without modulo bias: draws below
    /// `2^64 mod bound` are rejected so every residue is equally likely.
    pub fn below(&mut self, bound: u64) -> u64 {
        let reject_under = bound.wrapping_neg() % bound;
        loop {
            let r = self.next_u64();
            if r >= reject_under {
                return r % bound;
            }
        }
    }
}

/// Fisher–Yates shuffle driven by [`SplitMix64`]: the same seed gives the same order.
pub fn shuffle<T>(items: &mut [T], seed: u64) {
    let mut rng = SplitMix64::new(seed);
    for i in (1..items.len()).rev() {
        // i < len ≤ usize::MAX, so both conversions are lossless.
        let j = rng.below(i as u64 + 1) as usize;
        items.swap(i, j);
    }
}

/// One submitted answer.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct AnswerRecord {
    /// The question.
    pub question_id: String,
    /// The options chosen, ascending.
    pub chosen: Vec<usize>,
    /// Whether they were exactly the correct ones.
    pub correct: bool,
}

/// What the UI shows right after an answer.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Feedback {
    /// Whether the answer was right.
    pub correct: bool,
    /// The correct options.
    pub correct_options: Vec<usize>,
    /// The explanation.
    pub explanation: String,
    /// The articles to link to.
    pub articles: Vec<ArticleNo>,
}

/// The score so far.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Score {
    /// Right answers.
    pub correct: usize,
    /// Answers given.
    pub answered: usize,
    /// Questions in the quiz.
    pub total: usize,
}

impl Score {
    /// Right answers as a whole percentage of the questions answered (`None` before the first).
    pub fn percent(&self) -> Option<usize> {
        (self.answered > 0).then(|| (self.correct * 100 + self.answered / 2) / self.answered)
    }
}

/// A wrong answer with its question, for the review page.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Review<'a> {
    /// The question.
    pub question: &'a TrainingQuestion,
    /// What was chosen.
    pub chosen: Vec<usize>,
}

/// A quiz in progress: the question order fixed by the seed, and the answers so far. It is
/// plain data, so the UI can keep it in local storage and resume it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Quiz {
    seed: u64,
    order: Vec<String>,
    answers: Vec<AnswerRecord>,
}

impl Quiz {
    /// A quiz over the selected questions in an order shuffled by `seed` (supplied by the UI;
    /// the same seed and selection always give the same order).
    pub fn new(
        bank: &QuestionBank,
        selection: &Selection,
        seed: u64,
    ) -> Result<Self, TrainingError> {
        let mut order: Vec<String> = match selection {
            Selection::All => bank.questions.iter().map(|q| q.id.clone()).collect(),
            Selection::Topic(topic) => bank
                .questions
                .iter()
                .filter(|q| q.topic == *topic)
                .map(|q| q.id.clone())
                .collect(),
            Selection::Ids(ids) => {
                let mut seen = BTreeSet::new();
                let mut out = Vec::new();
                for id in ids {
                    if bank.get(id).is_none() {
                        return Err(TrainingError::UnknownQuestion(id.clone()));
                    }
                    if seen.insert(id.as_str()) {
                        out.push(id.clone());
                    }
                }
                out
            }
        };
        if order.is_empty() {
            return Err(TrainingError::EmptySelection);
        }
        shuffle(&mut order, seed);
        Ok(Self {
            seed,
            order,
            answers: Vec::new(),
        })
    }

    /// The seed the order came from.
    pub fn seed(&self) -> u64 {
        self.seed
    }

    /// The question ids in the order asked.
    pub fn order(&self) -> &[String] {
        &self.order
    }

    /// The number of questions.
    pub fn len(&self) -> usize {
        self.order.len()
    }

    /// Whether the quiz has no questions (never true for a quiz made by `new`).
    pub fn is_empty(&self) -> bool {
        self.order.is_empty()
    }

    /// How many questions have been answered (also the 0-based position of the current one).
    pub fn position(&self) -> usize {
        self.answers.len()
    }

    /// Whether every question has been answered.
    pub fn is_finished(&self) -> bool {
        self.answers.len() >= self.order.len()
    }

    /// The id of the question to answer next.
    pub fn current_id(&self) -> Option<&str> {
        self.order.get(self.answers.len()).map(String::as_str)
    }

    /// The question to answer next.
    pub fn current<'b>(&self, bank: &'b QuestionBank) -> Option<&'b TrainingQuestion> {
        self.current_id().and_then(|id| bank.get(id))
    }

    /// Checks restored progress against the bank: every id known, every answer in range and
    /// recorded in order.
    pub fn check(&self, bank: &QuestionBank) -> Result<(), TrainingError> {
        let fits = self.answers.len() <= self.order.len()
            && self.order.iter().all(|id| bank.get(id).is_some())
            && self.answers.iter().zip(&self.order).all(|(a, id)| {
                a.question_id == *id
                    && bank.get(id).is_some_and(|q| {
                        a.chosen.iter().all(|i| *i < q.options.len())
                            && a.correct == q.is_correct(&a.chosen)
                    })
            });
        if fits {
            Ok(())
        } else {
            Err(TrainingError::StaleProgress)
        }
    }

    /// Answers the current question with the chosen option indices and moves on.
    pub fn submit(
        &mut self,
        bank: &QuestionBank,
        chosen: &[usize],
    ) -> Result<Feedback, TrainingError> {
        let id = self.current_id().ok_or(TrainingError::Finished)?;
        let question = bank
            .get(id)
            .ok_or_else(|| TrainingError::UnknownQuestion(id.to_owned()))?;
        if chosen.is_empty() {
            return Err(TrainingError::NoChoice);
        }
        if !question.multiple && chosen.len() > 1 {
            return Err(TrainingError::SingleChoice);
        }
        let mut sorted = chosen.to_vec();
        sorted.sort_unstable();
        for (i, c) in sorted.iter().enumerate() {
            if *c >= question.options.len() || (i > 0 && sorted[i - 1] == *c) {
                return Err(TrainingError::InvalidChoice(*c));
            }
        }
        let correct = question.is_correct(&sorted);
        self.answers.push(AnswerRecord {
            question_id: question.id.clone(),
            chosen: sorted,
            correct,
        });
        let mut correct_options = question.correct.clone();
        correct_options.sort_unstable();
        Ok(Feedback {
            correct,
            correct_options,
            explanation: question.explanation.clone(),
            articles: question.articles.clone(),
        })
    }

    /// Every answer given, in order.
    pub fn answers(&self) -> &[AnswerRecord] {
        &self.answers
    }

    /// The score so far.
    pub fn score(&self) -> Score {
        Score {
            correct: self.answers.iter().filter(|a| a.correct).count(),
            answered: self.answers.len(),
            total: self.order.len(),
        }
    }

    /// The wrong answers, in the order given.
    pub fn wrong_answers(&self) -> Vec<&AnswerRecord> {
        self.answers.iter().filter(|a| !a.correct).collect()
    }

    /// The wrong answers with their questions, for the review page. Answers whose question the
    /// bank no longer has are left out.
    pub fn review<'b>(&self, bank: &'b QuestionBank) -> Vec<Review<'b>> {
        self.wrong_answers()
            .into_iter()
            .filter_map(|a| {
                bank.get(&a.question_id).map(|question| Review {
                    question,
                    chosen: a.chosen.clone(),
                })
            })
            .collect()
    }

    /// A selection of the wrongly answered questions, to practise them again.
    pub fn retry_selection(&self) -> Selection {
        Selection::Ids(
            self.wrong_answers()
                .into_iter()
                .map(|a| a.question_id.clone())
                .collect(),
        )
    }
}
