-- Berth controller schema, version 4: automatic rollback, alarms, triggers, explicit
-- deployment targets (DESIGN.md 2, 4.2, 4.3).

-- JSON columns hold CodeDeploy-shaped settings read and written whole:
--   auto_rollback        {"enabled": bool, "events": ["DEPLOYMENT_FAILURE", ...]}
--   alarm_configuration  {"enabled": bool, "ignorePollAlarmFailure": bool, "alarms": [name]}
--   triggers             [{"name", "url", "events": [...]}]
ALTER TABLE deployment_groups ADD COLUMN auto_rollback TEXT NOT NULL
  DEFAULT '{"enabled":false,"events":[]}';
ALTER TABLE deployment_groups ADD COLUMN alarm_configuration TEXT NOT NULL
  DEFAULT '{"enabled":false,"ignorePollAlarmFailure":false,"alarms":[]}';
ALTER TABLE deployment_groups ADD COLUMN triggers TEXT NOT NULL DEFAULT '[]';
ALTER TABLE deployment_groups ADD COLUMN outdated_instances_strategy TEXT NOT NULL
  DEFAULT 'UPDATE';

-- auto_rollback: '' means the group's; otherwise the same JSON as the group column.
-- target_instance_ids: JSON list of instance ids chosen at create (rollback, autoUpdate);
-- '' means the instances matching the group's tags when the deployment starts.
ALTER TABLE deployments ADD COLUMN auto_rollback TEXT NOT NULL DEFAULT '';
ALTER TABLE deployments ADD COLUMN rollback_deployment_id TEXT NOT NULL DEFAULT '';
ALTER TABLE deployments ADD COLUMN rollback_triggering_deployment_id TEXT NOT NULL DEFAULT '';
ALTER TABLE deployments ADD COLUMN rollback_message TEXT NOT NULL DEFAULT '';
ALTER TABLE deployments ADD COLUMN target_instance_ids TEXT NOT NULL DEFAULT '';
ALTER TABLE deployments ADD COLUMN update_outdated_only INTEGER NOT NULL DEFAULT 0;

CREATE TABLE alarms (
  name TEXT PRIMARY KEY,
  state TEXT NOT NULL,  -- "OK" | "ALARM"
  reason TEXT NOT NULL,
  update_time INTEGER NOT NULL
);

-- Trigger deliveries, written in the same transaction as the state change they report.
-- Delivered rows stay (delivered_time set) so operators can see what was sent. A row is
-- due while delivered_time = 0, abandoned = 0 and next_attempt_time <= now.
CREATE TABLE trigger_outbox (
  seq INTEGER PRIMARY KEY AUTOINCREMENT,
  deployment_id TEXT NOT NULL,
  trigger_name TEXT NOT NULL,
  url TEXT NOT NULL,
  event TEXT NOT NULL,
  body TEXT NOT NULL,  -- the JSON POSTed, exactly
  create_time INTEGER NOT NULL,
  attempts INTEGER NOT NULL DEFAULT 0,
  next_attempt_time INTEGER NOT NULL,
  last_error TEXT NOT NULL DEFAULT '',
  delivered_time INTEGER NOT NULL DEFAULT 0,
  abandoned INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX trigger_outbox_due ON trigger_outbox (delivered_time, abandoned, next_attempt_time);
