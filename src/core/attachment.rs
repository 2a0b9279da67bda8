//! Evidence files on a case (第三十条: the application comes with its evidence): which files are
//! accepted, the limits per file and per case, the display name of an uploaded file, its SHA-256
//! checksum, and the amended facts that add or remove a file. The bytes themselves live in the
//! store; a change is recorded as a `FactsAmended` event, never by rewriting the history.

use sha2::{Digest, Sha256};

use super::case::{
    AttachmentRef, CaseFacts, Evidence, MAX_ATTACHMENT_BYTES, MAX_ATTACHMENTS_PER_EVIDENCE,
    MAX_DESCRIPTION_CHARS, MAX_EVIDENCE_ITEMS, MAX_FILE_NAME_CHARS,
};

/// Most files on one case: enough for the photos, documents and recordings of one incident,
/// while a case still loads quickly.
pub const MAX_ATTACHMENTS_PER_CASE: usize = 100;
/// Most bytes of files on one case (500 MiB), so one case cannot fill the browser's storage.
pub const MAX_CASE_ATTACHMENT_BYTES: u64 = 500 * 1024 * 1024;

/// Most files an applicant attaches to one application on `/apply`: they travel embedded in
/// the package, so the file stays small enough to hand over on a USB stick or by mail.
pub const MAX_APPLICATION_FILES: usize = 20;
/// Most bytes of files in one application (30 MiB; about 40 MB once embedded as base64).
pub const MAX_APPLICATION_FILE_BYTES: u64 = 30 * 1024 * 1024;

/// The accepted file types: (MIME type, Chinese name, file name extensions).
pub const ALLOWED_TYPES: &[(&str, &str, &[&str])] = &[
    ("image/jpeg", "JPEG 图片", &["jpg", "jpeg"]),
    ("image/png", "PNG 图片", &["png"]),
    ("image/webp", "WebP 图片", &["webp"]),
    ("application/pdf", "PDF 文档", &["pdf"]),
    ("audio/mpeg", "MP3 音频", &["mp3"]),
    ("audio/mp4", "M4A 音频", &["m4a"]),
    ("audio/wav", "WAV 音频", &["wav"]),
    ("audio/x-wav", "WAV 音频", &[]),
    ("audio/wave", "WAV 音频", &[]),
    ("audio/webm", "WebM 音频", &["weba"]),
    ("video/mp4", "MP4 视频", &["mp4"]),
];

/// The accepted types as the user reads them, e.g. for the hint under the file input.
pub fn allowed_types_text() -> String {
    "JPEG、PNG、WebP 图片，PDF 文档，MP3、M4A、WAV、WebM 音频，MP4 视频".to_owned()
}

/// The `accept` attribute of a file input: every accepted MIME type and extension.
pub fn accept_attribute() -> String {
    let mut parts: Vec<String> = ALLOWED_TYPES
        .iter()
        .map(|(m, _, _)| (*m).to_owned())
        .collect();
    for (_, _, exts) in ALLOWED_TYPES {
        parts.extend(exts.iter().map(|e| format!(".{e}")));
    }
    parts.join(",")
}

/// The Chinese name of an accepted MIME type; `None` for a type that is not accepted.
pub fn type_label(mime: &str) -> Option<&'static str> {
    let mime = mime.trim().to_ascii_lowercase();
    ALLOWED_TYPES
        .iter()
        .find(|(m, _, _)| *m == mime)
        .map(|(_, label, _)| *label)
}

/// Whether the type is an image the page may preview.
pub fn is_image(mime: &str) -> bool {
    mime.trim().to_ascii_lowercase().starts_with("image/") && type_label(mime).is_some()
}

