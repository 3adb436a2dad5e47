#include "controller/store/sqlite_stmt.h"

#include "controller/disk_full.h"

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
    case SQLITE_FULL: {
      // SQLite rolls the statement (or the whole transaction) back: nothing half-written.
      const char* file = sqlite3_db_filename(db, "main");
      return DiskFull(message + " (" + (file != nullptr && *file ? file : ":memory:") + ")");
    }
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

StmtCache::~StmtCache() {
  for (auto& [sql, entry] : entries_) sqlite3_finalize(entry.stmt);
}

sqlite3_stmt* StmtCache::Acquire(const char* sql, int* rc, bool* cached) {
  auto [it, added] = entries_.try_emplace(sql);
  Entry& entry = it->second;
  if (!added && !entry.in_use) {
    entry.in_use = true;
    *cached = true;
    *rc = SQLITE_OK;
    return entry.stmt;
  }
  sqlite3_stmt* raw = nullptr;
  *rc = sqlite3_prepare_v3(db_, sql, -1, added ? SQLITE_PREPARE_PERSISTENT : 0, &raw, nullptr);
  if (*rc != SQLITE_OK) {
    sqlite3_finalize(raw);
    if (added) entries_.erase(it);
    *cached = false;
    return nullptr;
  }
  *cached = added;
  if (added) entry = {raw, true};
  return raw;
}

void StmtCache::Release(sqlite3_stmt* stmt) {
  sqlite3_reset(stmt);
  sqlite3_clear_bindings(stmt);
  auto it = entries_.find(sqlite3_sql(stmt));
  if (it != entries_.end() && it->second.stmt == stmt) it->second.in_use = false;
}

Stmt::Stmt(sqlite3* db, const char* sql) : db_(db) {
  int rc = sqlite3_prepare_v2(db, sql, -1, &stmt_, nullptr);
  if (rc != SQLITE_OK) error_ = SqliteError(db, rc, std::string("sqlite prepare \"") + sql + "\"");
}

Stmt::Stmt(StmtCache* cache, const char* sql) : db_(cache->db()) {
  int rc = SQLITE_OK;
  bool cached = false;
  stmt_ = cache->Acquire(sql, &rc, &cached);
  if (cached) cache_ = cache;
  if (rc != SQLITE_OK) error_ = SqliteError(db_, rc, std::string("sqlite prepare \"") + sql + "\"");
}

Stmt::~Stmt() {
  if (stmt_ == nullptr) return;
  if (cache_ != nullptr) {
    cache_->Release(stmt_);
  } else {
    sqlite3_finalize(stmt_);
  }
}

void Stmt::Check(int rc) {
  if (rc != SQLITE_OK && error_.ok()) error_ = SqliteError(db_, rc, "sqlite bind");
}

void Stmt::BindOne(int index, const std::string& value) {
  if (!stmt_) return;
  Check(sqlite3_bind_text(stmt_, index, value.data(), static_cast<int>(value.size()),
                          SQLITE_TRANSIENT));
}

void Stmt::BindOne(int index, int64_t value) {
  if (!stmt_) return;
  Check(sqlite3_bind_int64(stmt_, index, value));
}

Result<bool> Stmt::Step() {
  if (!error_.ok()) return error_;
  int rc = sqlite3_step(stmt_);
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
  const unsigned char* text = sqlite3_column_text(stmt_, col);
  if (text == nullptr) return std::string();
  return std::string(reinterpret_cast<const char*>(text),
                     static_cast<size_t>(sqlite3_column_bytes(stmt_, col)));
}

}  // namespace berth::store
