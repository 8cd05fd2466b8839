-- Work in progress a person keeps between visits, such as a self-assessment not yet saved: one
-- draft per user and key, replaced as it changes and removed when the work is saved.

CREATE TABLE drafts (
    org_id BIGINT NOT NULL REFERENCES orgs (id),
    user_id BIGINT NOT NULL REFERENCES users (id),
    key TEXT NOT NULL,
    body TEXT NOT NULL,
    updated_at BIGINT NOT NULL,
    PRIMARY KEY (org_id, user_id, key)
);
