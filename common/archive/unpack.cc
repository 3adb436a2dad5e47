// Unpack (archive.h): scan every entry first (bundle_scan.h), then extract into a
// staging directory beside the destination and rename it into place, so the destination
// is either empty or complete, never half-written.
#include <stdlib.h>
#include <sys/stat.h>
#include <sys/statvfs.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>

#include "common/archive/archive.h"
#include "common/archive/bundle_scan.h"
#include "common/archive/libarchive_handles.h"
#include "common/fs.h"

namespace berth::archive {
namespace {

using internal::ArchiveReader;
using internal::ArchiveWriter;
using internal::BundleLayout;
using internal::ErrorText;
using internal::ScannedEntry;

// Entries were checked and rewritten to absolute staging paths, so ".." and absolute
// names cannot reach here; these flags are a second line of defence, and PERM/TIME keep
// modes (including the executable bit of scripts) and mtimes. Ownership is not restored:
// the install step decides owners from the appspec's permissions.
constexpr int kExtractFlags = ARCHIVE_EXTRACT_TIME | ARCHIVE_EXTRACT_PERM |
                              ARCHIVE_EXTRACT_SECURE_SYMLINKS | ARCHIVE_EXTRACT_SECURE_NODOTDOT;

// Bits a bundle cannot grant: an appspec `permissions` mode may still set them.
constexpr mode_t kStrippedModeBits = S_ISUID | S_ISGID | S_IWOTH;

// Counts what is really written, since headers (zip sizes, sparse tar maps) may lie.
struct WrittenSoFar {
  int64_t bytes = 0;
  int64_t entries = 0;
  int64_t archive_bytes = 0;
};

Status CopyData(struct archive* reader, struct archive* writer, const std::string& name,
                const UnpackLimits& limits, WrittenSoFar* written) {
  const void* block = nullptr;
  size_t size = 0;
  la_int64_t offset = 0;
  while (true) {
    int rc = archive_read_data_block(reader, &block, &size, &offset);
    if (rc == ARCHIVE_EOF) return Status::Ok();
    if (rc < ARCHIVE_WARN) {
      return InvalidArgument("cannot read bundle entry \"" + name + "\": " + ErrorText(reader));
    }
    written->bytes += static_cast<int64_t>(size);
    RETURN_IF_ERROR(internal::CheckUnpackLimits(written->bytes, written->entries,
                                                written->archive_bytes, limits));
    if (archive_write_data_block(writer, block, size, offset) < ARCHIVE_WARN) {
      return Internal("cannot write bundle entry \"" + name + "\": " + ErrorText(writer));
    }
  }
}

Status ExtractEntries(const std::string& archive_path, const BundleLayout& layout,
                      const std::string& staging, const UnpackLimits& limits) {
  WrittenSoFar written;
  struct stat archive_stat {};
  if (::stat(archive_path.c_str(), &archive_stat) == 0) written.archive_bytes = archive_stat.st_size;
  ASSIGN_OR_RETURN(ArchiveReader reader, internal::OpenBundleForReading(archive_path));
  ArchiveWriter writer(archive_write_disk_new());
  if (!writer) return Internal("cannot allocate an archive writer");
  archive_write_disk_set_options(writer.get(), kExtractFlags);
  struct archive_entry* entry = nullptr;
  for (const ScannedEntry& scanned : layout.entries) {
    int rc = archive_read_next_header(reader.get(), &entry);
    const char* name = rc >= ARCHIVE_WARN ? archive_entry_pathname(entry) : nullptr;
    // The checks of the first pass hold only for the same entries in the same order.
    if (!name || scanned.name != name) {
      return InvalidArgument("bundle " + archive_path + " changed while it was unpacked");
    }
    ++written.entries;
    if (scanned.path.empty()) continue;  // the root or the stripped directory: exists
    archive_entry_set_perm(entry, archive_entry_perm(entry) & ~kStrippedModeBits);
    std::string target = staging + "/" + scanned.path;
    archive_entry_set_pathname(entry, target.c_str());
    if (!scanned.hardlink.empty()) {
      std::string link_target = staging + "/" + scanned.hardlink;
      archive_entry_set_hardlink(entry, link_target.c_str());
    }
    if (archive_write_header(writer.get(), entry) < ARCHIVE_WARN) {
      return Internal("cannot extract bundle entry \"" + scanned.name +
                      "\": " + ErrorText(writer.get()));
    }
    RETURN_IF_ERROR(CopyData(reader.get(), writer.get(), scanned.name, limits, &written));
    if (archive_write_finish_entry(writer.get()) < ARCHIVE_WARN) {
      return Internal("cannot extract bundle entry \"" + scanned.name +
                      "\": " + ErrorText(writer.get()));
    }
  }
  // Directory modes and times are applied here, after their contents were written.
  if (archive_write_close(writer.get()) != ARCHIVE_OK) {
    return Internal("cannot finish unpacking " + archive_path + ": " + ErrorText(writer.get()));
  }
  return Status::Ok();
}

// Creates `dest_dir` if needed and returns its absolute, symlink-free path.
Result<std::string> PrepareDestination(const std::string& dest_dir) {
  RETURN_IF_ERROR(fs::MakeDirs(dest_dir));
  std::error_code ec;
  std::filesystem::path canonical = std::filesystem::canonical(dest_dir, ec);
  if (ec) return Internal("cannot resolve " + dest_dir + ": " + ec.message());
  if (!std::filesystem::is_empty(canonical, ec) || ec) {
    return FailedPrecondition("cannot unpack into " + dest_dir + ": it is not empty");
  }
  return canonical.string();
}

// RESOURCE_EXHAUSTED when `bytes` would not fit the file system holding `dir`.
Status CheckFreeSpace(const std::string& dir, int64_t bytes) {
  struct statvfs vfs {};
  if (::statvfs(dir.c_str(), &vfs) != 0) return Status::Ok();  // unknown: let writes tell
  const int64_t free_bytes = static_cast<int64_t>(vfs.f_bavail) * static_cast<int64_t>(vfs.f_frsize);
  if (bytes > free_bytes) {
    return Status(Code::kResourceExhausted,
                  "the bundle unpacks to " + std::to_string(bytes) + " bytes but " + dir +
                      " has only " + std::to_string(free_bytes) + " bytes free");
  }
  return Status::Ok();
}

}  // namespace

Status Unpack(const std::string& archive_path, model::BundleType type,
              const std::string& dest_dir, const UnpackLimits& limits) {
  ASSIGN_OR_RETURN(std::string dest, PrepareDestination(dest_dir));
  ASSIGN_OR_RETURN(BundleLayout layout, internal::ScanBundle(archive_path, dest, limits));
  if (limits.check_free_space) RETURN_IF_ERROR(CheckFreeSpace(dest, layout.total_bytes));

  std::string staging = dest + ".unpack-XXXXXX";
  if (!::mkdtemp(staging.data())) {
    return Internal("cannot create a staging directory beside " + dest + ": " +
                    std::strerror(errno));
  }
  Status status = ExtractEntries(archive_path, layout, staging, limits);
  if (status.ok() && ::chmod(staging.c_str(), 0755) != 0) {
    status = Internal("cannot chmod " + staging + ": " + std::strerror(errno));
  }
  // rename(2) replaces the empty destination directory in one step.
  if (status.ok() && std::rename(staging.c_str(), dest.c_str()) != 0) {
    status = Internal("cannot move the unpacked bundle to " + dest + ": " + std::strerror(errno));
  }
  if (!status.ok()) {
    Status removed = fs::RemoveAll(staging);
    (void)removed;  // the extraction error is the one to report
  }
  return status;
}

}  // namespace berth::archive
