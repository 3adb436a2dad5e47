// SqliteStore: commands (one lifecycle event on one host, DESIGN.md 3).
#include "controller/store/sqlite_codec.h"
#include "controller/store/sqlite_store.h"

namespace berth::store {
namespace {

constexpr char kSelectCommand[] =
    "SELECT id, deployment_id, instance_id, event_seq, event_name, status, create_time, "
    "dispatch_time, ack_time, complete_time FROM commands ";

Status ReadCommand(Stmt& row, model::Command* c) {
  c->id = row.Text(0);
  c->deployment_id = row.Text(1);
  c->instance_id = row.Text(2);
  c->event_seq = row.Int(3);
  c->event_name = row.Text(4);
  RETURN_IF_ERROR(
      DecodeEnum(row.Text(5), &model::ParseCommandStatus, &c->status, "commands.status"));
  c->create_time = row.Int64(6);
  c->dispatch_time = row.Int64(7);
  c->ack_time = row.Int64(8);
  c->complete_time = row.Int64(9);
  return Status::Ok();
}

}  // namespace

Status SqliteStore::CreateCommand(const model::Command& c) {
  std::lock_guard<std::recursive_mutex> lock(mu_);
  Stmt stmt(&cache_,
            "INSERT INTO commands (id, deployment_id, instance_id, event_seq, event_name, "
            "status, create_time, dispatch_time, ack_time, complete_time) "
            "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)");
  stmt.Bind(c.id, c.deployment_id, c.instance_id, c.event_seq, c.event_name,
            CommandStatusName(c.status), c.create_time, c.dispatch_time, c.ack_time,
            c.complete_time);
  Status s = Explain(stmt.Run(), Code::kAlreadyExists, "command " + c.id + " already exists");
  return Explain(s, Code::kNotFound,
                 "command " + c.id + ": deployment " + c.deployment_id + " or instance " +
                     c.instance_id + " does not exist");
}

Status SqliteStore::UpdateCommand(const model::Command& c) {
  std::lock_guard<std::recursive_mutex> lock(mu_);
  Stmt stmt(&cache_,
            "UPDATE commands SET status = ?2, dispatch_time = ?3, ack_time = ?4, "
            "complete_time = ?5 WHERE id = ?1");
  stmt.Bind(c.id, CommandStatusName(c.status), c.dispatch_time, c.ack_time, c.complete_time);
  return RunUpdate(stmt, "command " + c.id + " does not exist");
}

Result<model::Command> SqliteStore::GetCommand(const std::string& id) {
  std::lock_guard<std::recursive_mutex> lock(mu_);
  return SelectOne<model::Command>(&cache_, std::string(kSelectCommand) + "WHERE id = ?1", id,
                                   ReadCommand, "command " + id + " does not exist");
}

Result<std::optional<model::Command>> SqliteStore::NextOpenCommand(const std::string& instance_id) {
  std::lock_guard<std::recursive_mutex> lock(mu_);
  // The literal 'Completed' (not a parameter) lets SQLite use the partial index
  // commands_open_by_instance, whose WHERE is the same.
  Stmt stmt(&cache_,
            (std::string(kSelectCommand) + "WHERE instance_id = ?1 AND status != 'Completed' "
                                           "ORDER BY create_time, id LIMIT 1")
                .c_str());
  stmt.Bind(instance_id);
  return stmt.First<model::Command>(ReadCommand);
}

Result<std::vector<model::Command>> SqliteStore::ListOpenCommands() {
  std::lock_guard<std::recursive_mutex> lock(mu_);
  Stmt stmt(&cache_,
            (std::string(kSelectCommand) + "WHERE status != 'Completed' ORDER BY create_time, id")
                .c_str());
  return stmt.All<model::Command>(ReadCommand);
}

}  // namespace berth::store
