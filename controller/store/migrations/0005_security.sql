-- Schema version 5: certificates of agents, API tokens with roles, join tokens
-- (DESIGN.md 7). Secrets are stored only as their SHA-256.

-- The one client certificate an instance may present now (upper-case hex serial); empty
-- in --insecure mode, and after deregistration.
ALTER TABLE instances ADD COLUMN cert_serial TEXT NOT NULL DEFAULT '';
ALTER TABLE instances ADD COLUMN cert_not_after INTEGER NOT NULL DEFAULT 0;

CREATE TABLE api_tokens (
  id TEXT PRIMARY KEY,
  token_hash TEXT NOT NULL UNIQUE,  -- hex SHA-256 of the whole token
  role TEXT NOT NULL,               -- viewer | alerts | deployer | admin
  description TEXT NOT NULL,
  create_time INTEGER NOT NULL,
  expire_time INTEGER NOT NULL,     -- 0: never
  revoke_time INTEGER NOT NULL      -- 0: not revoked
);

CREATE TABLE join_tokens (
  id TEXT PRIMARY KEY,
  secret_hash TEXT NOT NULL,  -- hex SHA-256 of the secret
  description TEXT NOT NULL,
  tags TEXT NOT NULL,         -- JSON object: tags bound to the hosts it enrolls
  name_prefix TEXT NOT NULL,
  max_uses INTEGER NOT NULL,  -- 0: no limit
  uses INTEGER NOT NULL,
  create_time INTEGER NOT NULL,
  expire_time INTEGER NOT NULL,
  revoke_time INTEGER NOT NULL
);
