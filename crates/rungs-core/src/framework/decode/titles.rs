//! Decoding `[titles]`: the vocabulary job titles are read with.

use super::{at, each, within};
use crate::doc::{Table, join};
use crate::framework::model::{
    Abbreviation, AmbiguousTitle, GradeRule, OtherRole, PhraseRule, SeniorityWords, TitleCandidate,
    TitleVocabulary,
};

pub(super) fn titles(t: &Table<'_>) -> TitleVocabulary {
    let abbreviations = t
        .table("abbreviations")
        .map(|a| {
            let list = a
                .entries()
                .into_iter()
                .filter_map(|(from, node)| {
                    Some(Abbreviation {
                        at: node.path().to_owned(),
                        from,
                        to: node.text()?,
                    })
                })
                .collect();
            a.finish();
            list
        })
        .unwrap_or_default();
    TitleVocabulary {
        role_phrases: t.texts("role_phrases"),
        abbreviations,
        stopwords: t.texts("stopwords"),
        noise: t.texts("noise"),
        seniority: each(t, "seniority", |s| {
            let words = s
                .need("words", "[\"senior\"]")
                .map(|_| s.texts("words"))
                .unwrap_or_default();
            let level = s.need_id("level");
            Some(SeniorityWords {
                at: at(s),
                words,
                level: level?,
                programme: s.boolean("programme").unwrap_or(false),
            })
        }),
        grades: each(t, "grades", |g| {
            let level = g.need_id("level");
            let grades = g.need_ids("grades");
            Some(GradeRule {
                at: at(g),
                level: level?,
                grades,
                note: g.text("note"),
            })
        }),
        rules: each(t, "rules", |r| {
            let phrase = r.need_text("phrase");
            let level = r.need_id("level");
            let confidence = r.need("confidence", "0.6").and_then(|n| n.number());
            within(
                r,
                "confidence",
                confidence,
                0.01..=1.0,
                "a confidence runs from above 0 to 1",
            );
            let note = r.need_text("note");
            Some(PhraseRule {
                at: at(r),
                phrase: phrase?,
                level: level?,
                confidence: confidence?,
                note: note?,
            })
        }),
        other_roles: each(t, "other_roles", |o| {
            let id = o.need_id("id");
            let name = o.need_text("name");
            let phrases = o
                .need("phrases", "[\"program manager\"]")
                .map(|_| o.texts("phrases"))
                .unwrap_or_default();
            if phrases.is_empty() && o.get("phrases").is_some() {
                o.sink().error_at(
                    &join(o.path(), "phrases"),
                    "`phrases` is empty",
                    Some("list the phrases that name this role".into()),
                );
            }
            Some(OtherRole {
                at: at(o),
                id: id?,
                name: name?,
                phrases,
                note: o.text("note"),
            })
        }),
        ambiguous: each(t, "ambiguous", |a| {
            let title = a.need_text("title");
            let summary = a.need_text("summary");
            let candidates = each(a, "candidates", |c| {
                let level = c.need_id("level");
                let reason = c.need_text("reason");
                Some(TitleCandidate {
                    at: at(c),
                    level: level?,
                    reason: reason?,
                })
            });
            Some(AmbiguousTitle {
                at: at(a),
                title: title?,
                aliases: a.texts("aliases"),
                summary: summary?,
                candidates,
            })
        }),
    }
}
