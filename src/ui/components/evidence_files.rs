//! `EvidenceFiles`: the 证据材料 section of a case — its files by evidence item (name, type,
//! size, when added, checksum), image previews, downloads, adding files and deleting one. The
//! core decides what is accepted (`core::attachment`); every change is a `FactsAmended` record.

use std::collections::HashMap;

use leptos::prelude::*;
use wasm_bindgen::JsCast;

use crate::core::attachment::{
    EvidenceTarget, accept_attribute, allowed_types_text, attachment_checksum, check_file,
    check_target, display_name, effective_mime, is_image, size_text, type_label, with_attachments,
    without_attachment,
};
use crate::core::case::{AttachmentRef, CaseFacts, MAX_ATTACHMENT_BYTES};
use crate::core::workflow::{Case, Env, Event, EventKind, NewEvent, allowed_events, next_due};
use crate::store::attachments::{self, AttachmentMeta, AttachmentRecord};
use crate::ui::clock::{now_shanghai, today_shanghai};
use crate::ui::state::{
    CalendarCtx, DbState, SettingsCtx, use_calendar, use_cases, use_db, use_settings,
};

/// The outcome of the last action in this section.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct FilesStatus {
    /// Work under way or done, announced politely.
    pub info: Option<String>,
    /// Refusals and failures, announced at once.
    pub problems: Vec<String>,
}

/// Which evidence item the file input adds to: an index, or `new`.
const NEW_ITEM: &str = "new";

fn new_id(n: usize) -> String {
    let ms = js_sys::Date::now() as u64;
    let random = (js_sys::Math::random() * f64::from(u32::MAX)) as u32;
    format!("att-{ms:x}-{random:08x}-{n}")
}

/// Applies the amended facts as a `FactsAmended` record made now by the settings' operator.
fn amend(
    case: &Case,
    facts: CaseFacts,
    note: String,
    settings: SettingsCtx,
    calendar: CalendarCtx,
) -> Result<(Case, Option<chrono::NaiveDate>), String> {
    let Some(actor) = settings.settings.get_untracked().map(|s| s.operator) else {
        return Err("尚未设置操作人，记录无法记明记录人。请先到“设置”页填写操作人姓名。".into());
    };
    let policy = crate::ui::state::case_policy(settings);
    let today = today_shanghai();
    let now = now_shanghai();
    calendar.calendar.with_untracked(|cal| {
        calendar.readings.with_untracked(|readings| {
            let env = Env {
                calendar: cal,
                readings,
                policy: &policy,
            };
            let entry = NewEvent {
                at: now,
                actor,
                event: Event::FactsAmended {
                    facts: Box::new(facts),
                },
                note,
            };
            case.apply(entry, &env, now)
                .map(|new| {
                    let due = next_due(&new, cal, readings, today);
                    (new, due)
                })
                .map_err(|r| r.to_string())
        })
    })
}

/// Offers a stored file as a download under its own name; the object URL is released soon after.
async fn download(conn: crate::store::Db, id: String) -> Result<(), String> {
    let fail = |_| "浏览器未能生成下载文件，请重试。".to_owned();
    let Some((meta, blob)) = attachments::get_blob(&conn, &id)
        .await
        .map_err(|e| e.to_string())?
    else {
        return Err("本机没有找到这个文件的内容，可能已被删除。".into());
    };
    let document = web_sys::window()
        .and_then(|w| w.document())
        .ok_or_else(|| "浏览器未能生成下载文件，请重试。".to_owned())?;
    let url = web_sys::Url::create_object_url_with_blob(&blob).map_err(fail)?;
    let link: web_sys::HtmlElement = document
        .create_element("a")
        .map_err(fail)?
        .dyn_into()
        .map_err(|_| "浏览器未能生成下载文件，请重试。".to_owned())?;
    link.set_attribute("href", &url).map_err(fail)?;
    link.set_attribute("download", &meta.file_name)
        .map_err(fail)?;
    link.click();
    set_timeout(
        move || {
            let _ = web_sys::Url::revoke_object_url(&url);
        },
        std::time::Duration::from_secs(1),
    );
    Ok(())
}