/// The MIME type of a file: the one the browser reported, or, when it reported none, the one its
/// extension names (`""` when neither is known).
pub fn effective_mime(reported: &str, file_name: &str) -> String {
    let reported = reported.trim().to_ascii_lowercase();
    if !reported.is_empty() {
        return reported;
    }
    let ext = file_name
        .rsplit_once('.')
        .map(|(_, e)| e.to_ascii_lowercase())
        .unwrap_or_default();
    ALLOWED_TYPES
        .iter()
        .find(|(_, _, exts)| exts.contains(&ext.as_str()))
        .map(|(m, _, _)| (*m).to_owned())
        .unwrap_or_default()
}

/// The file name to store and show: the last path part only (some browsers report a full
/// path), without control characters, trimmed and cut to [`MAX_FILE_NAME_CHARS`].
pub fn display_name(raw: &str) -> String {
    let last = raw.rsplit(['/', '\\']).next().unwrap_or_default();
    let clean: String = last.chars().filter(|c| !c.is_control()).collect();
    let cut: String = clean.trim().chars().take(MAX_FILE_NAME_CHARS).collect();
    let cut = cut.trim().to_owned();
    if cut.is_empty() {
        "未命名文件".to_owned()
    } else {
        cut
    }
}

/// The SHA-256 checksum of a file's bytes, as 64 lowercase hex digits.
pub fn attachment_checksum(bytes: &[u8]) -> String {
    Sha256::digest(bytes)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// A size as people read it: `512 B`, `12.5 KB`, `3.2 MB` (1 KB = 1024 B).
pub fn size_text(bytes: u64) -> String {
    const KB: u64 = 1024;
    const MB: u64 = 1024 * 1024;
    if bytes < KB {
        format!("{bytes} B")
    } else if bytes < MB {
        format!("{:.1} KB", bytes as f64 / KB as f64)
    } else {
        format!("{:.1} MB", bytes as f64 / MB as f64)
    }
}

/// Which evidence item new files go to.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum EvidenceTarget {
    /// The item at this index of the case's evidence.
    Existing(usize),
    /// A new item with this description.
    New(String),
}

/// Why a file was not attached or removed, in Chinese.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum AttachmentRefusal {
    /// The type is not among [`ALLOWED_TYPES`].
    #[error("“{name}”的文件类型（{mime}）不能作为证据材料上传。可以上传：{allowed}。")]
    TypeNotAllowed {
        /// The file name.
        name: String,
        /// The type the browser reported (or 未知).
        mime: String,
        /// The accepted types.
        allowed: String,
    },
    /// The file is empty.
    #[error("“{name}”是空文件，未上传。")]
    Empty {
        /// The file name.
        name: String,
    },
    /// The file is larger than [`MAX_ATTACHMENT_BYTES`].
    #[error("“{name}”有{size}，超过单个文件{limit}的上限，未上传。视频请先剪取相关片段。")]
    TooLarge {
        /// The file name.
        name: String,
        /// Its size, as text.
        size: String,
        /// The limit, as text.
        limit: String,
    },
    /// The case already has [`MAX_ATTACHMENTS_PER_CASE`] files.
    #[error("“{name}”未上传：每个案件最多保存{MAX_ATTACHMENTS_PER_CASE}个证据文件。")]
    TooManyOnCase {
        /// The file name.
        name: String,
    },
    /// The evidence item already has [`MAX_ATTACHMENTS_PER_EVIDENCE`] files.
    #[error("“{name}”未上传：每项证据最多附{MAX_ATTACHMENTS_PER_EVIDENCE}个文件，请新建一项证据。")]
    TooManyOnEvidence {
        /// The file name.
        name: String,
    },
    /// The case's files would exceed [`MAX_CASE_ATTACHMENT_BYTES`].
    #[error("“{name}”未上传：每个案件的证据文件合计不能超过{limit}（已用{used}）。")]
    CaseTooLarge {
        /// The file name.
        name: String,
        /// The bytes already used, as text.
        used: String,
        /// The limit, as text.
        limit: String,
    },
    /// The application already has [`MAX_APPLICATION_FILES`] files.
    #[error("“{name}”未添加：每份申请最多附{MAX_APPLICATION_FILES}个文件。")]
    TooManyInApplication {
        /// The file name.
        name: String,
    },
    /// The application's files would exceed [`MAX_APPLICATION_FILE_BYTES`].
    #[error(
        "“{name}”未添加：一份申请的附件合计不能超过{limit}（已用{used}），视频请先剪取相关片段。"
    )]
    ApplicationTooLarge {
        /// The file name.
        name: String,
        /// The bytes already used, as text.
        used: String,
        /// The limit, as text.
        limit: String,
    },
    /// The chosen evidence item does not exist.
    #[error("所选的证据项不存在，请重新选择。")]
    NoSuchEvidence,
    /// A new evidence item needs a description.
    #[error("请填写新证据项的说明（例如：现场照片）。")]
    DescriptionMissing,
    /// A new evidence item's description is too long.
    #[error("证据项的说明不能超过{MAX_DESCRIPTION_CHARS}个字。")]
    DescriptionTooLong,
    /// The case already has [`MAX_EVIDENCE_ITEMS`] evidence items.
    #[error("每个案件最多{MAX_EVIDENCE_ITEMS}项证据，请把文件归入已有的证据项。")]
    TooManyEvidenceItems,
    /// No file with this id is on the case.
    #[error("案件中没有这个文件，可能已被删除。")]
    NotOnCase,
}

