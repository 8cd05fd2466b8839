-- Assessments as typed fields instead of one JSON document: the track, the level held, the
-- ratings as one byte per competency of the framework version (see rungs-core's
-- `assessment::stored`), the milestones met, evidence and notes. Rows stored before this keep
-- their document in `legacy_body` until the server converts them (rungs-app's upgrade).

ALTER TABLE assessments RENAME COLUMN body TO legacy_body;
ALTER TABLE assessments ALTER COLUMN legacy_body DROP NOT NULL;
ALTER TABLE assessments
    ADD COLUMN track TEXT,
    ADD COLUMN level TEXT,
    -- One byte per competency as two hex digits (see above).
    ADD COLUMN ratings TEXT,
    -- Milestone ids met, separated by ';'.
    ADD COLUMN milestones TEXT,
    -- Evidence as JSON: {"ratings": {competency: text}, "milestones": {milestone: text}}.
    ADD COLUMN evidence TEXT,
    ADD COLUMN notes TEXT;
ALTER TABLE assessments ADD CONSTRAINT assessments_kind
    CHECK (assessor_kind IN ('self', 'manager', 'peer'));
CREATE INDEX assessments_by_version ON assessments (org_id, framework_version);

-- Whole organizations are read a page at a time in the order rows were added (see
-- rungs-store's `sql/bulk.rs`): these let a page be found without sorting.
CREATE INDEX people_by_org_id ON people (org_id, id);
CREATE INDEX assessments_by_org_id ON assessments (org_id, id);
