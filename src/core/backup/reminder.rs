//! When to remind the user to back up: there are cases, and no backup was made in the last
//! [`REMINDER_DAYS`] days (or ever). `today` is a parameter: the core reads no clock.

use chrono::{NaiveDate, NaiveDateTime};

/// Days after the last backup from which the reminder shows.
pub const REMINDER_DAYS: i64 = 30;

/// A reminder to show.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct BackupReminder {
    /// Whole days since the last backup; `None` if none was ever made here.
    pub days_since: Option<i64>,
    /// The reminder, in Chinese.
    pub message: String,
}

/// The reminder for `cases` stored cases whose last backup was at `last` (Asia/Shanghai), seen
/// on `today`; `None` when there is nothing to back up or a backup is recent enough. A last
/// backup dated after `today` (a clock set back) counts as recent.
pub fn backup_reminder(
    cases: usize,
    last: Option<NaiveDateTime>,
    today: NaiveDate,
) -> Option<BackupReminder> {
    if cases == 0 {
        return None;
    }
    match last {
        None => Some(BackupReminder {
            days_since: None,
            message: format!(
                "本机保存着{cases}件案件，但还从未备份过。浏览器数据一旦被清除就无法找回，请到“设置 → 备份与恢复”下载备份文件，并存放到安全的位置。"
            ),
        }),
        Some(at) => {
            let days = (today - at.date()).num_days();
            (days >= REMINDER_DAYS).then(|| BackupReminder {
                days_since: Some(days),
                message: format!(
                    "上次备份是{days}天前（{}）。本机保存着{cases}件案件，请到“设置 → 备份与恢复”重新下载备份文件。",
                    at.format("%Y年%-m月%-d日")
                ),
            })
        }
    }
}
