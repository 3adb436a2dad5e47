// SqliteStore: instance tags set from the API.
#include "controller/store/sqlite_codec.h"
#include "controller/store/sqlite_store.h"

namespace berth::store {

Status SqliteStore::SetInstanceTags(const std::string& id, const model::Tags& tags) {
  std::lock_guard<std::recursive_mutex> lock(mu_);
  Stmt stmt(&cache_, "UPDATE instances SET tags = ?2 WHERE id = ?1");
  stmt.Bind(id, EncodeTags(tags));
  return RunUpdate(stmt, "instance " + id + " does not exist");
}

}  // namespace berth::store
