//! Changing the framework: a file uploaded, or values edited in place, each a new version.

use super::*;
use rungs_core::VersionId;

pub(super) async fn upload(
    State(state): State<AppState>,
    Member(m): Member,
    parts: Multipart,
) -> Result<Response, PageError> {
    admin(&m)?;
    let file = crate::pages::form::upload_named(&m.csrf, parts, rungs_app::sheets::MAX_SPREADSHEET)
        .await?;
    let refuse = |title: String, problems: Vec<Problem>| async {
        Ok::<Response, PageError>(
            (
                StatusCode::UNPROCESSABLE_ENTITY,
                overview(&state, &m, Some((title, problems)), None).await?,
            )
                .into_response(),
        )
    };
    let Some((name, bytes)) = file else {
        return refuse(
            "No file was chosen".into(),
            vec![Problem::at(
                "file",
                "choose a framework file to upload",
                None,
            )],
        )
        .await;
    };
    let current = state.app.frameworks().newest_framework(&m.actor).await?;
    // The file's kind is read from its bytes; its name only names it in what is said.
    let saved = state
        .app
        .frameworks()
        .upload_framework(&m.actor, current, &name, bytes)
        .await;
    match saved {
        Ok(saved) => Ok(crate::pages::form::redirect(&preview_url(&saved)).into_response()),
        Err(AppError::Invalid { title, problems }) => refuse(title, problems).await,
        Err(e) => Err(e.into()),
    }
}

#[derive(Debug, Deserialize)]
pub(super) struct Part {
    part: Option<String>,
}

/// One value a form edits: its path in the file, its label and what it holds now.
pub(super) struct Field {
    path: String,
    label: String,
    group: String,
    value: String,
    number: bool,
}

/// The values of one part of the framework file, each at the path the loader names it by.
pub(super) fn fields(tree: &Value, part: &str) -> Vec<Field> {
    let mut out = Vec::new();
    let text = |v: Option<&Value>| match v {
        Some(Value::String(s)) => s.clone(),
        Some(Value::Integer(n)) => n.to_string(),
        Some(other) => other.to_string(),
        None => String::new(),
    };
    let list = |v: Option<&Value>| v.and_then(Value::as_array).cloned().unwrap_or_default();
    match part {
        "titles" => {
            for (i, l) in list(tree.get("levels")).iter().enumerate() {
                let id = text(l.get("id"));
                for (key, what) in [("title", "Title"), ("short_title", "Short title")] {
                    out.push(Field {
                        path: format!("levels[{i}].{key}"),
                        label: what.into(),
                        group: id.clone(),
                        value: text(l.get(key)),
                        number: false,
                    });
                }
            }
        }
        "expectations" => {
            for (a, area) in list(tree.get("areas")).iter().enumerate() {
                for (c, comp) in list(area.get("competencies")).iter().enumerate() {
                    let name = text(comp.get("name"));
                    for (e, exp) in list(comp.get("expectations")).iter().enumerate() {
                        let levels: Vec<String> = list(exp.get("levels"))
                            .iter()
                            .map(|l| text(Some(l)))
                            .collect();
                        out.push(Field {
                            path: format!("areas[{a}].competencies[{c}].expectations[{e}].text"),
                            label: levels.join(", "),
                            group: name.clone(),
                            value: text(exp.get("text")),
                            number: false,
                        });
                    }
                }
            }
        }
        _ => {
            let bands = tree
                .get("compensation")
                .and_then(|c| c.get("bands"))
                .and_then(Value::as_array)
                .cloned()
                .unwrap_or_default();
            for (b, band) in bands.iter().enumerate() {
                let levels: Vec<String> = list(band.get("levels"))
                    .iter()
                    .map(|l| text(Some(l)))
                    .collect();
                if let Some(ranges) = band.get("ranges").and_then(Value::as_table) {
                    for (stage, range) in ranges {
                        for key in ["min", "max"] {
                            out.push(Field {
                                path: format!("compensation.bands[{b}].ranges.{stage}.{key}"),
                                label: format!("{stage}, {key}"),
                                group: levels.join(", "),
                                value: text(range.get(key)),
                                number: true,
                            });
                        }
                    }
                }
            }
        }
    }
    out
}

pub(super) fn part_title(part: &str) -> &'static str {
    match part {
        "titles" => "Level titles",
        "expectations" => "Expectations",
        _ => "Pay bands",
    }
}

