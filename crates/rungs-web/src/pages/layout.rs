//! The one layout every page shares: a skip link, the navigation for the viewer's role, the
//! page's main content and a footer.

use maud::{DOCTYPE, Markup, html};
use rungs_app::Actor;
use rungs_app::Role;

/// The navigation a page shows: what the viewer may go to, and where they are.
#[derive(Debug, Clone)]
pub(crate) struct Nav {
    user: Option<NavUser>,
    current: String,
}

#[derive(Debug, Clone)]
struct NavUser {
    name: String,
    role: Role,
    csrf: String,
}

/// The sections of the site, for everyone signed in.
const MEMBER_LINKS: [(&str, &str); 9] = [
    ("/", "Where I stand"),
    ("/cycles", "Reviews"),
    ("/ladder", "Ladder"),
    ("/assess", "Assess"),
    ("/path", "Path"),
    ("/track", "Track"),
    ("/pay", "Pay"),
    ("/titles", "Titles"),
    ("/explore", "Explore"),
];

impl Nav {
    pub(crate) fn visitor() -> Nav {
        Nav {
            user: None,
            current: String::new(),
        }
    }

    pub(crate) fn signed(actor: &Actor, csrf: &str) -> Nav {
        Nav {
            user: actor.user.as_ref().map(|u| NavUser {
                name: u.name.clone(),
                role: u.role,
                csrf: csrf.to_owned(),
            }),
            current: String::new(),
        }
    }

    /// The same navigation, marking the section the page belongs to.
    pub(crate) fn at(mut self, path: &str) -> Nav {
        path.clone_into(&mut self.current);
        self
    }

    fn links(&self) -> Vec<(&'static str, &'static str)> {
        let mut links: Vec<(&str, &str)> = Vec::new();
        if let Some(u) = &self.user {
            links.extend(MEMBER_LINKS);
            match u.role {
                Role::Admin => links.extend([
                    ("/team", "Everyone"),
                    ("/org", "Organization"),
                    ("/admin", "Admin"),
                ]),
                Role::Manager => {
                    links.extend([("/team", "My people"), ("/org", "My organization")])
                }
                Role::Member => {}
            }
        } else {
            links.extend([("/", "Rungs"), ("/sign-in", "Sign in")]);
        }
        links
    }
}

/// A whole page: the layout around `main`, titled `title`.
pub(crate) fn page(nav: &Nav, title: &str, main: Markup) -> Markup {
    html! {
        (DOCTYPE)
        html lang="en" {
            head {
                meta charset="utf-8";
                meta name="viewport" content="width=device-width, initial-scale=1";
                title { (title) " · Rungs" }
                link rel="stylesheet" href="/static/rungs.css";
            }
            body {
                a.skip href="#main" { "Skip to the content" }
                header.site {
                    div.bar {
                        a.brand href="/" { "Rungs" }
                        nav.main aria-label="Main" {
                            ul {
                                @for (href, label) in nav.links() {
                                    li {
                                        @if nav.current == href {
                                            a href=(href) aria-current="page" { (label) }
                                        } @else {
                                            a href=(href) { (label) }
                                        }
                                    }
                                }
                            }
                        }
                        @if let Some(u) = &nav.user {
                            nav.you aria-label="Your account" {
                                ul {
                                    li { span.muted { (u.name) " (" (u.role.as_str()) ")" } }
                                    li { a href="/account/password" { "Password" } }
                                    li {
                                        form method="post" action="/sign-out" {
                                            input type="hidden" name="csrf" value=(u.csrf);
                                            button.link type="submit" { "Sign out" }
                                        }
                                    }
                                }
                            }
                        }
                    }
                }
                main #main tabindex="-1" { (main) }
                footer.site {
                    p { "Rungs: the product-management career ladder. Every figure comes from the organization's framework." }
                }
            }
        }
    }
}
