//! The ids that cross layers, each its own type: a person's roster id is never a level's, and
//! a review's number is never a framework version's (or a row's edit count). They are only
//! names: whether one exists is for the roster, the framework or the store to say.
//!
//! Each is kept as the text or number it is written as (`serde(transparent)`), so files, the
//! database and the API see the same value they always have.

use std::borrow::Borrow;
use std::fmt;
use std::ops::Deref;

use serde::{Deserialize, Serialize};

macro_rules! text_id {
    ($(#[$doc:meta])* $name:ident, $what:literal) => {
        $(#[$doc])*
        #[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Default, Serialize, Deserialize)]
        #[serde(transparent)]
        pub struct $name(String);

        impl $name {
            pub fn new(id: impl Into<String>) -> $name {
                $name(id.into())
            }

            pub fn as_str(&self) -> &str {
                &self.0
            }

            pub fn into_string(self) -> String {
                self.0
            }
        }

        impl Deref for $name {
            type Target = str;
            fn deref(&self) -> &str {
                &self.0
            }
        }

        impl AsRef<str> for $name {
            fn as_ref(&self) -> &str {
                &self.0
            }
        }

        impl Borrow<str> for $name {
            fn borrow(&self) -> &str {
                &self.0
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(&self.0)
            }
        }

        impl From<String> for $name {
            fn from(id: String) -> $name {
                $name(id)
            }
        }

        impl From<&str> for $name {
            fn from(id: &str) -> $name {
                $name(id.to_owned())
            }
        }

        impl From<$name> for String {
            fn from(id: $name) -> String {
                id.0
            }
        }

        impl PartialEq<str> for $name {
            fn eq(&self, other: &str) -> bool {
                self.0 == other
            }
        }

        impl PartialEq<&str> for $name {
            fn eq(&self, other: &&str) -> bool {
                self.0 == *other
            }
        }

        impl PartialEq<String> for $name {
            fn eq(&self, other: &String) -> bool {
                &self.0 == other
            }
        }

        impl PartialEq<$name> for str {
            fn eq(&self, other: &$name) -> bool {
                self == other.0
            }
        }

        impl PartialEq<$name> for &str {
            fn eq(&self, other: &$name) -> bool {
                *self == other.0
            }
        }

        impl PartialEq<$name> for String {
            fn eq(&self, other: &$name) -> bool {
                *self == other.0
            }
        }

        impl From<&String> for $name {
            fn from(id: &String) -> $name {
                $name(id.clone())
            }
        }

        impl From<&$name> for $name {
            fn from(id: &$name) -> $name {
                id.clone()
            }
        }

        #[cfg(feature = "openapi")]
        impl utoipa::PartialSchema for $name {
            fn schema() -> utoipa::openapi::RefOr<utoipa::openapi::schema::Schema> {
                use utoipa::openapi::schema::{ObjectBuilder, Type};
                ObjectBuilder::new()
                    .schema_type(Type::String)
                    .description(Some($what))
                    .into()
            }
        }

        #[cfg(feature = "openapi")]
        impl utoipa::ToSchema for $name {}
    };
}

macro_rules! number_id {
    ($(#[$doc:meta])* $name:ident, $what:literal) => {
        $(#[$doc])*
        #[derive(
            Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Default, Serialize, Deserialize,
        )]
        #[serde(transparent)]
        pub struct $name(pub i64);

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                write!(f, "{}", self.0)
            }
        }

        impl From<i64> for $name {
            fn from(id: i64) -> $name {
                $name(id)
            }
        }

        impl std::str::FromStr for $name {
            type Err = std::num::ParseIntError;
            fn from_str(s: &str) -> Result<$name, Self::Err> {
                s.parse().map($name)
            }
        }

        #[cfg(feature = "openapi")]
        impl utoipa::PartialSchema for $name {
            fn schema() -> utoipa::openapi::RefOr<utoipa::openapi::schema::Schema> {
                use utoipa::openapi::schema::{KnownFormat, ObjectBuilder, SchemaFormat, Type};
                ObjectBuilder::new()
                    .schema_type(Type::Integer)
                    .format(Some(SchemaFormat::KnownFormat(KnownFormat::Int64)))
                    .description(Some($what))
                    .into()
            }
        }

        #[cfg(feature = "openapi")]
        impl utoipa::ToSchema for $name {}
    };
}

text_id! {
    /// A person's id on the roster (`p-000049`, `ana`): how assessments, reviews and managers
    /// name them.
    PersonId,
    "A person's id on the roster."
}

text_id! {
    /// A level's id in a framework (`senior-pm`).
    LevelId,
    "A level's id in the framework."
}

text_id! {
    /// A competency's id in a framework (`business-model`).
    CompetencyId,
    "A competency's id in the framework."
}

number_id! {
    /// A review cycle's number within its organization.
    CycleId,
    "A review cycle's number."
}

number_id! {
    /// A framework version's number within its organization: which ladder an assessment or a
    /// review was made against. Not a row's edit count (the `version` an `If-Match` names).
    VersionId,
    "A framework version's number."
}

number_id! {
    /// A kept assessment's number within its organization.
    AssessmentId,
    "An assessment's number."
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_id_reads_and_writes_as_the_text_it_is() {
        let id: PersonId = serde_json::from_str("\"p-000049\"").unwrap();
        assert_eq!(id, "p-000049");
        assert_eq!(serde_json::to_string(&id).unwrap(), "\"p-000049\"");
        assert_eq!(id.to_string(), "p-000049");
    }

    #[test]
    fn a_number_id_reads_and_writes_as_the_number_it_is() {
        let id: CycleId = serde_json::from_str("7").unwrap();
        assert_eq!(id, CycleId(7));
        assert_eq!(serde_json::to_string(&VersionId(3)).unwrap(), "3");
        assert_eq!("12".parse::<CycleId>().unwrap(), CycleId(12));
        assert!("twelve".parse::<CycleId>().is_err());
    }

    #[test]
    fn a_text_id_finds_its_entry_in_a_map_keyed_by_it() {
        let mut m = std::collections::HashMap::new();
        m.insert(LevelId::from("pm"), 1);
        assert_eq!(m.get("pm"), Some(&1));
    }
}
