-- Schema version 15: tags on applications and deployment groups (CodeDeploy's
-- TagResource, UntagResource, ListTagsForResource and the `tags` of CreateApplication and
-- CreateDeploymentGroup). JSON object {"key": "value", ...}, as instances.tags; they go
-- with the row when it is renamed or deleted.
ALTER TABLE applications ADD COLUMN resource_tags TEXT NOT NULL DEFAULT '{}';
ALTER TABLE deployment_groups ADD COLUMN resource_tags TEXT NOT NULL DEFAULT '{}';
