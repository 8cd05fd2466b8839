-- An address is unique within an organization, not across the server: a person may have an
-- account in two organizations, and one organization's admin learns nothing of another's
-- accounts. SQLite cannot drop a column's UNIQUE, so the table is made again with the same rows
-- (and ids); the foreign keys that point at it are checked when the migration commits.

PRAGMA defer_foreign_keys = ON;

CREATE TABLE users_before AS SELECT * FROM users;
DROP TABLE users;
CREATE TABLE users (
    id INTEGER PRIMARY KEY,
    org_id BIGINT NOT NULL REFERENCES orgs (id),
    email TEXT NOT NULL,
    name TEXT NOT NULL,
    password_hash TEXT NOT NULL,
    role TEXT NOT NULL CHECK (role IN ('admin', 'manager', 'member')),
    person_key TEXT,
    version BIGINT NOT NULL,
    created_at BIGINT NOT NULL,
    disabled_at BIGINT,
    UNIQUE (org_id, email)
);
INSERT INTO users (id, org_id, email, name, password_hash, role, person_key, version, created_at, disabled_at)
    SELECT id, org_id, email, name, password_hash, role, person_key, version, created_at, disabled_at
    FROM users_before;
DROP TABLE users_before;
CREATE INDEX users_by_org ON users (org_id);
CREATE INDEX users_by_email ON users (email);
