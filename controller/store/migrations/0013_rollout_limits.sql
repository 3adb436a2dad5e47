-- Berth controller schema, version 13: rollout limits: the failure budget, retrying
-- a deployment's failed hosts, freeze windows.
--
-- max_failed_hosts: '' none, else "3" (hosts) or "10%" (of the deployment's hosts).
-- A deployment keeps the budget in force when it was created (its own, the group's or the
-- config's).
ALTER TABLE deployment_configs ADD COLUMN max_failed_hosts TEXT NOT NULL DEFAULT '';
ALTER TABLE deployment_groups ADD COLUMN max_failed_hosts TEXT NOT NULL DEFAULT '';
-- JSON list of freeze window specs, canonical (controller/freeze/freeze_window.h).
ALTER TABLE deployment_groups ADD COLUMN freeze_windows TEXT NOT NULL DEFAULT '[]';
ALTER TABLE deployments ADD COLUMN max_failed_hosts TEXT NOT NULL DEFAULT '';
-- A retry (berth deployment retry) and the deployment whose failed hosts it retries link
-- both ways: retry_of on the retry, retry_deployment_id on the first.
ALTER TABLE deployments ADD COLUMN retry_of TEXT NOT NULL DEFAULT '';
ALTER TABLE deployments ADD COLUMN retry_deployment_id TEXT NOT NULL DEFAULT '';
-- '' or {"queuedForWindow", "overriddenWindow", "overriddenBy", "overrideTime"}: how a
-- freeze window bore on the deployment.
ALTER TABLE deployments ADD COLUMN freeze TEXT NOT NULL DEFAULT '';
-- Queued deployments waiting for a freeze window to end are looked for every second.
CREATE INDEX deployments_by_status ON deployments (status);
