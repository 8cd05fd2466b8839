//! `/admin`: the organization's own settings: its company stage and pay zone, set once and
//! used by the pay page and the team's pay figures.

use rungs_app::OrgPay;
use rungs_core::Framework;

use super::*;

/// The form, with what is set (or what was sent, when refused).
pub(super) fn settings_form(
    m: &SignedViewer,
    fw: &Framework,
    org: &OrgPay,
    errors: &FieldErrors,
) -> Markup {
    let stages = fw
        .compensation()
        .map(|c| c.stages.as_slice())
        .unwrap_or_default();
    let zones = fw.pay_zones();
    html! {
        section.card aria-labelledby="org-pay" {
            h2 #org-pay { "The organization's company stage" }
            p { "Pay bands differ by company stage. Set the organization's once: the pay page opens on its band, and the team's pay figures use it for anyone the roster gives no stage." }
            (errors.summary())
            form.stack method="post" action="/admin/settings" novalidate {
                (csrf(&m.csrf))
                div.field.has-error[errors.of("stage").is_some()] {
                    label for="stage" { "Company stage" }
                    @if let Some(e) = errors.of("stage") { span.field-error id="stage-error" { "Error: " (e) } }
                    select #stage name="stage" {
                        option value="" selected[org.stage.is_none()] { "Not set" }
                        @for s in stages {
                            option value=(s.id) selected[org.stage.as_deref() == Some(s.id.as_str())] { (s.name) }
                        }
                    }
                }
                @if zones.len() > 1 {
                    div.field.has-error[errors.of("zone").is_some()] {
                        label for="zone" { "Pay zone" }
                        @if let Some(e) = errors.of("zone") { span.field-error id="zone-error" { "Error: " (e) } }
                        select #zone name="zone" {
                            option value="" selected[org.zone.is_none()] { "The framework's own bands" }
                            @for z in &zones {
                                option value=(z.id) selected[org.zone.as_deref() == Some(z.id)] { (z.name) " (" (z.currency) ")" }
                            }
                        }
                    }
                }
                div.actions { button type="submit" { "Save the stage" } }
            }
        }
    }
}

pub(super) async fn save_settings(
    State(state): State<AppState>,
    Member(m): Member,
    form: Form,
) -> Result<Response, PageError> {
    admin(&m)?;
    let sent = OrgPay {
        stage: Some(form.get("stage").to_owned()),
        zone: Some(form.get("zone").to_owned()),
    };
    match state
        .app
        .accounts()
        .set_org_pay(&m.actor, sent.clone())
        .await
    {
        Ok(_) => Ok(super::super::form::redirect(&with_note(
            "/admin",
            "The company stage is saved.",
        ))
        .into_response()),
        Err(e @ AppError::Invalid { .. }) => {
            let errors = FieldErrors::from_error(e)?;
            let (_, fw) = state.app.framework(m.actor.org).await?;
            Ok((
                StatusCode::UNPROCESSABLE_ENTITY,
                index_page(&m, &fw, &sent, &errors, None),
            )
                .into_response())
        }
        Err(e) => Err(e.into()),
    }
}
