// SqliteStore: the store of secrets (berth secret set|list|delete). Values are read only
// by GetSecretValues, for the commands handed to agents.
#include "controller/store/sqlite_store.h"

namespace berth::store {

Status SqliteStore::PutSecret(const model::Secret& secret) {
  std::lock_guard<std::recursive_mutex> lock(mu_);
  Stmt stmt(&cache_,
            "INSERT INTO secrets (name, value, create_time, update_time) VALUES (?1, ?2, ?3, ?3) "
            "ON CONFLICT (name) DO UPDATE SET value = ?2, update_time = ?3");
  stmt.Bind(secret.name, secret.value, secret.update_time);
  return stmt.Run();
}

Status SqliteStore::DeleteSecret(const std::string& name) {
  std::lock_guard<std::recursive_mutex> lock(mu_);
  Stmt stmt(&cache_, "DELETE FROM secrets WHERE name = ?1");
  stmt.Bind(name);
  return RunUpdate(stmt, "secret \"" + name + "\" does not exist");
}

Result<std::vector<model::Secret>> SqliteStore::ListSecrets() {
  std::lock_guard<std::recursive_mutex> lock(mu_);
  Stmt stmt(&cache_, "SELECT name, create_time, update_time FROM secrets ORDER BY name");
  return stmt.All<model::Secret>([](Stmt& row, model::Secret* secret) {
    secret->name = row.Text(0);
    secret->create_time = row.Int64(1);
    secret->update_time = row.Int64(2);
    return Status::Ok();
  });
}

Result<std::map<std::string, std::string>> SqliteStore::GetSecretValues(
    const std::vector<std::string>& names) {
  std::lock_guard<std::recursive_mutex> lock(mu_);
  std::map<std::string, std::string> out;
  for (const std::string& name : names) {
    Stmt stmt(&cache_, "SELECT value FROM secrets WHERE name = ?1");
    ASSIGN_OR_RETURN(std::optional<std::string> value,
                     stmt.Bind(name).First<std::string>([](Stmt& row, std::string* v) {
                       *v = row.Text(0);
                       return Status::Ok();
                     }));
    if (value) out[name] = *std::move(value);
  }
  return out;
}

}  // namespace berth::store