pub(super) fn edit_page(
    m: &SignedViewer,
    part: &str,
    version: VersionId,
    list: &[Field],
    sent: Option<&Form>,
    errors: &FieldErrors,
    other: &[Problem],
) -> Markup {
    let title = part_title(part);
    let mut groups: Vec<&str> = Vec::new();
    for f in list {
        if !groups.contains(&f.group.as_str()) {
            groups.push(&f.group);
        }
    }
    page(
        &m.nav().at("/admin"),
        title,
        html! {
            h1 { (title) }
            p { "Change what you need and save: the result is checked by the same loader as an uploaded file and becomes a new version; each problem is said beside its field." }
            (errors.summary())
            @if !other.is_empty() {
                @if errors.list.is_empty() {
                    (problems_box("The change is refused", other))
                } @else {
                    details {
                        summary { (rungs_core::words::count(other.len(), "more problem follows", "more problems follow")) " from the ones above" }
                        (problems_box("What else the change would break", other))
                    }
                }
            }
            form.stack method="post" action={ "/admin/framework/edit?part=" (part) } novalidate {
                (csrf(&m.csrf))
                input type="hidden" name="after" value=(version);
                @for g in &groups {
                    fieldset {
                        legend { (g) }
                        @for f in list.iter().filter(|f| f.group == *g) {
                            @let value = sent.and_then(|s| s.value(&f.path)).unwrap_or(f.value.as_str());
                            @let error = errors.of(&f.path);
                            div.field.has-error[error.is_some()] {
                                label for=(f.path) { (f.label) span.visually-hidden { " (" (g) ")" } }
                                @if let Some(e) = error { span.field-error id={ (f.path) "-error" } { "Error: " (e) } }
                                @if f.number {
                                    input type="text" inputmode="numeric" id=(f.path) name=(f.path) value=(value) aria-invalid=[error.map(|_| "true")];
                                } @else {
                                    input type="text" id=(f.path) name=(f.path) value=(value) aria-invalid=[error.map(|_| "true")];
                                }
                            }
                        }
                    }
                }
                div.actions { button type="submit" { "Save as a new version" } a.button.secondary href="/admin/framework" { "Cancel" } }
            }
        },
    )
}

pub(super) async fn edit_get(
    State(state): State<AppState>,
    Member(m): Member,
    Query(q): Query<Part>,
) -> Result<Response, PageError> {
    admin(&m)?;
    let part = q.part.as_deref().unwrap_or("titles");
    // Edits are made on the newest version: a draft, when one is waiting.
    let newest = state.app.frameworks().newest_framework(&m.actor).await?;
    let (version, source) = state
        .app
        .frameworks()
        .framework_source(&m.actor, Some(newest))
        .await?;
    let tree = document::tree(&source).map_err(AppError::Internal)?;
    let list = fields(&tree, part);
    Ok(edit_page(&m, part, version, &list, None, &FieldErrors::default(), &[]).into_response())
}

pub(super) async fn edit_post(
    State(state): State<AppState>,
    Member(m): Member,
    Query(q): Query<Part>,
    form: Form,
) -> Result<Response, PageError> {
    admin(&m)?;
    let part = q.part.as_deref().unwrap_or("titles");
    let after = VersionId(form.get("after").parse().unwrap_or(0));
    let (_, source) = state
        .app
        .frameworks()
        .framework_source(&m.actor, Some(after))
        .await?;
    let tree = document::tree(&source).map_err(AppError::Internal)?;
    let list = fields(&tree, part);
    // Only what was sent and changed is written; a number stays text when it is not one, for
    // the loader to say so.
    let changes: Vec<(String, Value)> = list
        .iter()
        .filter_map(|f| form.value(&f.path).map(|v| (f, v.trim())))
        .filter(|(f, text)| *text != f.value)
        .map(|(f, text)| {
            let value = match text.replace(['_', ','], "").parse::<i64>() {
                Ok(n) if f.number => Value::Integer(n),
                _ => Value::String(text.to_owned()),
            };
            (f.path.clone(), value)
        })
        .collect();
    if changes.is_empty() {
        return Ok(crate::pages::form::redirect(&done_url(
            "Nothing was changed, so no new version was made.",
        ))
        .into_response());
    }
    match state
        .app
        .frameworks()
        .edit_framework(&m.actor, after, changes)
        .await
    {
        Ok(saved) => Ok(crate::pages::form::redirect(&preview_url(&saved)).into_response()),
        Err(AppError::Invalid { problems, .. }) => {
            // A problem at a field of this form is said beside it; the others above the form.
            let (mine, other): (Vec<Problem>, Vec<Problem>) = problems.into_iter().partition(|p| {
                list.iter()
                    .any(|f| Some(&f.path) == p.path.as_ref() || f.path == p.location)
            });
            let errors = FieldErrors {
                list: mine
                    .into_iter()
                    .map(|p| (p.path.clone().unwrap_or(p.location), p.message))
                    .collect(),
            };
            Ok((
                StatusCode::UNPROCESSABLE_ENTITY,
                edit_page(&m, part, after, &list, Some(&form), &errors, &other),
            )
                .into_response())
        }
        Err(e) => Err(e.into()),
    }
}
