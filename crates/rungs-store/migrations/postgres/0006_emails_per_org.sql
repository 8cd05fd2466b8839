-- An address is unique within an organization, not across the server: a person may have an
-- account in two organizations, and one organization's admin learns nothing of another's
-- accounts.

ALTER TABLE users DROP CONSTRAINT users_email_key;
ALTER TABLE users ADD CONSTRAINT users_org_email UNIQUE (org_id, email);
CREATE INDEX users_by_email ON users (email);
