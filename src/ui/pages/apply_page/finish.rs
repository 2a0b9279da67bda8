//! The done page: the printable application (every answer, signature and date lines), the
//! package file for the 维权办, and what happens next with the computed dates (第三十一、
//! 三十二条) and what to do when no reply comes (deemed acceptance).

use leptos::prelude::*;

use leptos::task::spawn_local;

use crate::core::application::{
    ApplicantRole, ApplicationForm, NextDate, PackageFile, complete, eligibility, export_package,
    form_files, what_next,
};
use crate::core::calendar::format_date_cn;
use crate::core::case::PersonStatus;
use crate::store::attachments;
use crate::ui::clock::{now_shanghai, today_shanghai};
use crate::ui::components::no_case_storage::case_storage_failure;
use crate::ui::components::page_title::PageTitle;
use crate::ui::download::download_text;
use crate::ui::routes::AppRoute;
use crate::ui::state::use_calendar;
use crate::ui::state::{DbState, use_db, use_settings};

use super::answers::rows;
use super::screen_href;

fn print_page() {
    if let Some(w) = web_sys::window() {
        let _ = w.print();
    }
}

/// The bytes of every file the form lists, read from the draft's store; a missing or changed
/// file stops the download with its name (the package must carry what the form lists).
pub(crate) async fn package_files(
    state: DbState,
    form: &ApplicationForm,
) -> Result<Vec<PackageFile>, String> {
    let refs = form_files(form);
    if refs.is_empty() {
        return Ok(Vec::new());
    }
    let DbState::Ready(db) = state else {
        return Err("本机数据库尚未打开，申请文件未能生成。".into());
    };
    let mut files = Vec::new();
    for r in refs {
        let record = attachments::get(&db, &r.id)
            .await
            .map_err(|e| format!("证据文件未能读取：{e}"))?
            .ok_or_else(|| {
                format!(
                    "本机找不到证据文件“{}”的内容，请回到“证据材料”一步删除后重新添加。",
                    r.file_name
                )
            })?;
        if record.bytes.len() as u64 != r.size {
            return Err(format!(
                "证据文件“{}”的内容与添加时不符，请回到“证据材料”一步删除后重新添加。",
                r.file_name
            ));
        }
        files.push(PackageFile::new(r.clone(), record.bytes));
    }
    Ok(files)
}

fn next_date_view(next: NextDate, testid: &'static str) -> impl IntoView {
    let citation = next.period.definition().citation;
    let href = AppRoute::Article(citation.article).href();
    let provisional = next
        .deadline
        .provisional
        .as_ref()
        .map(|p| view! { <p class="muted">{format!("估算：{}", p.reason)}</p> });
    view! {
        <div class="card apply-next" data-testid=testid>
            <div class="apply-next__date">{format_date_cn(next.deadline.due)}</div>
            <p>{next.what}</p>
            <p class="muted">{next.deadline.summary()}</p>
            {provisional}
            <p><a class="link" href=href>{format!("查看{citation}")}</a></p>
        </div>
    }
}

