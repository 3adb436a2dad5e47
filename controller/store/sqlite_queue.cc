// SqliteStore: targets added to a queued deployment when it starts.
#include "controller/store/sqlite_store.h"

namespace berth::store {

Status SqliteStore::AddTargets(const std::vector<model::Target>& targets) {
  return Transact([&]() -> Status {
    for (const model::Target& t : targets) RETURN_IF_ERROR(InsertTarget(t));
    return Status::Ok();
  });
}

}  // namespace berth::store
