//! Who someone is to the organization's records: the roles an account may have. What each
//! may see and do is the application's policy; the words for them are here, once.

use serde::{Deserialize, Serialize};

/// What a user may see and do: the whole organization, their reports (transitively) and
/// themselves, or only themselves.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "lowercase")]
pub enum Role {
    Admin,
    Manager,
    Member,
}

impl Role {
    pub fn as_str(self) -> &'static str {
        match self {
            Role::Admin => "admin",
            Role::Manager => "manager",
            Role::Member => "member",
        }
    }

    pub fn parse(s: &str) -> Option<Role> {
        match s {
            "admin" => Some(Role::Admin),
            "manager" => Some(Role::Manager),
            "member" => Some(Role::Member),
            _ => None,
        }
    }
}
