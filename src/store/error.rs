//! Typed storage errors, each with the Chinese explanation the UI shows.

use indexed_db_futures::error::{DomException, Error as IdbError, OpenDbError};
use thiserror::Error;

/// Everything that can go wrong when reading or writing the browser's storage.
#[derive(Clone, Debug, PartialEq, Eq, Error)]
pub enum StoreError {
    /// The browser offers no IndexedDB (disabled by policy, some private modes, very old browsers).
    #[error(
        "此浏览器无法使用本地数据库（IndexedDB 不可用，可能处于隐私/无痕模式或被管理策略禁用）。\
         案件和草稿无法保存；规则查询、办理指引、期限计算和培训仍可使用。请改用普通窗口或联系信息通信部门。"
    )]
    Unavailable,
    /// Another open tab holds an older version of the database and blocks the upgrade.
    #[error(
        "数据库升级被另一个打开的维权工作台标签页阻止。请关闭其他维权工作台标签页，然后刷新本页。"
    )]
    Blocked,
    /// The database on this machine was written by a newer version of the app.
    #[error("本机数据库由更新版本的维权工作台创建，当前页面版本较旧。请刷新页面以加载最新版本。")]
    VersionTooNew,
    /// Another tab upgraded the database, so this tab's connection was closed.
    #[error(
        "另一个标签页已升级数据库，本页连接已关闭。请刷新页面后继续（未保存的输入请先复制留存）。"
    )]
    ClosedByUpgrade,
    /// The storage quota of this browser profile is exhausted; nothing was written.
    #[error(
        "浏览器存储空间已满，本次内容未保存（已有数据未受影响）。请删除不需要的附件或导出备份后清理，再重试。"
    )]
    QuotaExceeded,
    /// Another tab or window saved this case after it was loaded here; nothing was written.
    #[error(
        "此案件已在其他标签页或窗口中被修改（现为第{current}版），本次操作未保存。请重新载入案件后再操作。"
    )]
    Stale {
        /// The revision now stored.
        current: u32,
    },
    /// No case with this id is stored.
    #[error("找不到编号为 {0} 的案件，可能已被删除或编号有误。")]
    NotFound(String),
    /// A case with this id already exists; nothing was written.
    #[error("编号为 {0} 的案件已经存在，未重复创建。")]
    Duplicate(String),
    /// A stored record could not be read back into the app's types.
    #[error("读取本地数据时发现无法识别的记录（{0}）。数据未被修改；请导出备份并联系维护人员。")]
    Corrupt(String),
    /// Any other failure reported by the browser.
    #[error("本地数据库操作失败：{0}。数据未被修改，请重试；如反复出现请刷新页面。")]
    Other(String),
}

impl From<IdbError> for StoreError {
    fn from(e: IdbError) -> Self {
        match &e {
            IdbError::DomException(DomException::Other(sys))
                if sys.name() == "QuotaExceededError" =>
            {
                Self::QuotaExceeded
            }
            IdbError::DomException(DomException::InvalidStateError(_)) => Self::ClosedByUpgrade,
            IdbError::DomException(DomException::DataCloneError(_))
            | IdbError::Serialisation(_)
            | IdbError::MissingData(_) => Self::Corrupt(e.to_string()),
            IdbError::DomException(DomException::AbortError(sys))
                if sys.message().contains("Quota") =>
            {
                Self::QuotaExceeded
            }
            _ => Self::Other(e.to_string()),
        }
    }
}

impl From<OpenDbError> for StoreError {
    fn from(e: OpenDbError) -> Self {
        match e {
            OpenDbError::NullFactory | OpenDbError::UnsupportedEnvironment => Self::Unavailable,
            // indexed_db_futures 0.6 reports any exception thrown by `indexedDB.open` as
            // VersionZero (the app never asks for version 0): private modes and policies that
            // throw a SecurityError land here.
            OpenDbError::VersionZero => Self::Unavailable,
            // The request failed: the profile's database cannot be opened (permission denied,
            // backing store unwritable).
            OpenDbError::Base(IdbError::DomException(DomException::Other(sys)))
                if matches!(
                    sys.name().as_str(),
                    "UnknownError" | "SecurityError" | "NotAllowedError"
                ) =>
            {
                Self::Unavailable
            }
            OpenDbError::Base(IdbError::DomException(DomException::Other(sys)))
                if sys.name() == "VersionError" =>
            {
                Self::VersionTooNew
            }
            OpenDbError::Base(IdbError::DomException(DomException::InvalidStateError(_))) => {
                Self::Unavailable
            }
            OpenDbError::Base(base) => base.into(),
        }
    }
}
