//! The unit's settings (name, level, operator, the amount from which a property loss counts as
//! large under 第十三条, the prefix of its document numbers) and their validation.
//!
//! Raw input as typed (`SettingsInput`) is validated into `Settings`; every problem is reported
//! at once so the form can show them all, each tied to its field.

use serde::{Deserialize, Serialize};

use crate::core::case::{CasePolicy, Money, parse_yuan};

/// Longest unit name accepted. Real names ("嘉兴市公安局南湖区分局") are far shorter; the
/// limit keeps a pasted document from ending up in the page header.
pub const MAX_UNIT_NAME_CHARS: usize = 40;
/// Longest operator name accepted.
pub const MAX_OPERATOR_CHARS: usize = 20;
/// Longest document-number prefix accepted (「嘉公维」, 「嘉公南维」: a few characters).
pub const MAX_NUMBER_PREFIX_CHARS: usize = 12;

/// The level of the unit whose 维权委 and 维权办 use the app.
/// 第六条: 市县两级公安机关以及市局交警支队 each set up a 维权委 and a 维权办.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, Default)]
pub enum UnitLevel {
    /// 市局: the 嘉兴市公安局 itself.
    #[default]
    City,
    /// 县(市、区)局: a county-level bureau or 分局.
    County,
    /// 交警支队: the city traffic police detachment (第六条, last sentence).
    TrafficDetachment,
}

impl UnitLevel {
    /// Every level, in the order the settings form lists them.
    pub const ALL: [UnitLevel; 3] = [Self::City, Self::County, Self::TrafficDetachment];

    /// The Chinese label shown in the UI.
    pub fn label(self) -> &'static str {
        match self {
            Self::City => "市局",
            Self::County => "县(市、区)局",
            Self::TrafficDetachment => "交警支队",
        }
    }

    /// A stable key for forms and storage.
    pub fn key(self) -> &'static str {
        match self {
            Self::City => "city",
            Self::County => "county",
            Self::TrafficDetachment => "traffic",
        }
    }

    /// The level whose key is `key`, if any.
    pub fn from_key(key: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|l| l.key() == key)
    }
}

/// Validated settings, as stored.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Settings {
    /// The unit's name, shown in the header and on printed documents.
    pub unit_name: String,
    /// The unit's level.
    pub unit_level: UnitLevel,
    /// Who is operating the app; recorded as the actor of case events.
    pub operator: String,
    /// 第十三条 「财产受到较大损失」: the loss (inclusive) from which the unit treats a loss as
    /// large. The 细则 names no amount; `None` until the unit sets one (settings saved before
    /// this field existed read as `None`).
    #[serde(default)]
    pub large_loss: Option<Money>,
    /// The prefix of the unit's document numbers (「嘉公维」 prints 「嘉公维〔2026〕第3号」);
    /// `None` prints 「〔2026〕第3号」 (settings saved before this field existed read as `None`).
    #[serde(default)]
    pub number_prefix: Option<String>,
}

impl Settings {
    /// The unit's case-handling parameters.
    pub fn case_policy(&self) -> CasePolicy {
        CasePolicy {
            large_loss: self.large_loss,
        }
    }
}

/// Settings as typed into the form, before validation.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct SettingsInput {
    /// Unit name as typed.
    pub unit_name: String,
    /// Unit level key as chosen (see [`UnitLevel::key`]).
    pub unit_level: String,
    /// Operator name as typed.
    pub operator: String,
    /// 第十三条's large-loss amount in yuan as typed; empty for "not set".
    pub large_loss_yuan: String,
    /// The document-number prefix as typed; empty for none.
    pub number_prefix: String,
}

/// Which field a problem concerns.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SettingsField {
    /// The unit name.
    UnitName,
    /// The unit level.
    UnitLevel,
    /// The operator name.
    Operator,
    /// The large-loss amount of 第十三条.
    LargeLoss,
    /// The document-number prefix.
    NumberPrefix,
}

impl SettingsField {
    /// The id of the form control, so an error summary can link to it.
    pub fn control_id(self) -> &'static str {
        match self {
            Self::UnitName => "unit-name",
            Self::UnitLevel => "unit-level",
            Self::Operator => "operator",
            Self::LargeLoss => "large-loss",
            Self::NumberPrefix => "number-prefix",
        }
    }
}

/// One problem with the input, in Chinese.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Issue {
    /// The field at fault.
    pub field: SettingsField,
    /// What is wrong and how to fix it.
    pub message: String,
}

