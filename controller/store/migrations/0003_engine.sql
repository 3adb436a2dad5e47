-- Berth controller schema, version 3: custom deployment configs (DESIGN.md 2, 4.1).
-- The built-in CodeDeployDefault configs live in code, not here; a custom config cannot
-- take a built-in's name.

CREATE TABLE deployment_configs (
  name TEXT PRIMARY KEY,
  type TEXT NOT NULL,  -- "HOST_COUNT" | "FLEET_PERCENT"
  value INTEGER NOT NULL,
  create_time INTEGER NOT NULL
);
