-- An account can be disabled (it keeps its history but can no longer sign in or use its tokens),
-- and a new account can be given a one-time link to choose its own password: only the link's
-- digest is kept, until it is used or runs out.

ALTER TABLE users ADD COLUMN disabled_at BIGINT;

CREATE TABLE invites (
    token_hash TEXT PRIMARY KEY,
    org_id BIGINT NOT NULL REFERENCES orgs (id),
    user_id BIGINT NOT NULL REFERENCES users (id),
    expires_at BIGINT NOT NULL
);
