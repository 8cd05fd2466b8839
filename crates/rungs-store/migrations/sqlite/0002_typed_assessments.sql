-- Assessments as typed fields instead of one JSON document: the track, the level held, the
-- ratings as one byte per competency of the framework version (see rungs-core's
-- `assessment::stored`), the milestones met, evidence and notes. Rows stored before this keep
-- their document in `legacy_body` until the server converts them (rungs-app's upgrade).

CREATE TABLE assessments_typed (
    id INTEGER PRIMARY KEY,
    org_id BIGINT NOT NULL REFERENCES orgs (id),
    person_key TEXT NOT NULL,
    framework_version BIGINT NOT NULL,
    date TEXT NOT NULL,
    assessor_kind TEXT NOT NULL CHECK (assessor_kind IN ('self', 'manager', 'peer')),
    assessor TEXT NOT NULL,
    track TEXT,
    level TEXT,
    -- One byte per competency as two hex digits (see above).
    ratings TEXT,
    -- Milestone ids met, separated by ';'.
    milestones TEXT,
    -- Evidence as JSON: {"ratings": {competency: text}, "milestones": {milestone: text}}.
    evidence TEXT,
    notes TEXT,
    legacy_body TEXT,
    created_at BIGINT NOT NULL,
    created_by TEXT NOT NULL
);

INSERT INTO assessments_typed (id, org_id, person_key, framework_version, date, assessor_kind,
    assessor, legacy_body, created_at, created_by)
SELECT id, org_id, person_key, framework_version, date, assessor_kind, assessor, body,
    created_at, created_by
FROM assessments;

DROP TABLE assessments;
ALTER TABLE assessments_typed RENAME TO assessments;
CREATE INDEX assessments_by_person ON assessments (org_id, person_key, date);
CREATE INDEX assessments_by_version ON assessments (org_id, framework_version);

-- Whole organizations are read a page at a time in the order rows were added (see
-- rungs-store's `sql/bulk.rs`): these let a page be found without sorting.
CREATE INDEX people_by_org_id ON people (org_id, id);
CREATE INDEX assessments_by_org_id ON assessments (org_id, id);
