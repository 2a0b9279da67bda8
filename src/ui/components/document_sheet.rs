//! `DocumentSheet`: one printable document laid out as an A4 page from its content (title,
//! number, addressee, fields, body, quoted articles, signature, copies-to). The applicant's
//! documents print without the unit's header and number, with ruled space for what the applicant
//! writes by hand and a blank signature line. Print CSS in `style/documents.css` prints the open
//! sheet alone.

use leptos::prelude::*;

use crate::core::document::DocumentContent;
use crate::ui::components::case_form::article_label;

/// The document as printed. `draft` marks a preview before issue (no number yet).
#[component]
pub fn DocumentSheet(
    /// What to lay out.
    content: DocumentContent,
) -> impl IntoView {
    let number = content
        .number
        .clone()
        .unwrap_or_else(|| "文号于出具时分配".to_owned());
    let applicant = content.for_applicant;
    let draft = content.number.is_none() && !applicant;
    let fields = (!content.fields.is_empty()).then(|| {
        let rows = content
            .fields
            .iter()
            .map(|(k, v)| {
                view! {
                    <tr>
                        <th scope="row">{k.clone()}</th>
                        <td>{v.clone()}</td>
                    </tr>
                }
            })
            .collect_view();
        view! { <table class="doc__fields">{rows}</table> }
    });
    let addressee = (!content.addressee.is_empty())
        .then(|| view! { <p class="doc__addressee">{content.addressee.clone()}</p> });
    let paragraphs = content
        .paragraphs
        .iter()
        .map(|p| view! { <p class="doc__para">{p.clone()}</p> })
        .collect_view();
    let citations = content
        .citations
        .iter()
        .map(|c| {
            view! {
                <li>
                    <span class="doc__article">{format!("《实施细则》{}：", article_label(c.article))}</span>
                    "“" {c.text.clone()} "”"
                </li>
            }
        })
        .collect_view();
    let hand_filled = content
        .hand_filled
        .iter()
        .map(|heading| {
            let lines = (0..5)
                .map(|_| view! { <div class="doc__line"></div> })
                .collect_view();
            view! {
                <section class="doc__hand">
                    <h4>{heading.clone()}</h4>
                    {lines}
                </section>
            }
        })
        .collect_view();
    let sign = if applicant {
        view! {
            <div class="doc__sign doc__sign--applicant">
                <p>{content.issuer.clone()} <span class="doc__blank"></span></p>
                <p>{content.date.clone()}</p>
            </div>
        }
        .into_any()
    } else {
        view! {
            <div class="doc__sign">
                <p>{content.issuer.clone()}</p>
                <p>{content.date.clone()}</p>
            </div>
        }
        .into_any()
    };
    let note = (!content.note.is_empty()).then(
        || view! { <p class="doc__note" data-testid="document-note">{content.note.clone()}</p> },
    );
    let copies = (!content.copies_to.is_empty()).then(|| {
        view! {
            <p class="doc__copies">"抄报：" {content.copies_to.join("、")} "。"</p>
        }
    });
    view! {
        <article class="doc" class:doc--draft=draft class:doc--applicant=applicant data-testid="document-sheet" data-kind=content.kind.key()>
            {(!applicant).then(|| view! { <p class="doc__unit">{content.unit.clone()}</p> })}
            <h3 class="doc__title">{content.title.clone()}</h3>
            {(!applicant).then(|| view! { <p class="doc__number" data-testid="document-number">{number}</p> })}
            {addressee}
            {fields}
            {paragraphs}
            {hand_filled}
            <section class="doc__basis">
                <h4>"依据"</h4>
                <ul>{citations}</ul>
            </section>
            {sign}
            {note}
            {copies}
            {(!applicant).then(|| view! { <p class="doc__case">"案件编号：" {content.case_id.clone()}</p> })}
        </article>
    }
}
