-- Berth controller schema, version 12: waves, bakes and approvals.
--
-- rollout (deployments and deployment_configs): the Rollout as model/rollout_json.h
-- writes it ('' means no waves).
-- waves (deployments): where the deployment is in its waves, fixed when it starts:
--   {"ends": [1, 3, 6], "labels": ["a", "b", "c"], "current": 0, "failedBefore": 0,
--    "wait": "" | "Bake" | "Approval", "waitUntil": ms, "history": [{"time": ms,
--    "wave": 0, "event": "WaveStarted", "detail": ""}]}
-- ('' means no waves). A wait's deadline is stored, never slept on in memory, so a
-- restarted controller carries on with the same bake or approval.
ALTER TABLE deployments ADD COLUMN rollout TEXT NOT NULL DEFAULT '';
ALTER TABLE deployments ADD COLUMN waves TEXT NOT NULL DEFAULT '';
ALTER TABLE deployment_configs ADD COLUMN rollout TEXT NOT NULL DEFAULT '';
