//! `rungs admin create`: an organization's first admin, or another admin, from the command line.

use super::*;

pub(crate) fn read_password(from_stdin: bool, input: &mut Prompter<'_>) -> Result<String> {
    if from_stdin {
        // Through the prompter, which holds stdin's lock for the whole run.
        return input.line().context("reading the password from stdin");
    }
    if let Ok(p) = std::env::var("RUNGS_ADMIN_PASSWORD") {
        return Ok(p);
    }
    if !std::io::stdin().is_terminal() {
        bail!("give the password with --password-stdin or RUNGS_ADMIN_PASSWORD");
    }
    let first = rpassword::prompt_password("Password: ")?;
    let again = rpassword::prompt_password("Again: ")?;
    if first != again {
        bail!("the two passwords differ");
    }
    Ok(first)
}

pub(crate) fn admin_create(
    email: &str,
    name: &str,
    organization: &str,
    password_stdin: bool,
    db: &DbArgs,
    input: &mut Prompter<'_>,
) -> Result<Output> {
    let config = config(db, None)?;
    let password = read_password(password_stdin, input)?;
    runtime()?.block_on(async move {
        let app = open(&config).await?;
        // On an empty database, the organization is made with its first admin, once: a second
        // `admin create` at the same moment adds its admin to that organization instead.
        if let Some((org, admin)) = app
            .accounts()
            .create_first_org(organization, name, email, password.clone())
            .await
            .map_err(said)?
        {
            return Ok(Output::text(format!(
                "Created the organization \"{}\" (id {}) with its first admin, {}. Start the server with `rungs serve{}`.\n",
                org.name,
                org.id.0,
                admin.email,
                db.db
                    .as_deref()
                    .map_or(String::new(), |u| format!(" --db {}", rungs_app::redact(u)))
            )));
        }
        let org = app.accounts().pick_org(db.org).await.map_err(said)?;
        let user = app
            .accounts()
            .add_admin(org, email, name, password)
            .await
            .map_err(said)?;
        Ok(Output::text(format!(
            "Added {} as an admin of organization {}.\n",
            user.email, org.0
        )))
    })
}
