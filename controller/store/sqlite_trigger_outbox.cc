// SqliteStore: the trigger outbox (webhook deliveries, DESIGN.md 4.3).
#include "controller/store/sqlite_store.h"

namespace berth::store {
namespace {

constexpr char kSelectMessage[] =
    "SELECT seq, deployment_id, trigger_name, url, event, body, create_time, attempts, "
    "next_attempt_time, last_error, delivered_time, abandoned FROM trigger_outbox ";

Status ReadMessage(Stmt& row, TriggerMessage* m) {
  m->seq = row.Int64(0);
  m->deployment_id = row.Text(1);
  m->trigger_name = row.Text(2);
  m->url = row.Text(3);
  m->event = row.Text(4);
  m->body = row.Text(5);
  m->create_time = row.Int64(6);
  m->attempts = row.Int(7);
  m->next_attempt_time = row.Int64(8);
  m->last_error = row.Text(9);
  m->delivered_time = row.Int64(10);
  m->abandoned = row.Bool(11);
  return Status::Ok();
}

}  // namespace

Status SqliteStore::EnqueueTrigger(const TriggerMessage& m) {
  std::lock_guard<std::recursive_mutex> lock(mu_);
  Stmt stmt(&cache_,
            "INSERT INTO trigger_outbox (deployment_id, trigger_name, url, event, body, "
            "create_time, next_attempt_time) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)");
  stmt.Bind(m.deployment_id, m.trigger_name, m.url, m.event, m.body, m.create_time,
            m.next_attempt_time);
  return stmt.Run();
}

Result<std::vector<TriggerMessage>> SqliteStore::ListDueTriggers(model::TimeMs now, int limit) {
  std::lock_guard<std::recursive_mutex> lock(mu_);
  Stmt stmt(&cache_, (std::string(kSelectMessage) +
                        "WHERE delivered_time = 0 AND abandoned = 0 AND next_attempt_time <= ?1 "
                        "ORDER BY seq LIMIT ?2")
                           .c_str());
  stmt.Bind(now, limit);
  return stmt.All<TriggerMessage>(ReadMessage);
}

Result<std::optional<model::TimeMs>> SqliteStore::NextTriggerAttemptTime() {
  std::lock_guard<std::recursive_mutex> lock(mu_);
  Stmt stmt(&cache_,
            "SELECT MIN(next_attempt_time) FROM trigger_outbox "
            "WHERE delivered_time = 0 AND abandoned = 0");
  ASSIGN_OR_RETURN(bool has_row, stmt.Step());
  if (!has_row || stmt.IsNull(0)) {
    return std::optional<model::TimeMs>();
  }
  return std::optional<model::TimeMs>(stmt.Int64(0));
}

Result<std::vector<TriggerMessage>> SqliteStore::ListTriggers(const std::string& deployment_id) {
  std::lock_guard<std::recursive_mutex> lock(mu_);
  Stmt stmt(&cache_,
            (std::string(kSelectMessage) + "WHERE deployment_id = ?1 ORDER BY seq").c_str());
  stmt.Bind(deployment_id);
  return stmt.All<TriggerMessage>(ReadMessage);
}

Status SqliteStore::UpdateTriggerDelivery(const TriggerMessage& m) {
  std::lock_guard<std::recursive_mutex> lock(mu_);
  Stmt stmt(&cache_,
            "UPDATE trigger_outbox SET attempts = ?2, next_attempt_time = ?3, last_error = ?4, "
            "delivered_time = ?5, abandoned = ?6 WHERE seq = ?1");
  stmt.Bind(m.seq, m.attempts, m.next_attempt_time, m.last_error, m.delivered_time, m.abandoned);
  return RunUpdate(stmt, "trigger message " + std::to_string(m.seq) + " does not exist");
}

}  // namespace berth::store
