//! `DraftEvidence`: evidence files attached before a case exists — on the wizard's evidence
//! screen (`/apply`) and on the office's intake form (`/cases/new`). Each choice of files becomes
//! one evidence item with what the files show; the bytes are kept in IndexedDB under the draft
//! (`store::attachments`, `draft_id`), the references in the draft's evidence rows (which the
//! page saves with its draft), so both survive a closed browser. The limits are the core's
//! (`core::application::add_evidence_files`).

use leptos::prelude::*;
use leptos::task::spawn_local;
use wasm_bindgen::JsCast;

use crate::core::application::{add_evidence_files, remove_evidence_file};
use crate::core::attachment::{
    MAX_APPLICATION_FILE_BYTES, MAX_APPLICATION_FILES, accept_attribute, allowed_types_text,
    attachment_checksum, display_name, effective_mime, size_text, type_label,
};
use crate::core::case::{AttachmentRef, EvidenceInput};
use crate::store::attachments::{self, AttachmentMeta, AttachmentRecord};
use crate::ui::clock::now_shanghai;
use crate::ui::components::error_summary::FieldError;
use crate::ui::state::{DbState, use_db};

fn new_id(n: usize) -> String {
    let ms = js_sys::Date::now() as u64;
    let random = (js_sys::Math::random() * f64::from(u32::MAX)) as u32;
    format!("att-{ms:x}-{random:08x}-{n}")
}

