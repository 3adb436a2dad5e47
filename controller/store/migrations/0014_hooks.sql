-- Schema version 14: what hooks get besides the revision (host side).
--
-- A deployment's host-side settings, JSON (store/sqlite_codec.cc EncodeHookOptions):
-- plain variables with their values, the names (never the values) of the secrets it
-- uses, its health check and its mode (IN_PLACE | RESTART). '': none of them.
ALTER TABLE deployments ADD COLUMN hook_options TEXT NOT NULL DEFAULT '';

-- A group's health check, JSON {"url", "timeoutMs", "intervalMs"}; '': none.
ALTER TABLE deployment_groups ADD COLUMN health_check TEXT NOT NULL DEFAULT '';

-- The controller's store of secrets (berth secret set|list|delete). Values are kept as
-- given, protected by the database file's permissions (docs/security.md "Secrets"); the
-- API never returns them, and only commands handed to agents carry them.
CREATE TABLE secrets (
  name TEXT PRIMARY KEY,
  value BLOB NOT NULL,
  create_time INTEGER NOT NULL,
  update_time INTEGER NOT NULL
);
