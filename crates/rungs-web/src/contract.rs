//! What the OpenAPI document states beyond the types it is generated from: that a name is
//! given and how long each text may be (from `rungs_core::limits`, their one home, written into
//! the document here so it cannot say one thing while the server refuses another), and that a
//! spreadsheet travels as bytes.

use rungs_core::limits;
use rungs_core::team::person::MAX_ID;
use utoipa::openapi::schema::{Object, Schema};
use utoipa::openapi::{OpenApi, RefOr};

/// (schema, property, fewest characters, most characters).
const TEXT: &[(&str, &str, usize, usize)] = &[
    ("Setup", "organization", 1, limits::NAME),
    ("Setup", "name", 1, limits::NAME),
    ("Setup", "email", 3, limits::EMAIL),
    (
        "Setup",
        "password",
        rungs_app::MIN_PASSWORD,
        limits::PASSWORD,
    ),
    ("Login", "email", 1, limits::EMAIL),
    ("Login", "password", 1, limits::PASSWORD),
    ("CreateUser", "name", 1, limits::NAME),
    ("CreateUser", "email", 3, limits::EMAIL),
    (
        "CreateUser",
        "password",
        rungs_app::MIN_PASSWORD,
        limits::PASSWORD,
    ),
    ("CreateUser", "person", 1, MAX_ID),
    ("UpdateUser", "person", 1, MAX_ID),
    ("CreateToken", "name", 1, limits::TOKEN_NAME),
    ("CycleInput", "name", 1, limits::CYCLE_NAME),
    // Empty or absent: everyone.
    ("CycleInput", "under", 0, MAX_ID),
    ("Reopen", "reason", 3, limits::REASON),
    ("RatingChange", "reason", 3, limits::REASON),
    ("RatingChange", "competency", 1, MAX_ID),
    ("RatingChange", "rating", 1, MAX_ID),
    ("PartInput", "notes", 0, limits::NOTES),
    ("EvidenceInput", "milestone", 1, MAX_ID),
    ("EvidenceInput", "note", 1, limits::EVIDENCE),
    ("EvidenceInput", "link", 0, limits::LINK),
    ("Document", "person", 1, limits::NAME),
    ("Document", "notes", 1, limits::NOTES),
    ("Assessor", "name", 1, limits::NAME),
    ("RatingEntry", "evidence", 1, limits::EVIDENCE),
    ("MilestoneEntry", "evidence", 1, limits::EVIDENCE),
    ("PersonBody", "id", 0, MAX_ID),
    ("PersonBody", "name", 1, limits::NAME),
    ("PersonBody", "email", 0, limits::EMAIL),
    ("PersonBody", "title", 0, limits::TITLE),
    ("PersonBody", "location", 0, limits::LOCATION),
    ("PersonBody", "manager", 0, MAX_ID),
];

/// Media types of files sent and received as they are.
const BINARY: [&str; 2] = [
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "application/vnd.oasis.opendocument.spreadsheet",
];

/// Writes what the types alone do not say into the document.
pub(crate) fn state(doc: &mut OpenApi) {
    state_text_limits(doc);
    state_binary(doc);
}

/// A spreadsheet is a file of bytes (`type: string, format: binary`), not a list of numbers.
fn state_binary(doc: &mut OpenApi) {
    use utoipa::openapi::schema::{KnownFormat, SchemaFormat, SchemaType, Type};
    let bytes = || {
        let mut o = Object::with_type(SchemaType::Type(Type::String));
        o.format = Some(SchemaFormat::KnownFormat(KnownFormat::Binary));
        RefOr::T(Schema::Object(o))
    };
    for item in doc.paths.paths.values_mut() {
        for op in [
            &mut item.get,
            &mut item.put,
            &mut item.post,
            &mut item.patch,
        ]
        .into_iter()
        .flatten()
        {
            let bodies = op
                .request_body
                .iter_mut()
                .flat_map(|b| b.content.iter_mut());
            let answers = op.responses.responses.values_mut().flat_map(|r| match r {
                RefOr::T(r) => Some(r.content.iter_mut()),
                RefOr::Ref(_) => None,
            });
            for (media, content) in bodies.chain(answers.flatten()) {
                if BINARY.contains(&media.as_str()) {
                    content.schema = Some(bytes());
                }
            }
        }
    }
}

/// Writes the length of every text in [`TEXT`] into the document's schemas.
fn state_text_limits(doc: &mut OpenApi) {
    let Some(components) = doc.components.as_mut() else {
        return;
    };
    for (schema, property, min, max) in TEXT {
        let Some(RefOr::T(s)) = components.schemas.get_mut(*schema) else {
            continue;
        };
        for object in objects(s) {
            if let Some(RefOr::T(Schema::Object(p))) = object.properties.get_mut(*property) {
                p.min_length = (*min > 0).then_some(*min);
                p.max_length = Some(*max);
            }
        }
    }
}

/// A schema's objects: itself, or each object it may be (`oneOf`, `allOf`, `anyOf`).
fn objects(schema: &mut Schema) -> Vec<&mut Object> {
    match schema {
        Schema::Object(o) => vec![o],
        Schema::OneOf(one) => one
            .items
            .iter_mut()
            .filter_map(|i| match i {
                RefOr::T(Schema::Object(o)) => Some(o),
                _ => None,
            })
            .collect(),
        Schema::AllOf(all) => all
            .items
            .iter_mut()
            .filter_map(|i| match i {
                RefOr::T(Schema::Object(o)) => Some(o),
                _ => None,
            })
            .collect(),
        Schema::AnyOf(any) => any
            .items
            .iter_mut()
            .filter_map(|i| match i {
                RefOr::T(Schema::Object(o)) => Some(o),
                _ => None,
            })
            .collect(),
        _ => Vec::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_text_limit_lands_in_the_document() {
        let doc = crate::openapi();
        let schemas = &doc.components.as_ref().expect("components").schemas;
        for (schema, property, _, max) in TEXT {
            let found = serde_json::to_value(schemas.get(*schema).expect(schema)).expect("json");
            let text = found.to_string();
            assert!(
                text.contains(&format!("\"maxLength\":{max}")),
                "{schema}.{property} does not say its limit: {text}"
            );
        }
    }
}
