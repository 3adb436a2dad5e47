-- Berth controller schema, version 7: a change cursor for following a deployment
-- (`GET /api/v1/deployments/{id}/targets?changedSince=`).
--
-- changed_seq numbers the changes of one deployment's targets: every status change of a
-- target, and every event's end (not its start), sets its row's changed_seq to a number
-- above the deployment's largest, in the statement that makes the change (the store
-- counts per running deployment in memory, loaded from these indexes after a start). A
-- target changed after cursor C is one whose row, or one of whose events, has
-- changed_seq > C.
-- Each number belongs to one target's rows, so the largest of a target's numbers orders
-- the targets by their last change without ties. 0: never changed since it was created.
ALTER TABLE targets ADD COLUMN changed_seq INTEGER NOT NULL DEFAULT 0;
ALTER TABLE events ADD COLUMN changed_seq INTEGER NOT NULL DEFAULT 0;

-- Targets of deployments made before this version count as changed once, in dispatch
-- order, so a first look at such a deployment sees every host.
UPDATE targets SET changed_seq = position + 1;

-- Only rows that changed are indexed: a row's first change adds one entry at the
-- index's hot end, and the rows nobody touched yet (changed_seq 0) cost nothing.
CREATE INDEX targets_by_change ON targets (deployment_id, changed_seq) WHERE changed_seq > 0;
CREATE INDEX events_by_change ON events (deployment_id, changed_seq) WHERE changed_seq > 0;