/// Every file on the case, in evidence order.
pub fn case_attachments(facts: &CaseFacts) -> Vec<&AttachmentRef> {
    facts
        .evidence
        .iter()
        .flat_map(|e| e.attachments.iter())
        .collect()
}

/// Checks one file against the limits, counting the files already on the case and those
/// accepted earlier in the same upload (`pending`). 第三十条: only evidence files are kept.
pub fn check_file(
    facts: &CaseFacts,
    target: &EvidenceTarget,
    pending: &[AttachmentRef],
    file: &AttachmentRef,
) -> Result<(), AttachmentRefusal> {
    let name = file.file_name.clone();
    if type_label(&file.mime).is_none() {
        let mime = if file.mime.trim().is_empty() {
            "未知".to_owned()
        } else {
            file.mime.trim().to_owned()
        };
        return Err(AttachmentRefusal::TypeNotAllowed {
            name,
            mime,
            allowed: allowed_types_text(),
        });
    }
    if file.size == 0 {
        return Err(AttachmentRefusal::Empty { name });
    }
    if file.size > MAX_ATTACHMENT_BYTES {
        return Err(AttachmentRefusal::TooLarge {
            name,
            size: size_text(file.size),
            limit: size_text(MAX_ATTACHMENT_BYTES),
        });
    }
    let existing = case_attachments(facts);
    if existing.len() + pending.len() >= MAX_ATTACHMENTS_PER_CASE {
        return Err(AttachmentRefusal::TooManyOnCase { name });
    }
    let on_target = match target {
        EvidenceTarget::Existing(i) => facts
            .evidence
            .get(*i)
            .map(|e| e.attachments.len())
            .ok_or(AttachmentRefusal::NoSuchEvidence)?,
        EvidenceTarget::New(_) => 0,
    };
    if on_target + pending.len() >= MAX_ATTACHMENTS_PER_EVIDENCE {
        return Err(AttachmentRefusal::TooManyOnEvidence { name });
    }
    let used: u64 =
        existing.iter().map(|a| a.size).sum::<u64>() + pending.iter().map(|a| a.size).sum::<u64>();
    if used + file.size > MAX_CASE_ATTACHMENT_BYTES {
        return Err(AttachmentRefusal::CaseTooLarge {
            name,
            used: size_text(used),
            limit: size_text(MAX_CASE_ATTACHMENT_BYTES),
        });
    }
    Ok(())
}

