// A thin owner of one prepared SQLite statement, and the mapping of SQLite result codes to
// Status. Only controller/store/sqlite_* use it.
//
// Errors are sticky: a failed prepare or bind is remembered and reported by the next
// Run()/Step(), so call sites bind a whole row and check once.
//
// Codes: a UNIQUE or PRIMARY KEY violation is ALREADY_EXISTS, a FOREIGN KEY violation is
// NOT_FOUND (the row referred to is missing), SQLITE_BUSY is UNAVAILABLE, anything else
// INTERNAL; messages carry sqlite3_errmsg. Callers replace the message of ALREADY_EXISTS
// and NOT_FOUND with one that names the thing.
#pragma once

#include <sqlite3.h>

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "common/status.h"

namespace berth::store {

struct SqliteCloser {
  void operator()(sqlite3* db) const { sqlite3_close_v2(db); }
};
struct SqliteFinalizer {
  void operator()(sqlite3_stmt* stmt) const { sqlite3_finalize(stmt); }
};
using SqliteDb = std::unique_ptr<sqlite3, SqliteCloser>;

// The Status for SQLite result `rc` on `db` (whose errmsg describes it).
Status SqliteError(sqlite3* db, int rc, const std::string& context);

// `s` with its message replaced by `message` when its code is `code`: how a method names
// the thing a constraint failure is about ("application \"web\" already exists").
Status Explain(Status s, Code code, std::string message);

// Runs one or more statements that return no rows (schema, BEGIN/COMMIT, pragmas).
Status ExecSql(sqlite3* db, const char* sql);

// Prepared statements of one connection, kept by their SQL text and reused, so a hot
// path does not re-parse its SQL on every call. A statement in use (a Stmt alive) is not
// handed out again: a second Stmt of the same SQL meanwhile gets a fresh one of its own.
// Not thread-safe: used under the connection's lock. Outlived by its connection.
class StmtCache {
 public:
  explicit StmtCache(sqlite3* db) : db_(db) {}
  ~StmtCache();
  StmtCache(const StmtCache&) = delete;
  StmtCache& operator=(const StmtCache&) = delete;

  sqlite3* db() const { return db_; }
  // A statement of `sql` ready to bind, or null with *rc set when it does not prepare;
  // *cached says whether it must be given back with Release.
  sqlite3_stmt* Acquire(const char* sql, int* rc, bool* cached);
  // Resets `stmt` and makes it available again.
  void Release(sqlite3_stmt* stmt);

 private:
  struct Entry {
    sqlite3_stmt* stmt = nullptr;
    bool in_use = false;
  };
  sqlite3* db_;
  std::unordered_map<std::string, Entry> entries_;
};

class Stmt {
 public:
  Stmt(sqlite3* db, const char* sql);
  // Borrows the cached statement of `sql` (see StmtCache).
  Stmt(StmtCache* cache, const char* sql);
  ~Stmt();
  Stmt(const Stmt&) = delete;
  Stmt& operator=(const Stmt&) = delete;

  // Binds the parameters ?1, ?2, ... in order.
  template <typename... Args>
  Stmt& Bind(const Args&... args) {
    int index = 1;
    (BindOne(index++, args), ...);
    return *this;
  }

  // Binds parameter ?index alone (for statements assembled at run time).
  template <typename T>
  Stmt& BindAt(int index, const T& value) {
    BindOne(index, value);
    return *this;
  }

  // Runs a statement that returns no rows.
  Status Run();
  // Advances to the next row: true while there is one, false when done.
  Result<bool> Step();
  // Rewinds to run again with new bindings (a statement reused in a loop).
  void Reset() {
    if (stmt_ != nullptr) sqlite3_reset(stmt_);
  }
  // Rows changed by the last Run() (to tell "updated" from "no such row").
  int Changes() const { return sqlite3_changes(db_); }

  // Columns of the current row, 0-based.
  std::string Text(int col) const;
  int64_t Int64(int col) const { return sqlite3_column_int64(stmt_, col); }
  int Int(int col) const { return sqlite3_column_int(stmt_, col); }
  bool Bool(int col) const { return sqlite3_column_int(stmt_, col) != 0; }
  bool IsNull(int col) const { return sqlite3_column_type(stmt_, col) == SQLITE_NULL; }

  // Runs the query and reads every row with `read` (a Status(Stmt&, T*) callable).
  template <typename T, typename Read>
  Result<std::vector<T>> All(Read read) {
    std::vector<T> rows;
    while (true) {
      ASSIGN_OR_RETURN(bool has_row, Step());
      if (!has_row) return rows;
      T row;
      RETURN_IF_ERROR(read(*this, &row));
      rows.push_back(std::move(row));
    }
  }

  // Runs the query and reads its first row, if any.
  template <typename T, typename Read>
  Result<std::optional<T>> First(Read read) {
    ASSIGN_OR_RETURN(bool has_row, Step());
    if (!has_row) return std::optional<T>();
    T row;
    RETURN_IF_ERROR(read(*this, &row));
    return std::optional<T>(std::move(row));
  }

 private:
  void BindOne(int index, const std::string& value);
  void BindOne(int index, const char* value) { BindOne(index, std::string(value)); }
  void BindOne(int index, int64_t value);
  void BindOne(int index, int value) { BindOne(index, static_cast<int64_t>(value)); }
  void BindOne(int index, bool value) { BindOne(index, static_cast<int64_t>(value ? 1 : 0)); }
  void Check(int rc);

  sqlite3* db_;
  StmtCache* cache_ = nullptr;  // set when stmt_ is borrowed from it
  sqlite3_stmt* stmt_ = nullptr;  // owned unless borrowed
  Status error_;  // the first prepare/bind failure
};

// Runs `sql` with ?1 bound to `key` and reads its first row with `read`; NOT_FOUND with
// the message `missing` when there is none.
template <typename T, typename Read>
Result<T> SelectOne(StmtCache* db, const std::string& sql, const std::string& key, Read read,
                    std::string missing) {
  Stmt stmt(db, sql.c_str());
  ASSIGN_OR_RETURN(std::optional<T> row, stmt.Bind(key).First<T>(read));
  if (!row) return NotFound(std::move(missing));
  return *std::move(row);
}

}  // namespace berth::store
