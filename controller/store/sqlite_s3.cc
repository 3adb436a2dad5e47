// SqliteStore: the S3 face's buckets, object versions and multipart uploads.
#include "controller/store/sqlite_store.h"

namespace berth::store {
namespace {

constexpr char kSelectVersion[] =
    "SELECT o.bucket, o.object_key, o.version_id, o.delete_marker, o.sha256, o.size, o.etag, "
    "o.content_type, o.last_modified, "
    "o.seq = (SELECT MAX(seq) FROM s3_objects c WHERE c.bucket = o.bucket "
    "AND c.object_key = o.object_key) "
    "FROM s3_objects o ";

Status ReadVersion(Stmt& row, model::ObjectVersion* v) {
  v->bucket = row.Text(0);
  v->key = row.Text(1);
  v->version_id = row.Text(2);
  v->delete_marker = row.Bool(3);
  v->sha256 = row.Text(4);
  v->size = row.Int64(5);
  v->etag = row.Text(6);
  v->content_type = row.Text(7);
  v->last_modified = row.Int64(8);
  v->is_latest = row.Bool(9);
  return Status::Ok();
}

Status ReadBucket(Stmt& row, model::Bucket* b) {
  b->name = row.Text(0);
  b->create_time = row.Int64(1);
  return Status::Ok();
}

Status ReadUpload(Stmt& row, model::MultipartUpload* u) {
  u->upload_id = row.Text(0);
  u->bucket = row.Text(1);
  u->key = row.Text(2);
  u->content_type = row.Text(3);
  u->create_time = row.Int64(4);
  return Status::Ok();
}

Status ReadPart(Stmt& row, model::UploadPart* p) {
  p->upload_id = row.Text(0);
  p->part_number = row.Int(1);
  p->sha256 = row.Text(2);
  p->size = row.Int64(3);
  p->md5 = row.Text(4);
  return Status::Ok();
}

Status NoSuchBucket(const std::string& name) {
  return Status(Code::kNotFound, "bucket \"" + name + "\" does not exist", Reason::kBucket);
}

}  // namespace

Status SqliteStore::CreateBucket(const model::Bucket& bucket) {
  std::lock_guard<std::recursive_mutex> lock(mu_);
  Stmt stmt(&cache_, "INSERT INTO s3_buckets (name, create_time) VALUES (?1, ?2)");
  return WithReason(Explain(stmt.Bind(bucket.name, bucket.create_time).Run(), Code::kAlreadyExists,
                            "bucket \"" + bucket.name + "\" already exists"),
                    Reason::kBucket);
}

Result<model::Bucket> SqliteStore::GetBucket(const std::string& name) {
  std::lock_guard<std::recursive_mutex> lock(mu_);
  return WithReason(
      SelectOne<model::Bucket>(&cache_, "SELECT name, create_time FROM s3_buckets WHERE name = ?1",
                               name, ReadBucket, "bucket \"" + name + "\" does not exist"),
      Reason::kBucket);
}

Result<std::vector<model::Bucket>> SqliteStore::ListBuckets() {
  std::lock_guard<std::recursive_mutex> lock(mu_);
  Stmt stmt(&cache_, "SELECT name, create_time FROM s3_buckets ORDER BY name");
  return stmt.All<model::Bucket>(ReadBucket);
}

Status SqliteStore::DeleteBucket(const std::string& name) {
  std::lock_guard<std::recursive_mutex> lock(mu_);
  Stmt stmt(&cache_, "DELETE FROM s3_buckets WHERE name = ?1");
  RETURN_IF_ERROR(stmt.Bind(name).Run());
  if (stmt.Changes() == 0) return NoSuchBucket(name);
  return Status::Ok();
}

Status SqliteStore::AddObjectVersion(const model::ObjectVersion& v) {
  std::lock_guard<std::recursive_mutex> lock(mu_);
  Stmt stmt(&cache_,
            "INSERT INTO s3_objects (bucket, object_key, version_id, delete_marker, sha256, size, "
            "etag, content_type, last_modified) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)");
  stmt.Bind(v.bucket, v.key, v.version_id, v.delete_marker, v.sha256, v.size, v.etag,
            v.content_type, v.last_modified);
  return Explain(stmt.Run(), Code::kNotFound, "bucket \"" + v.bucket + "\" does not exist")
      .WithReason(Reason::kBucket);
}

Result<model::ObjectVersion> SqliteStore::GetObjectVersion(const std::string& bucket,
                                                           const std::string& key,
                                                           const std::string& version_id) {
  std::lock_guard<std::recursive_mutex> lock(mu_);
  const std::string sql =
      std::string(kSelectVersion) +
      (version_id.empty() ? "WHERE o.bucket = ?1 AND o.object_key = ?2 ORDER BY o.seq DESC LIMIT 1"
                          : "WHERE o.bucket = ?1 AND o.object_key = ?2 AND o.version_id = ?3");
  Stmt stmt(&cache_, sql.c_str());
  stmt.Bind(bucket, key);
  if (!version_id.empty()) stmt.BindAt(3, version_id);
  ASSIGN_OR_RETURN(std::optional<model::ObjectVersion> found,
                   stmt.First<model::ObjectVersion>(ReadVersion));
  if (!found) {
    return Status(Code::kNotFound,
                  version_id.empty()
                      ? "object \"" + key + "\" does not exist in bucket \"" + bucket + "\""
                      : "version \"" + version_id + "\" of object \"" + key +
                            "\" does not exist in bucket \"" + bucket + "\"",
                  Reason::kObject);
  }
  return *found;
}

Status SqliteStore::RemoveObjectVersion(const std::string& bucket, const std::string& key,
                                        const std::string& version_id) {
  std::lock_guard<std::recursive_mutex> lock(mu_);
  Stmt stmt(&cache_,
            "DELETE FROM s3_objects WHERE bucket = ?1 AND object_key = ?2 AND version_id = ?3");
  RETURN_IF_ERROR(stmt.Bind(bucket, key, version_id).Run());
  if (stmt.Changes() == 0) {
    return Status(Code::kNotFound,
                  "version \"" + version_id + "\" of object \"" + key +
                      "\" does not exist in bucket \"" + bucket + "\"",
                  Reason::kObject);
  }
  return Status::Ok();
}

Result<std::vector<model::ObjectVersion>> SqliteStore::ListCurrentObjects(const std::string& bucket,
                                                                          const std::string& prefix,
                                                                          const std::string& after,
                                                                          int limit) {
  std::lock_guard<std::recursive_mutex> lock(mu_);
  // The index (bucket, object_key, seq) walks keys in order from max(prefix, after); each
  // key's current version is its last entry there.
  Stmt stmt(&cache_, (std::string(kSelectVersion) +
                      "WHERE o.bucket = ?1 AND o.object_key >= ?2 AND o.object_key > ?3 "
                      "AND substr(o.object_key, 1, length(?2)) = ?2 "
                      "AND o.seq = (SELECT MAX(seq) FROM s3_objects c WHERE c.bucket = o.bucket "
                      "AND c.object_key = o.object_key) AND o.delete_marker = 0 "
                      "ORDER BY o.object_key LIMIT ?4")
                         .c_str());
  return stmt.Bind(bucket, prefix, after, limit).All<model::ObjectVersion>(ReadVersion);
}

Status SqliteStore::CreateUpload(const model::MultipartUpload& u) {
  std::lock_guard<std::recursive_mutex> lock(mu_);
  Stmt stmt(&cache_,
            "INSERT INTO s3_uploads (upload_id, bucket, object_key, content_type, create_time) "
            "VALUES (?1, ?2, ?3, ?4, ?5)");
  stmt.Bind(u.upload_id, u.bucket, u.key, u.content_type, u.create_time);
  return Explain(stmt.Run(), Code::kNotFound, "bucket \"" + u.bucket + "\" does not exist")
      .WithReason(Reason::kBucket);
}

Result<model::MultipartUpload> SqliteStore::GetUpload(const std::string& upload_id) {
  std::lock_guard<std::recursive_mutex> lock(mu_);
  return WithReason(
      SelectOne<model::MultipartUpload>(
          &cache_,
          "SELECT upload_id, bucket, object_key, content_type, create_time FROM s3_uploads "
          "WHERE upload_id = ?1",
          upload_id, ReadUpload, "multipart upload \"" + upload_id + "\" does not exist"),
      Reason::kUpload);
}

Status SqliteStore::PutPart(const model::UploadPart& p) {
  std::lock_guard<std::recursive_mutex> lock(mu_);
  Stmt stmt(&cache_,
            "INSERT OR REPLACE INTO s3_parts (upload_id, part_number, sha256, size, md5) "
            "VALUES (?1, ?2, ?3, ?4, ?5)");
  stmt.Bind(p.upload_id, p.part_number, p.sha256, p.size, p.md5);
  return Explain(stmt.Run(), Code::kNotFound,
                 "multipart upload \"" + p.upload_id + "\" does not exist")
      .WithReason(Reason::kUpload);
}

Result<std::vector<model::UploadPart>> SqliteStore::ListParts(const std::string& upload_id) {
  std::lock_guard<std::recursive_mutex> lock(mu_);
  Stmt stmt(&cache_,
            "SELECT upload_id, part_number, sha256, size, md5 FROM s3_parts WHERE upload_id = ?1 "
            "ORDER BY part_number");
  return stmt.Bind(upload_id).All<model::UploadPart>(ReadPart);
}

Status SqliteStore::DeleteUpload(const std::string& upload_id) {
  std::lock_guard<std::recursive_mutex> lock(mu_);
  Stmt stmt(&cache_, "DELETE FROM s3_uploads WHERE upload_id = ?1");
  RETURN_IF_ERROR(stmt.Bind(upload_id).Run());
  if (stmt.Changes() == 0) {
    return Status(Code::kNotFound, "multipart upload \"" + upload_id + "\" does not exist",
                  Reason::kUpload);
  }
  return Status::Ok();
}

}  // namespace berth::store