/// Checks the target itself: an existing item, or a new one with a fitting description.
pub fn check_target(facts: &CaseFacts, target: &EvidenceTarget) -> Result<(), AttachmentRefusal> {
    match target {
        EvidenceTarget::Existing(i) if *i < facts.evidence.len() => Ok(()),
        EvidenceTarget::Existing(_) => Err(AttachmentRefusal::NoSuchEvidence),
        EvidenceTarget::New(description) => {
            let description = description.trim();
            if description.is_empty() {
                Err(AttachmentRefusal::DescriptionMissing)
            } else if description.chars().count() > MAX_DESCRIPTION_CHARS {
                Err(AttachmentRefusal::DescriptionTooLong)
            } else if facts.evidence.len() >= MAX_EVIDENCE_ITEMS {
                Err(AttachmentRefusal::TooManyEvidenceItems)
            } else {
                Ok(())
            }
        }
    }
}

/// The facts with `files` added to the target evidence item, every file checked first; the
/// caller records the result as a `FactsAmended` event so the history keeps the earlier facts.
pub fn with_attachments(
    facts: &CaseFacts,
    target: &EvidenceTarget,
    files: &[AttachmentRef],
) -> Result<CaseFacts, AttachmentRefusal> {
    check_target(facts, target)?;
    for (i, file) in files.iter().enumerate() {
        check_file(facts, target, &files[..i], file)?;
    }
    let mut next = facts.clone();
    let cleaned = files.iter().map(|f| AttachmentRef {
        id: f.id.clone(),
        file_name: display_name(&f.file_name),
        mime: f.mime.trim().to_ascii_lowercase(),
        size: f.size,
    });
    match target {
        EvidenceTarget::Existing(i) => {
            if let Some(item) = next.evidence.get_mut(*i) {
                item.attachments.extend(cleaned);
            }
        }
        EvidenceTarget::New(description) => next.evidence.push(Evidence {
            description: description.trim().to_owned(),
            attachments: cleaned.collect(),
        }),
    }
    Ok(next)
}

/// The facts without the file `id` (its evidence item stays, with its description); recorded
/// as a `FactsAmended` event, so the history still shows that the file was once attached.
pub fn without_attachment(facts: &CaseFacts, id: &str) -> Result<CaseFacts, AttachmentRefusal> {
    let mut next = facts.clone();
    let mut found = false;
    for item in &mut next.evidence {
        let before = item.attachments.len();
        item.attachments.retain(|a| a.id != id);
        found |= item.attachments.len() != before;
    }
    if found {
        Ok(next)
    } else {
        Err(AttachmentRefusal::NotOnCase)
    }
}

/// Checks one file an applicant adds on `/apply` against the type rules and the application's
/// limits ([`MAX_APPLICATION_FILES`], [`MAX_APPLICATION_FILE_BYTES`]), counting the files already
/// attached (`existing`) and those accepted earlier in the same choice (`pending`).
pub fn check_application_file(
    existing: &[AttachmentRef],
    pending: &[AttachmentRef],
    file: &AttachmentRef,
) -> Result<(), AttachmentRefusal> {
    let name = file.file_name.clone();
    if type_label(&file.mime).is_none() {
        let mime = if file.mime.trim().is_empty() {
            "未知".to_owned()
        } else {
            file.mime.trim().to_owned()
        };
        return Err(AttachmentRefusal::TypeNotAllowed {
            name,
            mime,
            allowed: allowed_types_text(),
        });
    }
    if file.size == 0 {
        return Err(AttachmentRefusal::Empty { name });
    }
    if existing.len() + pending.len() >= MAX_APPLICATION_FILES {
        return Err(AttachmentRefusal::TooManyInApplication { name });
    }
    let used: u64 = existing.iter().chain(pending).map(|a| a.size).sum();
    if used + file.size > MAX_APPLICATION_FILE_BYTES {
        return Err(AttachmentRefusal::ApplicationTooLarge {
            name,
            used: size_text(used),
            limit: size_text(MAX_APPLICATION_FILE_BYTES),
        });
    }
    Ok(())
}
