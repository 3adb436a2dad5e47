-- Berth controller schema, version 11: the S3 face on the built-in store (docs/codedeploy-compat.md "The S3 face").
-- Object bytes are blobs of the content-addressed store (blobs/<sha256>); these tables
-- only name them.
CREATE TABLE s3_buckets (
  name TEXT PRIMARY KEY,
  create_time INTEGER NOT NULL
);

-- Every version of every object. A key's current version is its row with the largest
-- seq; a delete marker (sha256 '') hides the key until a newer PUT.
CREATE TABLE s3_objects (
  seq INTEGER PRIMARY KEY AUTOINCREMENT,
  bucket TEXT NOT NULL REFERENCES s3_buckets (name) ON DELETE CASCADE,
  object_key TEXT NOT NULL,
  version_id TEXT NOT NULL UNIQUE,
  delete_marker INTEGER NOT NULL DEFAULT 0,
  sha256 TEXT NOT NULL,
  size INTEGER NOT NULL,
  etag TEXT NOT NULL,
  content_type TEXT NOT NULL,
  last_modified INTEGER NOT NULL
);
CREATE INDEX s3_objects_by_key ON s3_objects (bucket, object_key, seq);
CREATE INDEX s3_objects_by_blob ON s3_objects (sha256);

-- Multipart uploads in progress, and their parts (each a blob until completion joins them).
CREATE TABLE s3_uploads (
  upload_id TEXT PRIMARY KEY,
  bucket TEXT NOT NULL REFERENCES s3_buckets (name) ON DELETE CASCADE,
  object_key TEXT NOT NULL,
  content_type TEXT NOT NULL,
  create_time INTEGER NOT NULL
);
CREATE TABLE s3_parts (
  upload_id TEXT NOT NULL REFERENCES s3_uploads (upload_id) ON DELETE CASCADE,
  part_number INTEGER NOT NULL,
  sha256 TEXT NOT NULL,
  size INTEGER NOT NULL,
  md5 TEXT NOT NULL,
  PRIMARY KEY (upload_id, part_number)
);
