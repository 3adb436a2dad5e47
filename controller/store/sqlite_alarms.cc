// SqliteStore: named alarms (DESIGN.md 4.3).
#include "controller/store/sqlite_store.h"

namespace berth::store {
namespace {

constexpr char kSelectAlarm[] = "SELECT name, state, reason, update_time FROM alarms ";

Status ReadAlarm(Stmt& row, model::Alarm* alarm) {
  alarm->name = row.Text(0);
  alarm->state = row.Text(1);
  alarm->reason = row.Text(2);
  alarm->update_time = row.Int64(3);
  return Status::Ok();
}

}  // namespace

Status SqliteStore::PutAlarm(const model::Alarm& alarm) {
  std::lock_guard<std::recursive_mutex> lock(mu_);
  Stmt stmt(&cache_,
            "INSERT INTO alarms (name, state, reason, update_time) VALUES (?1, ?2, ?3, ?4) "
            "ON CONFLICT (name) DO UPDATE SET state = ?2, reason = ?3, update_time = ?4");
  stmt.Bind(alarm.name, alarm.state, alarm.reason, alarm.update_time);
  return stmt.Run();
}

Result<model::Alarm> SqliteStore::GetAlarm(const std::string& name) {
  std::lock_guard<std::recursive_mutex> lock(mu_);
  return SelectOne<model::Alarm>(&cache_, std::string(kSelectAlarm) + "WHERE name = ?1", name,
                                 ReadAlarm, "alarm \"" + name + "\" has never been set");
}

Result<std::vector<model::Alarm>> SqliteStore::ListAlarms() {
  std::lock_guard<std::recursive_mutex> lock(mu_);
  Stmt stmt(&cache_, (std::string(kSelectAlarm) + "ORDER BY name").c_str());
  return stmt.All<model::Alarm>(ReadAlarm);
}

}  // namespace berth::store
