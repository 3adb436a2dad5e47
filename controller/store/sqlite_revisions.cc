// SqliteStore: revisions.
#include "controller/store/sqlite_codec.h"
#include "controller/store/sqlite_store.h"

namespace berth::store {
namespace {

constexpr char kSelectRevision[] =
    "SELECT r.id, r.application_id, a.name, r.location, r.description, r.register_time "
    "FROM revisions r JOIN applications a ON a.id = r.application_id ";

Status ReadRevision(Stmt& row, model::Revision* revision) {
  revision->id = row.Text(0);
  revision->application_id = row.Text(1);
  revision->application_name = row.Text(2);
  RETURN_IF_ERROR(DecodeLocation(row.Text(3), &revision->location));
  revision->description = row.Text(4);
  revision->register_time = row.Int64(5);
  return Status::Ok();
}

}  // namespace

Status SqliteStore::CreateRevision(const model::Revision& revision) {
  std::lock_guard<std::recursive_mutex> lock(mu_);
  Stmt stmt(&cache_,
            "INSERT INTO revisions (id, application_id, location, description, register_time) "
            "VALUES (?1, ?2, ?3, ?4, ?5)");
  stmt.Bind(revision.id, revision.application_id, EncodeLocation(revision.location),
            revision.description, revision.register_time);
  Status s =
      Explain(stmt.Run(), Code::kAlreadyExists, "revision " + revision.id + " already exists");
  return Explain(s, Code::kNotFound, "application " + revision.application_id + " does not exist");
}

Result<model::Revision> SqliteStore::GetRevision(const std::string& id) {
  std::lock_guard<std::recursive_mutex> lock(mu_);
  return WithReason(
      SelectOne<model::Revision>(&cache_, std::string(kSelectRevision) + "WHERE r.id = ?1", id,
                                 ReadRevision, "revision " + id + " does not exist"),
      Reason::kRevision);
}

Result<std::vector<model::Revision>> SqliteStore::ListRevisions(const std::string& application_id) {
  std::lock_guard<std::recursive_mutex> lock(mu_);
  // Newest first, like ListDeployments; rowid breaks ties between same-millisecond rows.
  Stmt stmt(&cache_, (std::string(kSelectRevision) +
                        "WHERE r.application_id = ?1 ORDER BY r.register_time DESC, r.rowid DESC")
                           .c_str());
  return stmt.Bind(application_id).All<model::Revision>(ReadRevision);
}

}  // namespace berth::store
