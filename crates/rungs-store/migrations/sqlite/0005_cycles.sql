-- Review cycles: a named review of the whole organization or a part of it, on one framework
-- version kept for the whole cycle, moving through its stages. Each person in it has a record
-- with their self-assessment and their manager's rating, each not started, draft or submitted;
-- everything that happens in a cycle is kept as an event, never rewritten.

CREATE TABLE cycles (
    id INTEGER PRIMARY KEY,
    org_id BIGINT NOT NULL REFERENCES orgs (id),
    name TEXT NOT NULL,
    under_key TEXT,
    framework_version BIGINT NOT NULL,
    stage TEXT NOT NULL,
    self_due TEXT,
    manager_due TEXT,
    calibration_due TEXT,
    shared_due TEXT,
    created_at BIGINT NOT NULL,
    created_by TEXT NOT NULL,
    updated_at BIGINT NOT NULL
);
CREATE INDEX cycles_org ON cycles (org_id, id);

CREATE TABLE cycle_records (
    cycle_id BIGINT NOT NULL REFERENCES cycles (id),
    org_id BIGINT NOT NULL REFERENCES orgs (id),
    person_key TEXT NOT NULL,
    manager_key TEXT,
    own_state TEXT NOT NULL,
    own_body TEXT,
    own_at BIGINT,
    manager_state TEXT NOT NULL,
    manager_body TEXT,
    manager_by TEXT,
    manager_at BIGINT,
    shared_at BIGINT,
    version BIGINT NOT NULL,
    PRIMARY KEY (cycle_id, person_key)
);

CREATE TABLE cycle_events (
    id INTEGER PRIMARY KEY,
    cycle_id BIGINT NOT NULL REFERENCES cycles (id),
    org_id BIGINT NOT NULL REFERENCES orgs (id),
    person_key TEXT,
    kind TEXT NOT NULL,
    detail TEXT NOT NULL,
    reason TEXT,
    at BIGINT NOT NULL,
    by_name TEXT NOT NULL
);
CREATE INDEX cycle_events_cycle ON cycle_events (cycle_id, id);
