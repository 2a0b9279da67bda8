//! `ImportCasePage` (`/cases/import`): the 维权办 takes in an application package made on
//! `/apply`: choose the file, verify it (`core::application::parse_package`: size, format,
//! version, schema, checksum, content), preview what will be created, set the receipt date
//! (第三十一条: the reply period runs from it), and open the case with the package's evidence
//! files (each checked against its SHA-256; stored with the case or not at all). A package
//! already imported is refused with the existing case's id; nothing of a refused file is kept.
//! The office's quick path: `?draft=<id>` takes a wizard draft on this machine (filled in by the
//! office from the same questions) through the same package, checks and preview.

use chrono::{NaiveDate, NaiveTime};
use leptos::prelude::*;
use leptos::task::spawn_local;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;

use leptos_router::hooks::use_query_map;

use crate::core::application::{Package, PackageError, export_package, parse_package};
use crate::core::attachment::{size_text, type_label};
use crate::core::calendar::parse_date;
use crate::core::case::CaseId;
use crate::core::workflow::{Case, next_due};
use crate::store::attachments::{self, AttachmentMeta, AttachmentRecord};
use crate::store::cases;
use crate::store::drafts;
use crate::ui::clock::{now_shanghai, today_shanghai};
use crate::ui::components::error_summary::{ErrorSummary, FieldError};
use crate::ui::components::no_case_storage::{NoCaseStorage, case_storage_failure};
use crate::ui::components::page_title::PageTitle;
use crate::ui::pages::apply_page::package_files;
use crate::ui::routes::AppRoute;
use crate::ui::state::{DbState, use_calendar, use_cases, use_db, use_settings};

/// Where the import stands.
#[derive(Clone, Debug, PartialEq)]
enum Outcome {
    /// Nothing done yet.
    Idle,
    /// The file was refused, with the reason.
    Refused(String),
    /// The package is already a case.
    Duplicate(String),
    /// The case was created.
    Created(String),
}

async fn read_file(input: &web_sys::HtmlInputElement) -> Result<String, String> {
    let file = input
        .files()
        .and_then(|f| f.get(0))
        .ok_or_else(|| "请选择申请文件。".to_owned())?;
    if file.size() > crate::core::application::MAX_PACKAGE_BYTES as f64 {
        return Err(PackageError::TooLarge(file.size() as usize).to_string());
    }
    let text = JsFuture::from(file.text())
        .await
        .map_err(|_| "浏览器未能读取这个文件，请重新选择。".to_owned())?;
    text.as_string()
        .ok_or_else(|| "这不是维权申请文件，请选择由“维权申请”页面导出的文件。".to_owned())
}

fn new_case_id() -> String {
    let stamp = now_shanghai().format("%Y%m%d%H%M%S");
    let random = (js_sys::Math::random() * 1_000_000.0) as u32;
    format!("c{stamp}-{random:06}")
}

