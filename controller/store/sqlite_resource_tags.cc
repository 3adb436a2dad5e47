// SqliteStore: tags of applications and deployment groups (their resource_tags column).
#include "controller/store/sqlite_codec.h"
#include "controller/store/sqlite_store.h"

namespace berth::store {
namespace {

struct TagTable {
  const char* select;
  const char* update;
  const char* noun;
  Reason reason;
};

TagTable TableOf(TaggedResource kind) {
  if (kind == TaggedResource::kApplication) {
    return {"SELECT resource_tags FROM applications WHERE id = ?1",
            "UPDATE applications SET resource_tags = ?2 WHERE id = ?1", "application ",
            Reason::kApplication};
  }
  return {"SELECT resource_tags FROM deployment_groups WHERE id = ?1",
          "UPDATE deployment_groups SET resource_tags = ?2 WHERE id = ?1", "deployment group ",
          Reason::kDeploymentGroup};
}

}  // namespace

Result<model::Tags> SqliteStore::GetResourceTags(TaggedResource kind, const std::string& id) {
  std::lock_guard<std::recursive_mutex> lock(mu_);
  const TagTable table = TableOf(kind);
  Result<std::string> json = WithReason(SelectOne<std::string>(
                                            &cache_, table.select, id,
                                            [](Stmt& row, std::string* out) {
                                              *out = row.Text(0);
                                              return Status::Ok();
                                            },
                                            table.noun + id + " does not exist"),
                                        table.reason);
  if (!json.ok()) return json.status();
  model::Tags tags;
  RETURN_IF_ERROR(DecodeTags(*json, &tags));
  return tags;
}

Status SqliteStore::SetResourceTags(TaggedResource kind, const std::string& id,
                                    const model::Tags& tags) {
  std::lock_guard<std::recursive_mutex> lock(mu_);
  const TagTable table = TableOf(kind);
  Stmt stmt(&cache_, table.update);
  stmt.Bind(id, EncodeTags(tags));
  return RunUpdate(stmt, table.noun + id + " does not exist").WithReason(table.reason);
}

}  // namespace berth::store
