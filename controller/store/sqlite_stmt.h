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

class Stmt {
 public:
  Stmt(sqlite3* db, const char* sql);

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
  // Rows changed by the last Run() (to tell "updated" from "no such row").
  int Changes() const { return sqlite3_changes(db_); }

  // Columns of the current row, 0-based.
  std::string Text(int col) const;
  int64_t Int64(int col) const { return sqlite3_column_int64(stmt_.get(), col); }
  int Int(int col) const { return sqlite3_column_int(stmt_.get(), col); }
  bool Bool(int col) const { return sqlite3_column_int(stmt_.get(), col) != 0; }
  bool IsNull(int col) const { return sqlite3_column_type(stmt_.get(), col) == SQLITE_NULL; }

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
  std::unique_ptr<sqlite3_stmt, SqliteFinalizer> stmt_;
  Status error_;  // the first prepare/bind failure
};

// Runs `sql` with ?1 bound to `key` and reads its first row with `read`; NOT_FOUND with
// the message `missing` when there is none.
template <typename T, typename Read>
Result<T> SelectOne(sqlite3* db, const std::string& sql, const std::string& key, Read read,
                    std::string missing) {
  Stmt stmt(db, sql.c_str());
  ASSIGN_OR_RETURN(std::optional<T> row, stmt.Bind(key).First<T>(read));
  if (!row) return NotFound(std::move(missing));
  return *std::move(row);
}

}  // namespace berth::store
