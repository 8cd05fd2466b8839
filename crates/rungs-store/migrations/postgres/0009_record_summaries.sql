-- What calibration reads of each submitted part (who rated, the track, the level held, the
-- ratings as codes, the milestones met), kept beside the part's body: a review of 100,000
-- records calibrates from these few bytes each, not from every body read whole.
ALTER TABLE cycle_records ADD COLUMN own_summary TEXT;
ALTER TABLE cycle_records ADD COLUMN manager_summary TEXT;
-- Where each record stands and its summaries, read without the bodies beside them.
CREATE INDEX cycle_records_states ON cycle_records (org_id, cycle_id, person_key)
    INCLUDE (manager_key, own_state, own_at, manager_state, manager_by, manager_at, shared_at,
    version, own_summary, manager_summary);
