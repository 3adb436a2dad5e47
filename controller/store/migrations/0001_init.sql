-- Berth controller schema, version 1 (DESIGN.md 2).
-- Times are Unix epoch milliseconds. Status and type columns hold the model's names
-- ("InProgress", "HOST_COUNT", ...) so the database reads well in the sqlite3 shell.
-- Tags, tag sets and revision locations are JSON text: they are always read and written
-- whole, never queried by part.

CREATE TABLE applications (
  id TEXT PRIMARY KEY,
  name TEXT NOT NULL UNIQUE,
  create_time INTEGER NOT NULL
);

CREATE TABLE deployment_groups (
  id TEXT PRIMARY KEY,
  application_id TEXT NOT NULL REFERENCES applications(id),
  name TEXT NOT NULL,
  config_name TEXT NOT NULL,
  tag_set TEXT NOT NULL,  -- JSON: [[{"key","value","type"}, ...], ...]
  file_exists_behavior TEXT NOT NULL,
  last_successful_deployment_id TEXT NOT NULL,
  create_time INTEGER NOT NULL,
  UNIQUE (application_id, name)
);

CREATE TABLE instances (
  id TEXT PRIMARY KEY,
  name TEXT NOT NULL UNIQUE,
  tags TEXT NOT NULL,  -- JSON object: {"key": "value", ...}
  registration_status TEXT NOT NULL,
  agent_version TEXT NOT NULL,
  credential_hash TEXT NOT NULL,  -- hex SHA-256 of the agent credential; never the credential
  register_time INTEGER NOT NULL,
  last_seen INTEGER NOT NULL
);
CREATE INDEX instances_by_credential ON instances (credential_hash);

CREATE TABLE revisions (
  id TEXT PRIMARY KEY,
  application_id TEXT NOT NULL REFERENCES applications(id),
  location TEXT NOT NULL,  -- JSON RevisionLocation
  description TEXT NOT NULL,
  register_time INTEGER NOT NULL
);
CREATE INDEX revisions_by_application ON revisions (application_id, register_time);

-- A deployment keeps its own copy of the config and revision location, so it stays
-- self-contained when either changes later. revision_id is informational (no foreign key).
CREATE TABLE deployments (
  id TEXT PRIMARY KEY,
  application_id TEXT NOT NULL REFERENCES applications(id),
  group_id TEXT NOT NULL REFERENCES deployment_groups(id),
  revision_id TEXT NOT NULL,
  revision TEXT NOT NULL,  -- JSON RevisionLocation
  config_name TEXT NOT NULL,
  config_type TEXT NOT NULL,
  config_value INTEGER NOT NULL,
  config_one_at_a_time INTEGER NOT NULL,
  config_builtin INTEGER NOT NULL,
  status TEXT NOT NULL,
  creator TEXT NOT NULL,
  description TEXT NOT NULL,
  file_exists_behavior TEXT NOT NULL,
  ignore_application_stop_failures INTEGER NOT NULL,
  error_code TEXT NOT NULL,
  error_message TEXT NOT NULL,
  create_time INTEGER NOT NULL,
  start_time INTEGER NOT NULL,
  complete_time INTEGER NOT NULL
);
-- "Is a deployment active in this group?" (one active deployment per group).
CREATE INDEX deployments_by_group_status ON deployments (group_id, status);
CREATE INDEX deployments_by_create_time ON deployments (create_time);

-- The primary key (deployment_id, instance_id) is also the targets(deployment_id) index.
CREATE TABLE targets (
  deployment_id TEXT NOT NULL REFERENCES deployments(id),
  instance_id TEXT NOT NULL REFERENCES instances(id),
  instance_name TEXT NOT NULL,
  status TEXT NOT NULL,
  position INTEGER NOT NULL,
  PRIMARY KEY (deployment_id, instance_id)
);
CREATE INDEX targets_by_instance ON targets (instance_id);

CREATE TABLE events (
  deployment_id TEXT NOT NULL,
  instance_id TEXT NOT NULL,
  seq INTEGER NOT NULL,
  name TEXT NOT NULL,
  status TEXT NOT NULL,
  start_time INTEGER NOT NULL,
  end_time INTEGER NOT NULL,
  error_code TEXT NOT NULL,
  script_name TEXT NOT NULL,
  message TEXT NOT NULL,
  log_tail TEXT NOT NULL,
  PRIMARY KEY (deployment_id, instance_id, seq),
  FOREIGN KEY (deployment_id, instance_id) REFERENCES targets (deployment_id, instance_id)
);

CREATE TABLE commands (
  id TEXT PRIMARY KEY,
  deployment_id TEXT NOT NULL REFERENCES deployments(id),
  instance_id TEXT NOT NULL REFERENCES instances(id),
  event_seq INTEGER NOT NULL,
  event_name TEXT NOT NULL,
  status TEXT NOT NULL,
  create_time INTEGER NOT NULL,
  dispatch_time INTEGER NOT NULL,
  ack_time INTEGER NOT NULL,
  complete_time INTEGER NOT NULL
);
-- NextOpenCommand: an instance's commands that are not Completed, oldest first.
CREATE INDEX commands_by_instance_status ON commands (instance_id, status, create_time);
