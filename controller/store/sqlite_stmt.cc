#include "controller/store/sqlite_stmt.h"

namespace berth::store {

Status SqliteError(sqlite3* db, int rc, const std::string& context) {
  std::string message = context + ": " + sqlite3_errmsg(db);
  switch (rc) {
    case SQLITE_CONSTRAINT_UNIQUE:
    case SQLITE_CONSTRAINT_PRIMARYKEY:
      return AlreadyExists(std::move(message));
    case SQLITE_CONSTRAINT_FOREIGNKEY:
      return NotFound(std::move(message));
    case SQLITE_BUSY:
    case SQLITE_LOCKED:
      return Unavailable(std::move(message));
    default:
      return Internal(std::move(message));
  }
}

Status Explain(Status s, Code code, std::string message) {
  if (s.code() == code) return Status(code, std::move(message));
  return s;
}

Status ExecSql(sqlite3* db, const char* sql) {
  int rc = sqlite3_exec(db, sql, nullptr, nullptr, nullptr);
  if (rc != SQLITE_OK) return SqliteError(db, rc, "sqlite exec");
  return Status::Ok();
}

Stmt::Stmt(sqlite3* db, const char* sql) : db_(db) {
  sqlite3_stmt* raw = nullptr;
  int rc = sqlite3_prepare_v2(db, sql, -1, &raw, nullptr);
  stmt_.reset(raw);
  if (rc != SQLITE_OK) error_ = SqliteError(db, rc, std::string("sqlite prepare \"") + sql + "\"");
}

void Stmt::Check(int rc) {
  if (rc != SQLITE_OK && error_.ok()) error_ = SqliteError(db_, rc, "sqlite bind");
}

void Stmt::BindOne(int index, const std::string& value) {
  if (!stmt_) return;
  Check(sqlite3_bind_text(stmt_.get(), index, value.data(), static_cast<int>(value.size()),
                          SQLITE_TRANSIENT));
}

void Stmt::BindOne(int index, int64_t value) {
  if (!stmt_) return;
  Check(sqlite3_bind_int64(stmt_.get(), index, value));
}

Result<bool> Stmt::Step() {
  if (!error_.ok()) return error_;
  int rc = sqlite3_step(stmt_.get());
  if (rc == SQLITE_ROW) return true;
  if (rc == SQLITE_DONE) return false;
  // The statement's own code (extended with sqlite3_extended_result_codes) names the cause.
  error_ = SqliteError(db_, sqlite3_extended_errcode(db_), "sqlite step");
  return error_;
}

Status Stmt::Run() {
  ASSIGN_OR_RETURN(bool has_row, Step());
  (void)has_row;  // a write returns no rows; a stray row is ignored
  return Status::Ok();
}

std::string Stmt::Text(int col) const {
  const unsigned char* text = sqlite3_column_text(stmt_.get(), col);
  if (text == nullptr) return std::string();
  return std::string(reinterpret_cast<const char*>(text),
                     static_cast<size_t>(sqlite3_column_bytes(stmt_.get(), col)));
}

}  // namespace berth::store
