#include "controller/backup/backup.h"

#include <sqlite3.h>
#include <stdlib.h>

#include <cerrno>
#include <chrono>
#include <cstring>
#include <filesystem>
#include <system_error>
#include <thread>

#include "common/archive/archive.h"

namespace berth::backup {
namespace {

namespace stdfs = std::filesystem;

constexpr char kDatabase[] = "berth.db";
// Besides the database: what a controller needs to carry on as itself.
constexpr const char* kKeptDirs[] = {"blobs", "tls"};
constexpr const char* kKeptFiles[] = {"admin.token", "enroll.token", "sigv4.key"};
constexpr int kBusyRetries = 200;  // 50 ms apart: 10 s of a busy writer

struct DbCloser {
  void operator()(sqlite3* db) const { sqlite3_close_v2(db); }
};
using Db = std::unique_ptr<sqlite3, DbCloser>;

Result<Db> OpenDb(const std::string& path, int flags) {
  sqlite3* raw = nullptr;
  int rc = sqlite3_open_v2(path.c_str(), &raw, flags, nullptr);
  Db db(raw);
  if (rc != SQLITE_OK) {
    return Internal("cannot open " + path + ": " +
                    (raw != nullptr ? sqlite3_errmsg(raw) : sqlite3_errstr(rc)));
  }
  return db;
}

// SQLite's online backup: every page of one read snapshot of `from`, copied into `to`.
Status CopyDatabase(const std::string& from, const std::string& to) {
  ASSIGN_OR_RETURN(Db src, OpenDb(from, SQLITE_OPEN_READONLY));
  ASSIGN_OR_RETURN(Db dest, OpenDb(to, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE));
  sqlite3_backup* copy = sqlite3_backup_init(dest.get(), "main", src.get(), "main");
  if (copy == nullptr) return Internal("cannot back up " + from + ": " + sqlite3_errmsg(dest.get()));
  int rc = SQLITE_OK;
  for (int attempt = 0; attempt < kBusyRetries; ++attempt) {
    rc = sqlite3_backup_step(copy, -1);  // all pages in one step: one snapshot
    if (rc != SQLITE_BUSY && rc != SQLITE_LOCKED) break;
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  sqlite3_backup_finish(copy);
  if (rc != SQLITE_DONE) {
    return Status(rc == SQLITE_BUSY || rc == SQLITE_LOCKED ? Code::kUnavailable : Code::kInternal,
                  "backing up " + from + ": " + sqlite3_errstr(rc));
  }
  return Status::Ok();
}

// A hard link where the staging dir shares the file system, a copy where it does not.
Status LinkOrCopy(const stdfs::path& from, const stdfs::path& to) {
  std::error_code ec;
  stdfs::create_hard_link(from, to, ec);
  if (!ec) return Status::Ok();
  stdfs::copy_file(from, to, ec);
  if (ec) return Internal("cannot copy " + from.string() + ": " + ec.message());
  return Status::Ok();
}

Status CopyTree(const stdfs::path& from, const stdfs::path& to, BackupSummary* summary,
                bool blobs) {
  std::error_code ec;
  stdfs::create_directories(to, ec);
  if (ec) return Internal("cannot create " + to.string() + ": " + ec.message());
  for (auto it = stdfs::recursive_directory_iterator(from, ec);
       !ec && it != stdfs::recursive_directory_iterator(); it.increment(ec)) {
    const stdfs::path rel = stdfs::relative(it->path(), from);
    if (blobs && *rel.begin() == "tmp") {  // uploads in progress are not blobs yet
      if (it->is_directory()) it.disable_recursion_pending();
      continue;
    }
    if (it->is_directory()) {
      stdfs::create_directories(to / rel, ec);
      if (ec) return Internal("cannot create " + (to / rel).string() + ": " + ec.message());
      continue;
    }
    if (!it->is_regular_file()) continue;
    RETURN_IF_ERROR(LinkOrCopy(it->path(), to / rel));
    ++summary->files;
    if (blobs) ++summary->blobs;
  }
  if (ec) return Internal("cannot read " + from.string() + ": " + ec.message());
  return Status::Ok();
}

Status Stage(const stdfs::path& data_dir, const stdfs::path& staging, BackupSummary* summary) {
  // The database first: a blob it names was stored before the row that names it.
  RETURN_IF_ERROR(CopyDatabase((data_dir / kDatabase).string(), (staging / kDatabase).string()));
  ++summary->files;
  for (const char* dir : kKeptDirs) {
    if (!stdfs::is_directory(data_dir / dir)) continue;
    RETURN_IF_ERROR(CopyTree(data_dir / dir, staging / dir, summary,
                             std::string(dir) == "blobs"));
  }
  for (const char* file : kKeptFiles) {
    if (!stdfs::is_regular_file(data_dir / file)) continue;
    RETURN_IF_ERROR(LinkOrCopy(data_dir / file, staging / file));
    ++summary->files;
  }
  return Status::Ok();
}

}  // namespace

Result<BackupSummary> Backup(const std::string& data_dir, const std::string& out_path) {
  if (!stdfs::is_regular_file(stdfs::path(data_dir) / kDatabase)) {
    return NotFound(data_dir + " holds no controller database (" + kDatabase + ")");
  }
  std::string pattern = out_path + ".staging-XXXXXX";
  if (::mkdtemp(pattern.data()) == nullptr) {
    return Internal("cannot create a staging directory beside " + out_path + ": " +
                    std::strerror(errno));
  }
  const stdfs::path staging = pattern;
  BackupSummary summary;
  Status s = Stage(data_dir, staging, &summary);
  // 0600: it holds the CA key and the tokens, as secret as the data dir itself.
  if (s.ok()) {
    s = archive::PackDirectory(staging.string(), model::BundleType::kTgz, out_path, 0600);
  }
  std::error_code ec;
  stdfs::remove_all(staging, ec);
  if (!s.ok()) return s.WithContext("backup of " + data_dir);
  return summary;
}

Status Restore(const std::string& backup_path, const std::string& data_dir) {
  archive::UnpackLimits limits;
  limits.max_ratio = 0;  // a database compresses well past a bundle's 1:1000
  Status s = archive::Unpack(backup_path, model::BundleType::kTgz, data_dir, limits);
  if (!s.ok()) return s.WithContext("restoring " + backup_path);
  if (!stdfs::is_regular_file(stdfs::path(data_dir) / kDatabase)) {
    std::error_code ec;
    stdfs::remove_all(data_dir, ec);
    return InvalidArgument(backup_path + " is not a controller backup: it holds no " +
                           std::string(kDatabase));
  }
  return Status::Ok();
}

}  // namespace berth::backup