/// The import page.
#[component]
pub fn ImportCasePage() -> impl IntoView {
    let package = RwSignal::new(None::<Package>);
    let outcome = RwSignal::new(Outcome::Idle);
    let received = RwSignal::new(today_shanghai().format("%Y-%m-%d").to_string());
    let errors = RwSignal::new(Vec::<FieldError>::new());
    let busy = RwSignal::new(false);
    let db = use_db().0;
    let settings = use_settings().settings;
    let calendar = use_calendar();
    let cases_ctx = use_cases();

    // The office's quick path: a draft of the wizard on this machine.
    let draft_id = use_query_map().with_untracked(|q| q.get("draft"));
    let from_draft = draft_id.is_some();
    Effect::new(move |done: Option<bool>| {
        if done == Some(true) {
            return true;
        }
        let Some(id) = draft_id.clone() else {
            return true;
        };
        let state = db.get();
        let DbState::Ready(conn) = state.clone() else {
            return false;
        };
        spawn_local(async move {
            let result: Result<Package, String> = async {
                let draft = drafts::get(&conn, &id)
                    .await
                    .map_err(|e| format!("草稿未能读取：{e}"))?
                    .ok_or_else(|| "本机没有找到这份申请草稿，可能已被删除。".to_owned())?;
                let files = package_files(state, &draft.form).await?;
                let text = export_package(&draft.form, now_shanghai(), &files);
                parse_package(&text, today_shanghai()).map_err(|e| e.to_string())
            }
            .await;
            match result {
                Ok(p) => package.set(Some(p)),
                Err(e) => outcome.set(Outcome::Refused(e)),
            }
        });
        true
    });

    let on_file = move |ev: leptos::ev::Event| {
        let Some(input) = ev
            .target()
            .and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok())
        else {
            return;
        };
        package.set(None);
        outcome.set(Outcome::Idle);
        errors.set(Vec::new());
        spawn_local(async move {
            let result = match read_file(&input).await {
                Ok(text) => parse_package(&text, today_shanghai()).map_err(|e| e.to_string()),
                Err(e) => Err(e),
            };
            match result {
                Ok(p) => package.set(Some(p)),
                Err(e) => outcome.set(Outcome::Refused(e)),
            }
        });
    };

    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let Some(p) = package.get_untracked() else {
            errors.set(vec![FieldError {
                control_id: "package-file".into(),
                message: "请先选择申请文件。".into(),
            }]);
            return;
        };
        let today = today_shanghai();
        let date: NaiveDate = match parse_date(&received.get_untracked()) {
            Ok(d) if d > today => {
                errors.set(vec![FieldError {
                    control_id: "received-on".into(),
                    message: "收件日期晚于今天，请检查。".into(),
                }]);
                return;
            }
            Ok(d) => d,
            Err(e) => {
                errors.set(vec![FieldError {
                    control_id: "received-on".into(),
                    message: format!("收件日期：{e}。"),
                }]);
                return;
            }
        };
        errors.set(Vec::new());
        let DbState::Ready(db) = db.get_untracked() else {
            outcome.set(Outcome::Refused("本机数据库尚未打开，请稍后重试。".into()));
            return;
        };
        let now = now_shanghai();
        // The receipt's time is unknown for an earlier day; noon keeps it after a morning
        // incident of that day and before now.
        let at = if date == today {
            now
        } else {
            date.and_time(NaiveTime::from_hms_opt(12, 0, 0).unwrap_or_default())
        };
        let actor = settings
            .get_untracked()
            .map(|s| s.operator)
            .unwrap_or_else(|| "维权办".to_owned());
        let cal = calendar.calendar.get_untracked();
        let readings = calendar.readings.get_untracked();
        busy.set(true);
        spawn_local(async move {
            let result: Result<Outcome, String> = async {
                if let Some(existing) = cases::find_by_package(&db, &p.sha256)
                    .await
                    .map_err(|e| e.to_string())?
                {
                    return Ok(Outcome::Duplicate(existing));
                }
                let id = CaseId::new(new_case_id()).map_err(|e| e.to_string())?;
                let note = format!(
                    "由申请文件导入（申请人于{}生成，校验值{}，证据文件{}个）",
                    p.created_at.format("%Y-%m-%d %H:%M"),
                    &p.sha256[..12.min(p.sha256.len())],
                    p.files.len()
                );
                // The files get ids of their own: the applicant's draft copies may be on this
                // machine under the package's ids.
                let stamp = js_sys::Date::now() as u64;
                let random = (js_sys::Math::random() * f64::from(u32::MAX)) as u32;
                let (facts, files) = p.with_new_ids(|i| format!("att-{stamp:x}-{random:08x}-i{i}"));
                let case =
                    Case::open(id, facts, at, &actor, &note, now).map_err(|e| e.to_string())?;
                let added_at = now.format("%Y-%m-%dT%H:%M:%S").to_string();
                let records: Vec<AttachmentRecord> = files
                    .into_iter()
                    .map(|f| AttachmentRecord {
                        meta: AttachmentMeta {
                            id: f.reference.id,
                            case_id: Some(case.id().as_str().to_owned()),
                            draft_id: None,
                            file_name: f.reference.file_name,
                            mime: f.reference.mime,
                            size: f.reference.size,
                            sha256: f.sha256,
                            added_at: added_at.clone(),
                        },
                        bytes: f.bytes,
                    })
                    .collect();
                let due = next_due(&case, &cal, &readings, today);
                attachments::create_with_files(&db, &records, &case, due, Some(&p.sha256))
                    .await
                    .map_err(|e| e.to_string())?;
                cases_ctx.saved(case.id().as_str(), 1);
                Ok(Outcome::Created(case.id().as_str().to_owned()))
            }
            .await;
            busy.set(false);
            outcome.set(result.unwrap_or_else(Outcome::Refused));
        });
    };

    let preview = move || {
        package.get().map(|p| {
            let f = &p.facts;
            let grounds = f.grounds.iter().map(|g| g.label()).collect::<Vec<_>>().join("；");
            let categories = f.categories.iter().map(|c| c.label()).collect::<Vec<_>>().join("、");
            let files = if p.files.is_empty() {
                let text = if p.listed.is_empty() {
                    "申请文件未附证据文件。".to_owned()
                } else {
                    format!("第1版申请文件不含附件内容；申请人列出的材料（需另行提交）：{}", p.listed.join("、"))
                };
                view! { <p class="muted" data-testid="import-no-files">{text}</p> }.into_any()
            } else {
                let rows = p.files.iter().map(|file| {
                    let r = &file.reference;
                    let short = file.sha256.get(..12).unwrap_or(&file.sha256).to_owned();
                    view! {
                        <li data-testid="import-file-row">
                            {r.file_name.clone()} " · " {type_label(&r.mime).unwrap_or("其他")} " · " {size_text(r.size)}
                            <span class="muted">" · SHA-256 " {short} "… 已核对"</span>
                        </li>
                    }
                }).collect_view();
                view! {
                    <p>{format!("{}个文件，均已核对校验值，将随案件一并保存：", p.files.len())}</p>
                    <ul class="import-files">{rows}</ul>
                }.into_any()
            };
            view! {
                <div class="card import-preview" data-testid="import-preview">
                    <h2 class="card__title">"将要登记的案件"</h2>
                    <dl class="facts">
                        <dt>"申请人"</dt><dd>{f.applicant.describe()}</dd>
                        <dt>"当事人"</dt><dd data-testid="import-officer">{format!("{}（{}）", f.officer.name, f.status.label())}</dd>
                        <dt>"所在单位"</dt><dd>{f.officer.unit.clone()}</dd>
                        <dt>"发生时间"</dt><dd>{f.incident.at.format("%Y-%m-%d %H:%M").to_string()}</dd>
                        <dt>"地点"</dt><dd>{f.incident.place.clone()}</dd>
                        <dt>"申请事由"</dt><dd>{grounds}</dd>
                        <dt>"侵权行为"</dt><dd>{if categories.is_empty() { "未选择".to_owned() } else { categories }}</dd>
                        <dt>"申请人电话"</dt><dd>{p.contact.phone.clone()}</dd>
                        <dt>"文件生成时间"</dt><dd>{p.created_at.format("%Y-%m-%d %H:%M").to_string()}</dd>
                    </dl>
                    <h3>"证据文件"</h3>
                    {files}
                    <p class="muted">"申请人电话只用于联系，不写入案件记录。"</p>
                </div>
            }
        })
    };

    let result = move || {
        match outcome.get() {
        Outcome::Idle => None,
        Outcome::Refused(e) => Some(view! {
            <div class="banner banner--error" role="alert" data-testid="import-refused"><p>{format!("不能导入：{e}")}</p></div>
        }.into_any()),
        Outcome::Duplicate(id) => Some(view! {
            <div class="banner banner--warning" role="alert" data-testid="import-duplicate">
                <p>{format!("这份申请已经导入过，案件编号 {id}，不能重复导入。")}</p>
                <p><a class="link" href=AppRoute::Case(id.clone()).href()>"查看该案件"</a></p>
            </div>
        }.into_any()),
        Outcome::Created(id) => Some(view! {
            <div class="banner banner--success" role="status" data-testid="import-created">
                <p>{format!("已登记为案件 {id}。")}</p>
                <p><a class="link" href=AppRoute::Case(id.clone()).href() data-testid="import-case-link">"打开案件"</a></p>
            </div>
        }.into_any()),
    }
    };

    view! {
        <section class="page page--narrow" data-testid="import-case">
            <PageTitle text=AppRoute::ImportCase.title()/>
            {if from_draft {
                view! { <p class="lead" data-testid="import-from-draft">"把本机按引导问题填写的申请登记为案件（第三十、三十一条）：核对以下内容和收件日期后登记。"</p> }.into_any()
            } else {
                view! { <p class="lead">"导入申请人在“维权申请”页面生成的申请文件，核对后登记为案件（第三十、三十一条）。"</p> }.into_any()
            }}
            {move || case_storage_failure().map(|reason| view! { <NoCaseStorage action="登记为案件" reason/> })}
            <ErrorSummary errors=Signal::from(errors)/>
            <form class="form" novalidate on:submit=on_submit>
                {(!from_draft).then(|| view! {
                <div class="field">
                    <label class="field__label" for="package-file">"申请文件"</label>
                    <p class="field__hint">"扩展名为 .json 的文件。导入前会检查文件是否完整、是否被修改。"</p>
                    <input id="package-file" type="file" accept=".json,application/json" data-testid="import-file" on:change=on_file/>
                </div>
                })}
                {preview}
                <div class="field">
                    <label class="field__label" for="received-on">"收件日期"</label>
                    <p class="field__hint">"维权办收到申请的日期；第三十一条的答复期限由此估算。"</p>
                    <input class="input input--short" id="received-on" type="date"
                        prop:value=move || received.get()
                        on:input=move |ev| received.set(event_target_value(&ev))/>
                </div>
                <p>
                    <button type="submit" class="button" data-testid="import-submit" disabled=move || busy.get() || package.get().is_none() || case_storage_failure().is_some()>
                        "登记为案件"
                    </button>
                </p>
            </form>
            {result}
        </section>
    }
}
