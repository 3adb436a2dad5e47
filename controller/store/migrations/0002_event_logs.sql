-- Live hook output, line by line, per command (one lifecycle event on one host).
-- seq orders every line the controller has stored, so readers can resume after the last
-- one they saw; (command_id, line_no) makes a retried append change nothing.
CREATE TABLE event_log_lines (
  seq INTEGER PRIMARY KEY AUTOINCREMENT,
  command_id TEXT NOT NULL,
  line_no INTEGER NOT NULL,
  deployment_id TEXT NOT NULL,
  instance_name TEXT NOT NULL,
  event_name TEXT NOT NULL,
  time_ms INTEGER NOT NULL,
  stream TEXT NOT NULL,
  text TEXT NOT NULL,
  UNIQUE (command_id, line_no)
);
CREATE INDEX event_log_lines_by_deployment ON event_log_lines (deployment_id, seq);

-- Bytes stored per command, so the per-event cap is checked without summing lines.
CREATE TABLE event_log_sizes (
  command_id TEXT PRIMARY KEY,
  bytes INTEGER NOT NULL,
  truncated INTEGER NOT NULL DEFAULT 0
);