/// The evidence files of draft `draft`. A file stored whose reference the page then fails to
/// save stays under the draft and goes when the draft is deleted.
#[component]
pub fn DraftEvidence(
    /// The draft's id, kept on every stored file.
    draft: String,
    /// The draft's evidence rows.
    evidence: Signal<Vec<EvidenceInput>>,
    /// Takes the new rows once the files are stored (the page saves its draft).
    set_evidence: Callback<Vec<EvidenceInput>>,
    /// The form's errors (an `evidence` entry is shown here).
    errors: RwSignal<Vec<FieldError>>,
) -> impl IntoView {
    let db = use_db().0;
    let description = RwSignal::new("证据材料".to_owned());
    let busy = RwSignal::new(false);
    let info = RwSignal::new(None::<String>);
    let problems = RwSignal::new(Vec::<String>::new());
    let draft = StoredValue::new(draft);

    let on_files = move |ev: leptos::ev::Event| {
        let Some(input) = ev
            .target()
            .and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok())
        else {
            return;
        };
        let files: Vec<web_sys::File> = input
            .files()
            .map(|list| (0..list.length()).filter_map(|i| list.get(i)).collect())
            .unwrap_or_default();
        input.set_value("");
        if files.is_empty() || busy.get_untracked() {
            return;
        }
        let refs: Vec<AttachmentRef> = files
            .iter()
            .enumerate()
            .map(|(n, file)| {
                let name = display_name(&file.name());
                AttachmentRef {
                    id: new_id(n),
                    mime: effective_mime(&file.type_(), &name),
                    file_name: name,
                    size: file.size() as u64,
                }
            })
            .collect();
        let next = match add_evidence_files(
            &evidence.get_untracked(),
            &description.get_untracked(),
            &refs,
        ) {
            Ok(next) => next,
            Err(refusal) => {
                info.set(None);
                problems.set(vec![format!("{refusal}本次选择的文件都未添加。")]);
                return;
            }
        };
        let DbState::Ready(conn) = db.get_untracked() else {
            problems.set(vec!["本机数据库尚未就绪，文件未保存。请稍候再试。".into()]);
            return;
        };
        busy.set(true);
        problems.set(Vec::new());
        info.set(Some(format!("正在保存{}个文件…", refs.len())));
        let draft_id = draft.get_value();
        spawn_local(async move {
            let added_at = now_shanghai().format("%Y-%m-%dT%H:%M:%S").to_string();
            let mut records = Vec::new();
            let mut failed = None;
            for (reference, file) in refs.iter().zip(&files) {
                match attachments::blob_bytes(file).await {
                    Ok(bytes) if bytes.len() as u64 == reference.size => {
                        records.push(AttachmentRecord {
                            meta: AttachmentMeta {
                                id: reference.id.clone(),
                                case_id: None,
                                draft_id: Some(draft_id.clone()),
                                file_name: reference.file_name.clone(),
                                mime: reference.mime.clone(),
                                size: reference.size,
                                sha256: attachment_checksum(&bytes),
                                added_at: added_at.clone(),
                            },
                            bytes,
                        });
                    }
                    _ => {
                        failed = Some(format!(
                            "“{}”读取失败（文件可能已被移动或修改），本次选择的文件都未添加。",
                            reference.file_name
                        ));
                        break;
                    }
                }
            }
            let result = match failed {
                Some(m) => Err(m),
                None => attachments::put_all(&conn, &records)
                    .await
                    .map_err(|e| format!("文件未能保存：{e}")),
            };
            busy.set(false);
            match result {
                Ok(()) => {
                    let names = refs
                        .iter()
                        .map(|r| r.file_name.as_str())
                        .collect::<Vec<_>>()
                        .join("、");
                    set_evidence.run(next);
                    errors.update(|l| l.retain(|e| !e.control_id.starts_with("evidence")));
                    info.set(Some(format!("已添加{}个文件：{names}。", refs.len())));
                }
                Err(m) => {
                    info.set(None);
                    problems.set(vec![m]);
                }
            }
        });
    };

    let remove = move |id: String, name: String| {
        let DbState::Ready(conn) = db.get_untracked() else {
            return;
        };
        set_evidence.run(remove_evidence_file(&evidence.get_untracked(), &id));
        busy.set(true);
        spawn_local(async move {
            let result = attachments::delete(&conn, &id)
                .await
                .map_err(|e| format!("文件内容未能从本机删除：{e}"));
            busy.set(false);
            match result {
                Ok(()) => {
                    problems.set(Vec::new());
                    info.set(Some(format!("已删除“{name}”。")));
                }
                Err(m) => {
                    info.set(None);
                    problems.set(vec![m]);
                }
            }
        });
    };

    let list = move || {
        let items = evidence.get();
        if items.is_empty() {
            return view! { <p class="muted" data-testid="draft-evidence-none">"还没有添加文件。"</p> }
                .into_any();
        }
        let rows = items
            .into_iter()
            .map(|item| {
                let files = item
                    .attachments
                    .into_iter()
                    .map(|a| {
                        let kind = type_label(&a.mime).unwrap_or("其他").to_owned();
                        let label = format!("删除“{}”", a.file_name);
                        let (id, name) = (a.id.clone(), a.file_name.clone());
                        view! {
                            <li class="evidence-file" data-testid="draft-evidence-file">
                                <div class="evidence-file__body">
                                    <p class="evidence-file__name" data-testid="draft-evidence-name">{a.file_name.clone()}</p>
                                    <p class="evidence-file__meta muted">
                                        <span>{kind}</span>
                                        <span>{size_text(a.size)}</span>
                                    </p>
                                    <div class="evidence-file__actions">
                                        <button type="button" class="button button--secondary button--small"
                                            aria-label=label data-testid="draft-evidence-remove"
                                            disabled=move || busy.get()
                                            on:click=move |_| remove(id.clone(), name.clone())>
                                            "删除"
                                        </button>
                                    </div>
                                </div>
                            </li>
                        }
                    })
                    .collect_view();
                view! {
                    <li class="evidence-item">
                        <h3 class="evidence-item__title">{item.description}</h3>
                        <ul class="evidence-files">{files}</ul>
                    </li>
                }
            })
            .collect_view();
        view! { <ul class="evidence-items" data-testid="draft-evidence-list">{rows}</ul> }
            .into_any()
    };
    let error = move || {
        errors.with(|l| {
            l.iter()
                .find(|e| e.control_id == "evidence")
                .map(|e| e.message.clone())
        })
    };
    let hint = format!(
        "可以上传：{}。最多{MAX_APPLICATION_FILES}个文件，合计不超过{}。文件先保存在本机浏览器的草稿中。",
        allowed_types_text(),
        size_text(MAX_APPLICATION_FILE_BYTES)
    );
    view! {
        {list}
        <div role="status" aria-live="polite" data-testid="draft-evidence-status">
            {move || info.get().map(|m| view! { <p class="callout callout--small">{m}</p> })}
        </div>
        <div role="alert" data-testid="draft-evidence-problems">
            {move || {
                let list = problems.get();
                (!list.is_empty()).then(|| view! {
                    <ul class="banner banner--error evidence-problems">
                        {list.into_iter().map(|p| view! { <li>{p}</li> }).collect_view()}
                    </ul>
                })
            }}
        </div>
        <div class="field">
            <label class="field__label" for="evidence-description">"这些文件是什么？"</label>
            <p class="field__hint">"例如：现场照片、医院诊断证明、通话录音。"</p>
            <input id="evidence-description" class="input" type="text"
                data-testid="draft-evidence-description"
                prop:value=move || description.get()
                on:input=move |ev| description.set(event_target_value(&ev))/>
        </div>
        <div class=move || if error().is_some() { "field field--error" } else { "field" }>
            <label class="field__label" for="evidence">"选择文件"</label>
            <p class="field__hint" id="evidence-hint">{hint}</p>
            {move || error().map(|e| view! { <p class="field-error">{e}</p> })}
            <input id="evidence" class="evidence-add__input" type="file" multiple=true
                accept=accept_attribute() aria-describedby="evidence-hint"
                data-testid="draft-evidence-input"
                disabled=move || busy.get()
                on:change=on_files/>
        </div>
    }
}