/// A thumbnail of a stored image through a `blob:` URL, revoked when the row goes away.
#[component]
fn Thumbnail(
    /// The file's id.
    id: String,
    /// Its name, for the alternative text.
    name: String,
) -> impl IntoView {
    let url = RwSignal::new(None::<String>);
    let db = use_db().0;
    if let DbState::Ready(conn) = db.get_untracked() {
        leptos::task::spawn_local(async move {
            if let Ok(Some((_, blob))) = attachments::get_blob(&conn, &id).await
                && let Ok(u) = web_sys::Url::create_object_url_with_blob(&blob)
            {
                url.set(Some(u));
            }
        });
    }
    // Released once the image is decoded (it stays shown); if the row goes away first, a little
    // later, so an image still loading never reads a revoked URL.
    let revoked = StoredValue::new(false);
    let revoke = move || {
        if !revoked.get_value()
            && let Some(u) = url.get_untracked()
        {
            revoked.set_value(true);
            let _ = web_sys::Url::revoke_object_url(&u);
        }
    };
    on_cleanup(move || {
        if let Some(u) = url.get_untracked() {
            set_timeout(
                move || {
                    let _ = web_sys::Url::revoke_object_url(&u);
                },
                std::time::Duration::from_secs(10),
            );
        }
    });
    let alt = format!("{name}的预览");
    move || {
        url.get().map(|u| {
            view! {
                <img
                    class="evidence-file__thumb"
                    src=u
                    alt=alt.clone()
                    data-testid="evidence-thumb"
                    on:load=move |_| revoke()
                    on:error=move |_| revoke()
                />
            }
        })
    }
}

