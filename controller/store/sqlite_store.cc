#include "controller/store/sqlite_store.h"

#include <algorithm>
#include <cstring>
#include <mutex>
#include <string>

#include "controller/store/migrations.h"

namespace berth::store {
namespace {

// How long a statement waits for another process's lock (e.g. a backup or the sqlite3
// shell) before failing UNAVAILABLE.
constexpr int kBusyTimeoutMs = 5000;

// Turns off SQLite's allocation statistics, which take a global mutex on every malloc and
// free; nothing here reads them. Only possible before SQLite initializes, so it is done
// before the first connection opens (later calls are refused and ignored).
void ConfigureSqliteLibrary() {
  static std::once_flag once;
  std::call_once(once, [] { (void)sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0); });
}

}  // namespace

Result<std::unique_ptr<SqliteStore>> SqliteStore::Open(const std::string& path) {
  ConfigureSqliteLibrary();
  sqlite3* raw = nullptr;
  // NOMUTEX: every use of the connection is under mu_, so SQLite's own per-call
  // connection mutex would only be taken and released again.
  int rc = sqlite3_open_v2(path.c_str(), &raw,
                           SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX,
                           nullptr);
  SqliteDb db(raw);  // sqlite3_open_v2 hands back a handle to close even on failure
  if (rc != SQLITE_OK) {
    return Internal("cannot open database " + path + ": " +
                    (raw != nullptr ? sqlite3_errmsg(raw) : sqlite3_errstr(rc)));
  }
  std::unique_ptr<SqliteStore> store(new SqliteStore(std::move(db)));  // private constructor
  RETURN_IF_ERROR(store->Configure().WithContext("database " + path));
  RETURN_IF_ERROR(store->Migrate().WithContext("database " + path));
  return store;
}

void SqliteStore::OnRowChange(void* self, int /*op*/, const char* /*db*/, const char* table,
                              sqlite3_int64 rowid) {
  // Inside the statement that makes the change, under mu_.
  auto* store = static_cast<SqliteStore*>(self);
  if (std::strcmp(table, "instances") == 0) {
    store->instance_memo_.Forget(rowid);
  } else if (std::strcmp(table, "deployments") == 0) {
    store->deployment_memo_.Forget(rowid);
  } else if (std::strcmp(table, "applications") == 0 ||
             std::strcmp(table, "deployment_groups") == 0) {
    store->deployment_memo_.Clear();
  }
}

Status SqliteStore::Configure() {
  std::lock_guard<std::recursive_mutex> lock(mu_);
  sqlite3_extended_result_codes(db_.get(), 1);  // tells UNIQUE from FOREIGN KEY failures
  sqlite3_busy_timeout(db_.get(), kBusyTimeoutMs);
  sqlite3_update_hook(db_.get(), &SqliteStore::OnRowChange, this);
  // journal_mode reports "memory" for ":memory:" databases; that is fine for tests.
  return ExecSql(db_.get(),
                 "PRAGMA journal_mode = WAL;"
                 "PRAGMA synchronous = FULL;"
                 // A 10,000-host deployment's rows stay in memory (pages are cached only
                 // as they are used, so an idle controller stays small).
                 "PRAGMA cache_size = -32768;"
                 // Statement journals (one per write inside a savepoint) stay in memory:
                 // a temp file costs a write() per journaled page. SQLite walks an
                 // in-memory journal from its start whenever a statement ends, so no
                 // transaction may grow with the fleet (the dispatcher takes commands in
                 // slices).
                 "PRAGMA temp_store = MEMORY;"
                 "PRAGMA foreign_keys = ON;");
}

Result<int> SqliteStore::SchemaVersion() {
  std::lock_guard<std::recursive_mutex> lock(mu_);
  Stmt stmt(&cache_, "PRAGMA user_version");
  ASSIGN_OR_RETURN(bool has_row, stmt.Step());
  if (!has_row) return Internal("PRAGMA user_version returned no row");
  return stmt.Int(0);
}

Status SqliteStore::Migrate() {
  ASSIGN_OR_RETURN(int current, SchemaVersion());
  int latest = 0;
  for (const Migration& m : Migrations()) latest = std::max(latest, m.version);
  if (current > latest) {
    return FailedPrecondition("schema version " + std::to_string(current) +
                              " is newer than this binary knows (" + std::to_string(latest) +
                              "); run a newer berth-controller");
  }
  for (const Migration& m : Migrations()) {
    if (m.version <= current) continue;
    // user_version is bumped in the same transaction, so a crash mid-way leaves the
    // database at the previous version with none of this migration applied.
    Status s = Transact([&] {
      RETURN_IF_ERROR(ExecSql(db_.get(), m.sql));
      return ExecSql(db_.get(), ("PRAGMA user_version = " + std::to_string(m.version)).c_str());
    });
    if (!s.ok()) return Internal("migration " + std::string(m.name) + " failed: " + s.message());
  }
  return Status::Ok();
}

Status SqliteStore::RunUpdate(Stmt& stmt, const std::string& missing) {
  RETURN_IF_ERROR(stmt.Run());
  if (stmt.Changes() == 0) return NotFound(missing);
  return Status::Ok();
}

}  // namespace berth::store
