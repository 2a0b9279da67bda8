//! The guide's state in the address: every answer as `question_id=option` (several options
//! joined with commas, a date as `YYYY-MM-DD`), plus `step=` for the screen shown and
//! `return=check` while changing an answer from the check page. A trainer can share a scenario
//! as a link, and reloading keeps every answer.

use chrono::NaiveDate;
use leptos_router::params::ParamsMap;

use crate::core::guide::{Answers, QuestionId, QuestionKind, Response, questions};
use crate::ui::routes::AppRoute;

/// Which screen the address asks for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Step {
    /// No `step=`: wherever the answers lead (the start page when there are none).
    Auto,
    /// `step=start`: the start page.
    Start,
    /// `step=<question id>`: one question.
    Question(QuestionId),
    /// `step=check`: the answers on one page, with change links.
    Check,
    /// `step=result`: the outcome.
    Result,
}

impl Step {
    fn key(self) -> Option<&'static str> {
        match self {
            Self::Auto => None,
            Self::Start => Some("start"),
            Self::Question(id) => Some(id.id()),
            Self::Check => Some("check"),
            Self::Result => Some("result"),
        }
    }

    fn parse(value: Option<&str>) -> Self {
        match value {
            None | Some("") => Self::Auto,
            Some("start") => Self::Start,
            Some("check") => Self::Check,
            Some("result") => Self::Result,
            Some(other) => QuestionId::parse(other).map_or(Self::Auto, Self::Question),
        }
    }
}

/// Everything the guide keeps in the address.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct GuideUrl {
    /// The answers given so far (unchecked: `evaluate` ignores what does not fit the flow).
    pub answers: Answers,
    /// The screen asked for.
    pub step: Step,
    /// Whether "continue" should come back to the check page (after a change link).
    pub return_to_check: bool,
}

const STEP: &str = "step";
const RETURN: &str = "return";

impl GuideUrl {
    /// Reads the state from the query string. Values that cannot be an answer of the
    /// question's kind (a malformed date) are dropped; option ids are kept as given and
    /// checked by the core.
    pub fn from_query(query: &ParamsMap) -> Self {
        let mut answers = Answers::new();
        for q in questions() {
            if let Some(value) = query.get_str(q.id.id())
                && let Some(response) = parse_response(q.kind, value)
            {
                answers.insert(q.id, response);
            }
        }
        Self {
            answers,
            step: Step::parse(query.get_str(STEP)),
            return_to_check: query.get_str(RETURN) == Some("check"),
        }
    }

    /// The address of `step` with these answers.
    pub fn href(answers: &Answers, step: Step, return_to_check: bool) -> String {
        let mut parts: Vec<String> = questions()
            .iter()
            .filter_map(|q| {
                answers
                    .get(q.id)
                    .map(|r| format!("{}={}", q.id.id(), encode_response(r)))
            })
            .collect();
        if let Some(key) = step.key() {
            parts.push(format!("{STEP}={key}"));
        }
        if return_to_check {
            parts.push(format!("{RETURN}=check"));
        }
        if parts.is_empty() {
            AppRoute::Guide.href()
        } else {
            format!("{}?{}", AppRoute::Guide.href(), parts.join("&"))
        }
    }
}

fn parse_response(kind: QuestionKind, value: &str) -> Option<Response> {
    match kind {
        QuestionKind::Single => (!value.is_empty()).then(|| Response::One(value.to_owned())),
        QuestionKind::Multiple { .. } => Some(Response::Many(
            value
                .split(',')
                .filter(|s| !s.is_empty())
                .map(str::to_owned)
                .collect(),
        )),
        QuestionKind::Date => value.parse::<NaiveDate>().ok().map(Response::Date),
    }
}

fn encode_response(response: &Response) -> String {
    match response {
        Response::One(id) => encode(id),
        Response::Many(ids) => ids
            .iter()
            .map(|id| encode(id))
            .collect::<Vec<_>>()
            .join(","),
        Response::Date(d) => d.to_string(),
    }
}

/// Percent-encodes a value: option ids are plain ASCII, but an address may carry anything.
fn encode(value: &str) -> String {
    js_sys::encode_uri_component(value).into()
}