/// The case's evidence files and the controls to add, download and delete them.
#[component]
pub fn EvidenceFiles(
    /// The case as shown.
    case: Case,
    /// Where a saved case goes (the page shows it).
    on_saved: Callback<Case>,
    /// The section's messages; kept by the page so they survive the re-render after a save.
    status: RwSignal<FilesStatus>,
) -> impl IntoView {
    let db = use_db().0;
    let cases = use_cases();
    let calendar = use_calendar();
    let settings = use_settings();
    let policy = crate::ui::state::case_policy(settings);
    let facts = case.facts().clone();
    let can_amend = calendar.calendar.with_untracked(|cal| {
        calendar.readings.with_untracked(|readings| {
            let env = Env {
                calendar: cal,
                readings,
                policy: &policy,
            };
            allowed_events(&case, &env, today_shanghai()).contains(&EventKind::FactsAmended)
        })
    });
    let stored = StoredValue::new(case.clone());
    let busy = RwSignal::new(false);
    let confirm = RwSignal::new(None::<String>);
    let target = RwSignal::new(if facts.evidence.is_empty() {
        NEW_ITEM.to_owned()
    } else {
        "0".to_owned()
    });
    let description = RwSignal::new("证据材料".to_owned());

    let case_id = case.id().as_str().to_owned();
    let metas = LocalResource::new(move || {
        let state = db.get();
        let case_id = case_id.clone();
        async move {
            match state {
                DbState::Ready(conn) => attachments::list_for_case(&conn, &case_id)
                    .await
                    .map(|list| {
                        list.into_iter()
                            .map(|m| (m.id.clone(), m))
                            .collect::<HashMap<String, AttachmentMeta>>()
                    })
                    .map_err(|e| e.to_string()),
                _ => Ok(HashMap::new()),
            }
        }
    });

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
        let case = stored.get_value();
        let facts = case.facts().clone();
        let chosen = target.get_untracked();
        let target = match chosen.parse::<usize>() {
            Ok(i) => EvidenceTarget::Existing(i),
            Err(_) => EvidenceTarget::New(description.get_untracked()),
        };
        if let Err(refusal) = check_target(&facts, &target) {
            status.set(FilesStatus {
                info: None,
                problems: vec![refusal.to_string()],
            });
            return;
        }
        let mut accepted: Vec<(AttachmentRef, web_sys::File)> = Vec::new();
        let mut problems = Vec::new();
        for (n, file) in files.into_iter().enumerate() {
            let name = display_name(&file.name());
            let reference = AttachmentRef {
                id: new_id(n),
                mime: effective_mime(&file.type_(), &name),
                file_name: name,
                size: file.size() as u64,
            };
            let pending: Vec<AttachmentRef> = accepted.iter().map(|(r, _)| r.clone()).collect();
            match check_file(&facts, &target, &pending, &reference) {
                Ok(()) => accepted.push((reference, file)),
                Err(refusal) => problems.push(refusal.to_string()),
            }
        }
        if accepted.is_empty() {
            status.set(FilesStatus {
                info: None,
                problems,
            });
            return;
        }
        let DbState::Ready(conn) = db.get_untracked() else {
            problems.push("本地数据库尚未就绪，文件未保存。请稍候再试。".into());
            status.set(FilesStatus {
                info: None,
                problems,
            });
            return;
        };
        busy.set(true);
        status.set(FilesStatus {
            info: Some(format!("正在保存{}个文件…", accepted.len())),
            problems: problems.clone(),
        });
        leptos::task::spawn_local(async move {
            let added_at = now_shanghai().format("%Y-%m-%dT%H:%M:%S").to_string();
            let mut records = Vec::new();
            for (reference, file) in &accepted {
                match attachments::blob_bytes(file).await {
                    Ok(bytes) if bytes.len() as u64 == reference.size => {
                        records.push(AttachmentRecord {
                            meta: AttachmentMeta {
                                id: reference.id.clone(),
                                case_id: Some(case.id().as_str().to_owned()),
                                draft_id: None,
                                file_name: reference.file_name.clone(),
                                mime: reference.mime.clone(),
                                size: reference.size,
                                sha256: attachment_checksum(&bytes),
                                added_at: added_at.clone(),
                            },
                            bytes,
                        });
                    }
                    _ => problems.push(format!(
                        "“{}”读取失败（文件可能已被移动或修改），未上传。",
                        reference.file_name
                    )),
                }
            }
            let refs: Vec<AttachmentRef> = accepted
                .iter()
                .map(|(r, _)| r)
                .filter(|r| records.iter().any(|rec| rec.meta.id == r.id))
                .cloned()
                .collect();
            let names = refs
                .iter()
                .map(|r| r.file_name.as_str())
                .collect::<Vec<_>>()
                .join("、");
            let result = match with_attachments(&facts, &target, &refs) {
                Err(refusal) => Err(refusal.to_string()),
                Ok(_) if refs.is_empty() => Err("没有可保存的文件。".to_owned()),
                Ok(next) => match amend(
                    &case,
                    next,
                    format!("添加证据材料：{names}"),
                    settings,
                    calendar,
                ) {
                    Err(m) => Err(m),
                    Ok((new, due)) => {
                        match attachments::attach_to_case(
                            &conn,
                            &records,
                            &new,
                            case.revision(),
                            due,
                        )
                        .await
                        {
                            Ok(()) => Ok(new),
                            Err(e) => Err(e.to_string()),
                        }
                    }
                },
            };
            busy.set(false);
            match result {
                Ok(new) => {
                    status.set(FilesStatus {
                        info: Some(format!("已添加{}个文件：{names}。", refs.len())),
                        problems,
                    });
                    cases.saved(new.id().as_str(), new.revision());
                    on_saved.run(new);
                }
                Err(m) => {
                    problems.push(m);
                    status.set(FilesStatus {
                        info: None,
                        problems,
                    });
                }
            }
        });
    };

    let remove = move |id: String, name: String| {
        let case = stored.get_value();
        let result = without_attachment(case.facts(), &id)
            .map_err(|r| r.to_string())
            .and_then(|next| {
                amend(
                    &case,
                    next,
                    format!("删除证据材料：{name}"),
                    settings,
                    calendar,
                )
            });
        let (new, due) = match result {
            Ok(done) => done,
            Err(m) => {
                status.set(FilesStatus {
                    info: None,
                    problems: vec![m],
                });
                return;
            }
        };
        let DbState::Ready(conn) = db.get_untracked() else {
            return;
        };
        busy.set(true);
        leptos::task::spawn_local(async move {
            let saved = attachments::remove_from_case(&conn, &id, &new, case.revision(), due).await;
            busy.set(false);
            confirm.set(None);
            match saved {
                Ok(()) => {
                    status.set(FilesStatus {
                        info: Some(format!("已删除“{name}”，删除已记入办理记录。")),
                        problems: Vec::new(),
                    });
                    cases.saved(new.id().as_str(), new.revision());
                    on_saved.run(new);
                }
                Err(e) => status.set(FilesStatus {
                    info: None,
                    problems: vec![e.to_string()],
                }),
            }
        });
    };

    let items = facts
        .evidence
        .iter()
        .enumerate()
        .map(|(i, item)| {
            let rows = item
                .attachments
                .iter()
                .map(|a| {
                    let id = a.id.clone();
                    let name = a.file_name.clone();
                    let kind = type_label(&a.mime).unwrap_or("其他").to_owned();
                    let size = size_text(a.size);
                    let thumb = is_image(&a.mime)
                        .then(|| view! { <Thumbnail id=id.clone() name=name.clone()/> });
                    let meta_id = id.clone();
                    let details = move || {
                        let meta = metas.get().and_then(|m| m.ok()).and_then(|m| m.get(&meta_id).cloned());
                        match meta {
                            Some(m) => {
                                let at = m.added_at.replace('T', " ");
                                let at = at.get(..16).unwrap_or(&at).to_owned();
                                let short = m.sha256.get(..12).unwrap_or(&m.sha256).to_owned();
                                view! {
                                    <span>"添加于 " {at}</span>
                                    <span title=m.sha256.clone() data-testid="evidence-file-sha">
                                        "SHA-256 " {short} "…"
                                    </span>
                                }
                                    .into_any()
                            }
                            None => view! { <span class="muted">"本机未找到文件内容"</span> }.into_any(),
                        }
                    };
                    let download_id = id.clone();
                    let download_name = name.clone();
                    let confirm_id = id.clone();
                    let confirm_id2 = id.clone();
                    let remove_id = id.clone();
                    let remove_name = name.clone();
                    let confirm_name = name.clone();
                    view! {
                        <li class="evidence-file" data-testid="evidence-file" data-id=id.clone()>
                            {thumb}
                            <div class="evidence-file__body">
                                <p class="evidence-file__name" data-testid="evidence-file-name">{name.clone()}</p>
                                <p class="evidence-file__meta muted">
                                    <span>{kind}</span>
                                    <span data-testid="evidence-file-size">{size}</span>
                                    {details}
                                </p>
                                <div class="evidence-file__actions">
                                    <button
                                        type="button"
                                        class="button button--secondary button--small"
                                        data-testid="evidence-download"
                                        aria-label=format!("下载“{download_name}”")
                                        on:click=move |_| {
                                            let DbState::Ready(conn) = db.get_untracked() else { return };
                                            let id = download_id.clone();
                                            leptos::task::spawn_local(async move {
                                                if let Err(m) = download(conn, id).await {
                                                    status.set(FilesStatus { info: None, problems: vec![m] });
                                                }
                                            });
                                        }
                                    >
                                        "下载"
                                    </button>
                                    {can_amend.then(|| view! {
                                        <button
                                            type="button"
                                            class="button button--secondary button--small"
                                            data-testid="evidence-delete"
                                            aria-label=format!("删除“{}”", confirm_name.clone())
                                            aria-expanded=move || if confirm.get().as_deref() == Some(confirm_id.as_str()) { "true" } else { "false" }
                                            on:click={
                                                let id = confirm_id2.clone();
                                                move |_| confirm.set(Some(id.clone()))
                                            }
                                        >
                                            "删除"
                                        </button>
                                    })}
                                </div>
                                {
                                    let remove_id = remove_id.clone();
                                    let remove_name = remove_name.clone();
                                    move || {
                                        (confirm.get().as_deref() == Some(remove_id.as_str())).then(|| {
                                            let id = remove_id.clone();
                                            let name = remove_name.clone();
                                            view! {
                                                <div class="callout evidence-file__confirm" role="alertdialog" aria-label="确认删除">
                                                    <p>
                                                        "确认删除“" {name.clone()}
                                                        "”？文件内容将从本机删除；删除本身会记入办理记录，原有记录不变。"
                                                    </p>
                                                    <button
                                                        type="button"
                                                        class="button"
                                                        data-testid="evidence-delete-confirm"
                                                        disabled=move || busy.get()
                                                        on:click=move |_| remove(id.clone(), name.clone())
                                                    >
                                                        "确认删除"
                                                    </button>
                                                    " "
                                                    <button
                                                        type="button"
                                                        class="button button--secondary"
                                                        on:click=move |_| confirm.set(None)
                                                    >
                                                        "取消"
                                                    </button>
                                                </div>
                                            }
                                        })
                                    }
                                }
                            </div>
                        </li>
                    }
                })
                .collect_view();
            let empty = item
                .attachments
                .is_empty()
                .then(|| view! { <p class="muted">"（未附文件）"</p> });
            view! {
                <li class="evidence-item" data-testid="evidence-item">
                    <h3 class="evidence-item__title">{format!("第{}项：{}", i + 1, item.description)}</h3>
                    {empty}
                    <ul class="evidence-files">{rows}</ul>
                </li>
            }
        })
        .collect_view();

    let options = facts
        .evidence
        .iter()
        .enumerate()
        .map(|(i, item)| {
            view! { <option value=i.to_string()>{format!("第{}项：{}", i + 1, item.description)}</option> }
        })
        .collect_view();
    let hint = format!(
        "可选多个文件。可以上传：{}；单个文件不超过{}。文件只保存在本机浏览器中，请定期导出备份。",
        allowed_types_text(),
        size_text(MAX_ATTACHMENT_BYTES)
    );
    let has_evidence = !facts.evidence.is_empty();

    view! {
        <section class="case-page__section" aria-labelledby="case-evidence" data-testid="evidence">
            <h2 id="case-evidence">"证据材料"</h2>
            {if has_evidence {
                view! { <ol class="evidence-items">{items}</ol> }.into_any()
            } else {
                view! { <p class="muted" data-testid="evidence-none">"尚未登记证据。"</p> }.into_any()
            }}
            {move || {
                let s = status.get();
                view! {
                    <div role="status" aria-live="polite" data-testid="evidence-status">
                        {s.info.map(|m| {
                            let class = if busy.get() { "callout" } else { "banner banner--success" };
                            view! { <p class=class>{m}</p> }
                        })}
                    </div>
                    <div role="alert" data-testid="evidence-problems">
                        {(!s.problems.is_empty()).then(|| view! {
                            <ul class="banner banner--error evidence-problems">
                                {s.problems.into_iter().map(|p| view! { <li>{p}</li> }).collect_view()}
                            </ul>
                        })}
                    </div>
                }
            }}
            {if can_amend {
                view! {
                    <div class="evidence-add no-print">
                        <h3>"添加文件"</h3>
                        <div class="field">
                            <label class="field__label" for="evidence-target">"归入证据项"</label>
                            <select
                                id="evidence-target"
                                class="input"
                                data-testid="evidence-target"
                                prop:value=move || target.get()
                                on:change=move |ev| target.set(event_target_value(&ev))
                            >
                                {options}
                                <option value=NEW_ITEM>"新建一项证据"</option>
                            </select>
                        </div>
                        <Show when=move || target.get() == NEW_ITEM>
                            <div class="field">
                                <label class="field__label" for="evidence-description">"新证据项的说明"</label>
                                <input
                                    id="evidence-description"
                                    class="input"
                                    type="text"
                                    data-testid="evidence-description"
                                    prop:value=move || description.get()
                                    on:input=move |ev| description.set(event_target_value(&ev))
                                />
                            </div>
                        </Show>
                        <div class="field">
                            <label class="field__label" for="evidence-input">"选择文件"</label>
                            <p class="field__hint" id="evidence-input-hint">{hint}</p>
                            <input
                                id="evidence-input"
                                class="evidence-add__input"
                                type="file"
                                multiple=true
                                accept=accept_attribute()
                                aria-describedby="evidence-input-hint"
                                data-testid="evidence-input"
                                disabled=move || busy.get()
                                on:change=on_files
                            />
                        </div>
                    </div>
                }
                    .into_any()
            } else {
                view! {
                    <p class="muted">"当前阶段不能再补正案件信息，因此不能添加或删除证据材料。"</p>
                }
                    .into_any()
            }}
        </section>
    }
}
