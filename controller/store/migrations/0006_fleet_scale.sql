-- Berth controller schema, version 6: work per lifecycle event that does not grow with
-- the fleet.
--
-- target_counts holds each deployment's targets counted by status. Triggers keep it in
-- step with every insert, status change and delete of a target, in the same transaction,
-- so the engine reads a deployment's progress without scanning its targets.
CREATE TABLE target_counts (
  deployment_id TEXT NOT NULL,
  status TEXT NOT NULL,
  n INTEGER NOT NULL,
  PRIMARY KEY (deployment_id, status)
) WITHOUT ROWID;

INSERT INTO target_counts (deployment_id, status, n)
  SELECT deployment_id, status, COUNT(*) FROM targets GROUP BY deployment_id, status;

CREATE TRIGGER targets_count_insert AFTER INSERT ON targets BEGIN
  INSERT INTO target_counts (deployment_id, status, n) VALUES (NEW.deployment_id, NEW.status, 1)
    ON CONFLICT (deployment_id, status) DO UPDATE SET n = n + 1;
END;

CREATE TRIGGER targets_count_update AFTER UPDATE OF status ON targets
  WHEN OLD.status != NEW.status BEGIN
  UPDATE target_counts SET n = n - 1
    WHERE deployment_id = OLD.deployment_id AND status = OLD.status;
  INSERT INTO target_counts (deployment_id, status, n) VALUES (NEW.deployment_id, NEW.status, 1)
    ON CONFLICT (deployment_id, status) DO UPDATE SET n = n + 1;
END;

CREATE TRIGGER targets_count_delete AFTER DELETE ON targets BEGIN
  UPDATE target_counts SET n = n - 1
    WHERE deployment_id = OLD.deployment_id AND status = OLD.status;
END;

-- The next Pending hosts to start, and a page of targets of one status, in dispatch order.
CREATE INDEX targets_by_status ON targets (deployment_id, status, position);