/// The done page for draft `id`.
#[component]
pub fn DoneScreen(
    /// The draft's id.
    id: String,
    /// The form.
    form: RwSignal<ApplicationForm>,
) -> impl IntoView {
    let today = today_shanghai();
    let current = form.get_untracked();
    let application = match complete(&current, today) {
        Ok(a) => a,
        Err(_) => {
            let href = screen_href(&id, "check", false);
            return view! {
                <div class="banner banner--warning" role="alert" data-testid="apply-incomplete">
                    <p>"申请还没有填写完整。"</p>
                    <p><a class="button" href=href>"返回核对页"</a></p>
                </div>
            }
            .into_any();
        }
    };
    let role = ApplicantRole::from_input(&current.input);
    let explanation = role
        .map(|r| eligibility(r, application.facts.status).explanation)
        .unwrap_or_default();
    let by_reference = application.facts.status != PersonStatus::Officer
        || role == Some(ApplicantRole::OtherRelative);
    let download_error = RwSignal::new(None::<String>);
    let db = use_db().0;
    let download = {
        let current = current.clone();
        let name = application.facts.officer.name.clone();
        move |_| {
            let current = current.clone();
            let name = name.clone();
            let state = db.get_untracked();
            spawn_local(async move {
                let result = match package_files(state, &current).await {
                    Ok(files) => {
                        let text = export_package(&current, now_shanghai(), &files);
                        let file = format!("维权申请-{name}-{}.json", today.format("%Y%m%d"));
                        download_text(&file, "application/json", &text).err()
                    }
                    Err(e) => Some(e),
                };
                download_error.set(result);
            });
        }
    };
    // On a machine set up for a 维权办 (unit settings saved), the office can register the
    // application here directly: the import page builds and verifies the same package.
    let office_href = format!("{}?draft={id}", AppRoute::ImportCase.href());
    let office = move || {
        if case_storage_failure().is_some() {
            return None;
        }
        use_settings().settings.get().map(|s| {
            let href = office_href.clone();
            view! {
                <div class="callout" data-testid="apply-office">
                    <p>{format!("本机已设置为{}使用。维权办工作人员可以不经文件交接，直接把这份申请登记为案件。", s.unit_name)}</p>
                    <p><a class="button button--secondary" href=href data-testid="apply-office-register">"直接登记为案件"</a></p>
                </div>
            }
        })
    };
    let file_count = form_files(&current).len();
    let files_note = if file_count == 0 {
        "申请文件带有校验值，维权办导入时会检查文件是否完整、是否被修改。本申请没有附证据文件。"
            .to_owned()
    } else {
        format!(
            "申请文件带有校验值，并包含您添加的{file_count}个证据文件；维权办导入时会逐一检查文件是否完整、是否被修改。"
        )
    };
    let calendar = use_calendar();
    let next = what_next(
        &calendar.calendar.get_untracked(),
        today,
        &calendar.readings.get_untracked(),
    );
    let next_view = match next {
        Ok(n) => view! {
            <p>{format!("如果您今天（{}）把申请交给维权办：", format_date_cn(today))}</p>
            <h3>"答复"</h3>
            {next_date_view(n.reply, "apply-next-reply")}
            <h3>"调查核实"</h3>
            {next_date_view(n.investigation, "apply-next-investigation")}
            <h3>"对结果有异议"</h3>
            <p>{n.review_window}</p>
            <h3>"到期没有收到答复怎么办"</h3>
            <div class="callout" data-testid="apply-deemed">
                <p>{n.deemed_acceptance}</p>
                <p><a class="link" href=AppRoute::Article(31).href()>"查看第三十一条"</a></p>
            </div>
            <p class="muted">"答复期限从维权办启动维权工作程序之日起计算；以上日期按收到申请当日启动估算，实际日期以维权办的答复为准。"</p>
        }
        .into_any(),
        Err(e) => view! { <div class="banner banner--warning" role="status">{e.to_string()}</div> }.into_any(),
    };
    let table = rows(&current)
        .into_iter()
        .map(|r| view! { <tr><th scope="row">{r.label}</th><td>{r.value}</td></tr> })
        .collect_view();
    let check = screen_href(&id, "check", false);
    view! {
        <div data-testid="apply-done">
            <div class="apply-no-print">
                <p><a class="link" href=check>"返回核对页"</a></p>
                <PageTitle text="申请已准备好"/>
                <div class="banner banner--success" role="status">
                    <p>"请打印申请书并签名，连同下载的申请文件一起交给所属单位维权办。"</p>
                </div>
                <p class="apply-actions">
                    <button type="button" class="button" data-testid="apply-print" on:click=move |_| print_page()>
                        "打印申请书"
                    </button>
                    <button type="button" class="button button--secondary" data-testid="apply-download" on:click=download>
                        "下载申请文件"
                    </button>
                </p>
                {move || download_error.get().map(|e| view! { <div class="banner banner--error" role="alert">{e}</div> })}
                {office}
                <p class="muted" data-testid="apply-files-note">{files_note}</p>
            </div>
            <article class="apply-print" data-testid="apply-printable" aria-label="申请书">
                <h2 class="apply-print__title">"维护执法权威申请书"</h2>
                <p>"致：所属单位维权办"</p>
                <p>
                    "依照《嘉兴市公安机关维护民警执法权威工作实施细则》第三十条，现提出维护执法权威申请。"
                    {by_reference.then_some("本申请属于参照办理。")}
                </p>
                <p class="apply-print__basis">{explanation}</p>
                <table class="table apply-print__table"><tbody>{table}</tbody></table>
                <p>"本人保证以上内容真实。"</p>
                <div class="apply-print__sign">
                    <p>"申请人（签名）：" <span class="apply-line"></span></p>
                    <p>"日期：" <span class="apply-line apply-line--short"></span> "年" <span class="apply-line apply-line--tiny"></span> "月" <span class="apply-line apply-line--tiny"></span> "日"</p>
                    <p>"维权办收件人：" <span class="apply-line"></span></p>
                    <p>"收件日期：" <span class="apply-line apply-line--short"></span> "年" <span class="apply-line apply-line--tiny"></span> "月" <span class="apply-line apply-line--tiny"></span> "日"</p>
                </div>
            </article>
            <div class="apply-no-print">
                <h2>"接下来会怎样"</h2>
                {next_view}
            </div>
        </div>
    }
    .into_any()
}