impl From<&Settings> for SettingsInput {
    fn from(s: &Settings) -> Self {
        Self {
            unit_name: s.unit_name.clone(),
            unit_level: s.unit_level.key().to_owned(),
            operator: s.operator.clone(),
            large_loss_yuan: s.large_loss.map(Money::yuan_text).unwrap_or_default(),
            number_prefix: s.number_prefix.clone().unwrap_or_default(),
        }
    }
}

/// Collapses runs of white space (including the ideographic space U+3000) into one ASCII space
/// and trims the ends, so "嘉兴市 公安局　" and "嘉兴市 公安局" are stored alike.
pub fn normalize_name(raw: &str) -> String {
    raw.split(|c: char| c.is_whitespace())
        .filter(|s| !s.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}

fn check_name(
    raw: &str,
    field: SettingsField,
    what: &str,
    max: usize,
    issues: &mut Vec<Issue>,
) -> String {
    let name = normalize_name(raw);
    let mut problem = |message: String| issues.push(Issue { field, message });
    if name.is_empty() {
        problem(format!("请填写{what}。"));
    } else if name.chars().count() > max {
        problem(format!(
            "{what}不能超过{max}个字（现在是{}个字）。",
            name.chars().count()
        ));
    } else if name.chars().any(char::is_control) {
        problem(format!("{what}含有不可见的控制字符，请重新输入。"));
    }
    name
}

/// 第十三条's amount: empty is "not set"; otherwise an amount in yuan above zero.
fn check_large_loss(raw: &str, issues: &mut Vec<Issue>) -> Option<Money> {
    if raw.trim().is_empty() {
        return None;
    }
    let mut problem = |message: String| {
        issues.push(Issue {
            field: SettingsField::LargeLoss,
            message,
        })
    };
    match parse_yuan(raw) {
        Ok(m) if m == Money::ZERO => {
            problem("“较大损失”的金额标准应大于0元；暂不设定请留空。".to_owned());
            None
        }
        Ok(m) => Some(m),
        Err(e) => {
            problem(format!("“较大损失”的金额标准：{e}。"));
            None
        }
    }
}

/// The document-number prefix: empty is "none"; otherwise letters and digits only (Chinese
/// characters count as letters), so nothing but the prefix itself can reach a printed number.
fn check_number_prefix(raw: &str, issues: &mut Vec<Issue>) -> Option<String> {
    let prefix = raw.trim();
    if prefix.is_empty() {
        return None;
    }
    let mut problem = |message: String| {
        issues.push(Issue {
            field: SettingsField::NumberPrefix,
            message,
        })
    };
    let count = prefix.chars().count();
    if count > MAX_NUMBER_PREFIX_CHARS {
        problem(format!(
            "文号前缀不能超过{MAX_NUMBER_PREFIX_CHARS}个字（现在是{count}个字）。"
        ));
        None
    } else if !prefix.chars().all(char::is_alphanumeric) {
        problem(
            "文号前缀只能由汉字、字母和数字组成（如“嘉公维”），年份和序号“〔2026〕第1号”由系统生成。"
                .to_owned(),
        );
        None
    } else {
        Some(prefix.to_owned())
    }
}

/// Validates the form input, reporting every problem at once.
pub fn validate(input: &SettingsInput) -> Result<Settings, Vec<Issue>> {
    let mut issues = Vec::new();
    let unit_name = check_name(
        &input.unit_name,
        SettingsField::UnitName,
        "单位名称",
        MAX_UNIT_NAME_CHARS,
        &mut issues,
    );
    let unit_level = UnitLevel::from_key(&input.unit_level);
    if unit_level.is_none() {
        issues.push(Issue {
            field: SettingsField::UnitLevel,
            message: "请选择单位层级：市局、县(市、区)局或交警支队。".to_owned(),
        });
    }
    let operator = check_name(
        &input.operator,
        SettingsField::Operator,
        "操作人姓名",
        MAX_OPERATOR_CHARS,
        &mut issues,
    );
    let large_loss = check_large_loss(&input.large_loss_yuan, &mut issues);
    let number_prefix = check_number_prefix(&input.number_prefix, &mut issues);
    match unit_level {
        Some(unit_level) if issues.is_empty() => Ok(Settings {
            unit_name,
            unit_level,
            operator,
            large_loss,
            number_prefix,
        }),
        _ => Err(issues),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn input(name: &str, level: &str, operator: &str) -> SettingsInput {
        SettingsInput {
            unit_name: name.to_owned(),
            unit_level: level.to_owned(),
            operator: operator.to_owned(),
            large_loss_yuan: String::new(),
            number_prefix: String::new(),
        }
    }

    #[test]
    fn valid_input_is_normalized_and_accepted() {
        let s = validate(&input("  嘉兴市公安局　南湖区分局 ", "county", " 张 三 ")).unwrap();
        assert_eq!(s.unit_name, "嘉兴市公安局 南湖区分局");
        assert_eq!(s.unit_level, UnitLevel::County);
        assert_eq!(s.operator, "张 三");
    }

    #[test]
    fn every_problem_is_reported_at_once() {
        let issues = validate(&input("   ", "province", "")).unwrap_err();
        let fields: Vec<_> = issues.iter().map(|i| i.field).collect();
        assert_eq!(
            fields,
            vec![
                SettingsField::UnitName,
                SettingsField::UnitLevel,
                SettingsField::Operator
            ]
        );
        assert!(issues[0].message.contains("单位名称"));
    }

    #[test]
    fn overlong_names_are_refused_with_the_count() {
        let long = "嘉".repeat(MAX_UNIT_NAME_CHARS + 1);
        let issues = validate(&input(&long, "city", "李四")).unwrap_err();
        assert_eq!(issues.len(), 1);
        assert!(issues[0].message.contains("41"), "{}", issues[0].message);
    }

    #[test]
    fn control_characters_are_refused() {
        let issues = validate(&input("嘉兴\u{0007}市局", "city", "李四")).unwrap_err();
        assert_eq!(issues[0].field, SettingsField::UnitName);
    }

    #[test]
    fn level_keys_round_trip() {
        for level in UnitLevel::ALL {
            assert_eq!(UnitLevel::from_key(level.key()), Some(level));
        }
        assert_eq!(UnitLevel::from_key(""), None);
    }

    #[test]
    fn settings_round_trip_through_the_form_input() {
        let s = validate(&input("嘉兴市公安局", "traffic", "王五")).unwrap();
        assert_eq!(validate(&SettingsInput::from(&s)), Ok(s));
    }

    #[test]
    fn the_large_loss_amount_is_optional_validated_and_becomes_the_case_policy() {
        let mut typed = input("嘉兴市公安局", "city", "王五");
        let unset = validate(&typed).unwrap();
        assert_eq!(unset.large_loss, None);
        assert_eq!(unset.case_policy(), CasePolicy { large_loss: None });
        typed.large_loss_yuan = " 5000.5元 ".into();
        let set = validate(&typed).unwrap();
        assert_eq!(set.large_loss, Some(Money::from_fen(500_050)));
        assert_eq!(set.case_policy().large_loss, Some(Money::from_fen(500_050)));
        assert_eq!(SettingsInput::from(&set).large_loss_yuan, "5000.50");
        assert_eq!(validate(&SettingsInput::from(&set)), Ok(set));
        for bad in ["0", "-100", "五千", "1.234", "99999999999999"] {
            typed.large_loss_yuan = bad.into();
            let issues = validate(&typed).unwrap_err();
            assert_eq!(issues.len(), 1, "{bad}");
            assert_eq!(issues[0].field.control_id(), "large-loss");
            assert!(issues[0].message.contains("较大损失"), "{bad}");
        }
    }

    #[test]
    fn settings_saved_before_the_large_loss_field_still_load() {
        let old = r#"{"unit_name":"嘉兴市公安局","unit_level":"City","operator":"王五"}"#;
        let s: Settings = serde_json::from_str(old).unwrap();
        assert_eq!(s.large_loss, None);
        assert_eq!(s.number_prefix, None);
    }

    #[test]
    fn the_number_prefix_is_optional_and_only_letters_and_digits() {
        let mut typed = input("嘉兴市公安局", "city", "王五");
        assert_eq!(validate(&typed).unwrap().number_prefix, None);
        typed.number_prefix = "  嘉公维 ".into();
        let set = validate(&typed).unwrap();
        assert_eq!(set.number_prefix.as_deref(), Some("嘉公维"));
        assert_eq!(SettingsInput::from(&set).number_prefix, "嘉公维");
        assert_eq!(validate(&SettingsInput::from(&set)), Ok(set));
        typed.number_prefix = "JXGA2".into();
        assert_eq!(
            validate(&typed).unwrap().number_prefix.as_deref(),
            Some("JXGA2")
        );
        for bad in [
            "嘉公 维",
            "嘉公维〔",
            "<b>",
            "嘉\u{0007}",
            "嘉公维嘉公维嘉公维嘉公维嘉",
        ] {
            typed.number_prefix = bad.into();
            let issues = validate(&typed).unwrap_err();
            assert_eq!(issues.len(), 1, "{bad}");
            assert_eq!(issues[0].field.control_id(), "number-prefix");
            assert!(issues[0].message.contains("文号前缀"), "{bad}");
        }
    }
}
