// SqliteStore: instances.
#include <nlohmann/json.hpp>

#include "controller/store/sqlite_codec.h"
#include "controller/store/sqlite_store.h"

namespace berth::store {
namespace {

constexpr char kSelectInstance[] =
    "SELECT id, name, tags, registration_status, agent_version, register_time, last_seen, "
    "cert_serial, cert_not_after, rowid FROM instances ";
constexpr int kInstanceRowidColumn = 9;  // after the model's columns

Status ReadInstance(Stmt& row, model::Instance* instance) {
  instance->id = row.Text(0);
  instance->name = row.Text(1);
  RETURN_IF_ERROR(DecodeTags(row.Text(2), &instance->tags));
  instance->registration_status = row.Text(3);
  instance->agent_version = row.Text(4);
  instance->register_time = row.Int64(5);
  instance->last_seen = row.Int64(6);
  instance->cert_serial = row.Text(7);
  instance->cert_not_after = row.Int64(8);
  return Status::Ok();
}

}  // namespace

Status SqliteStore::CreateInstance(const model::Instance& instance,
                                   const std::string& credential_hash) {
  std::lock_guard<std::recursive_mutex> lock(mu_);
  Stmt stmt(&cache_,
            "INSERT INTO instances (id, name, tags, registration_status, agent_version, "
            "credential_hash, register_time, last_seen) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)");
  stmt.Bind(instance.id, instance.name, EncodeTags(instance.tags), instance.registration_status,
            instance.agent_version, credential_hash, instance.register_time, instance.last_seen);
  return Explain(stmt.Run(), Code::kAlreadyExists,
                 "instance \"" + instance.name + "\" already exists");
}

Status SqliteStore::UpdateInstance(const model::Instance& instance,
                                   const std::string& credential_hash) {
  std::lock_guard<std::recursive_mutex> lock(mu_);
  Stmt stmt(&cache_,
            "UPDATE instances SET tags = ?2, registration_status = ?3, agent_version = ?4, "
            "credential_hash = ?5 WHERE id = ?1");
  stmt.Bind(instance.id, EncodeTags(instance.tags), instance.registration_status,
            instance.agent_version, credential_hash);
  return RunUpdate(stmt, "instance " + instance.id + " does not exist");
}

Result<model::Instance> SqliteStore::GetInstance(const std::string& id) {
  std::lock_guard<std::recursive_mutex> lock(mu_);
  return WithReason(
      SelectOne<model::Instance>(&cache_, std::string(kSelectInstance) + "WHERE id = ?1", id,
                                 ReadInstance, "instance " + id + " does not exist"),
      Reason::kInstance);
}

Result<model::Instance> SqliteStore::GetInstanceByName(const std::string& name) {
  std::lock_guard<std::recursive_mutex> lock(mu_);
  return WithReason(
      SelectOne<model::Instance>(&cache_, std::string(kSelectInstance) + "WHERE name = ?1", name,
                                 ReadInstance, "instance \"" + name + "\" does not exist"),
      Reason::kInstance);
}

Result<model::Instance> SqliteStore::GetInstanceByCredentialHash(const std::string& hash) {
  std::lock_guard<std::recursive_mutex> lock(mu_);
  // An empty hash never authenticates (an instance created without a credential has one).
  if (hash.empty()) return NotFound("no instance has this credential");
  if (const model::Instance* known = instance_memo_.Find(hash)) return *known;
  int64_t rowid = 0;
  // The message never echoes the hash: it is a secret's digest.
  auto instance = SelectOne<model::Instance>(
      &cache_, std::string(kSelectInstance) + "WHERE credential_hash = ?1", hash,
      [&rowid](Stmt& row, model::Instance* out) {
        rowid = row.Int64(kInstanceRowidColumn);
        return ReadInstance(row, out);
      },
      "no instance has this credential");
  if (instance.ok()) instance_memo_.Put(hash, rowid, *instance);
  return instance;
}

Result<std::vector<model::Instance>> SqliteStore::ListInstances() {
  std::lock_guard<std::recursive_mutex> lock(mu_);
  Stmt stmt(&cache_, (std::string(kSelectInstance) + "ORDER BY name").c_str());
  return stmt.All<model::Instance>(ReadInstance);
}

Status SqliteStore::TouchInstance(const std::string& id, model::TimeMs last_seen) {
  std::lock_guard<std::recursive_mutex> lock(mu_);
  Stmt stmt(&cache_, "UPDATE instances SET last_seen = ?2 WHERE id = ?1");
  stmt.Bind(id, last_seen);
  return RunUpdate(stmt, "instance " + id + " does not exist");
}

Status SqliteStore::SetInstanceCertificate(const std::string& id, const std::string& serial,
                                           model::TimeMs not_after) {
  std::lock_guard<std::recursive_mutex> lock(mu_);
  Stmt stmt(&cache_, "UPDATE instances SET cert_serial = ?2, cert_not_after = ?3 WHERE id = ?1");
  stmt.Bind(id, serial, not_after);
  return RunUpdate(stmt, "instance " + id + " does not exist");
}

Status SqliteStore::SetInstanceRegistration(const std::string& id, const std::string& status) {
  std::lock_guard<std::recursive_mutex> lock(mu_);
  Stmt stmt(&cache_, "UPDATE instances SET registration_status = ?2 WHERE id = ?1");
  stmt.Bind(id, status);
  return RunUpdate(stmt, "instance " + id + " does not exist");
}

Status SqliteStore::TouchInstances(const std::vector<std::pair<std::string, model::TimeMs>>& seen) {
  if (seen.empty()) return Status::Ok();
  nlohmann::json times = nlohmann::json::object();
  for (const auto& [id, time] : seen) {
    auto it = times.find(id);
    if (it == times.end()) {
      times[id] = time;
    } else if (time > it->get<int64_t>()) {
      *it = time;
    }
  }
  // One statement for the whole flush, not one per instance: inside a savepoint SQLite
  // walks its in-memory statement journal from the start whenever a statement ends, so
  // 10,000 single-row UPDATEs in one transaction cost the square of the fleet.
  return Transact([&]() -> Status {
    Stmt stmt(&cache_,
              "UPDATE instances SET last_seen = MAX(instances.last_seen, t.value) "
              "FROM json_each(?1) AS t WHERE instances.id = t.key");
    return stmt.Bind(times.dump()).Run();
  });
}

}  // namespace berth::store
