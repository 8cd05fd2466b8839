-- A new framework version is a draft until an admin publishes it; the version in use is the
-- one published last (publishing an earlier version again is a rollback). Every version made
-- before drafts existed was in use as soon as it was made. An organization's first version is
-- published from the start: 0 stands for "when it was made" (the store reads it so).
ALTER TABLE frameworks ADD COLUMN published_at BIGINT DEFAULT 0;
ALTER TABLE frameworks ADD COLUMN published_by TEXT;
UPDATE frameworks SET published_at = created_at, published_by = created_by;
-- Levels of the version in use that a new version does not have, each mapped to one of its
-- levels (JSON: {"pm": "l3"}); publishing the version moves the people at each to it.
ALTER TABLE frameworks ADD COLUMN level_map TEXT;
