-- A review's records by the manager they are recorded with: each manager's to-dos are read
-- by it, not found among everyone's.
CREATE INDEX cycle_records_by_manager ON cycle_records (cycle_id, manager_key);
