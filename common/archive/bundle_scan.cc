#include "common/archive/bundle_scan.h"

#include <sys/stat.h>

#include <algorithm>
#include <set>

#include "common/archive/entry_paths.h"
#include "common/archive/libarchive_handles.h"

namespace berth::archive::internal {
namespace {

struct RawEntry {
  std::string name;
  std::string path;      // normalized, before stripping
  std::string hardlink;  // normalized, before stripping
  std::string symlink;   // the target as stored
  bool is_directory = false;
  bool is_symlink = false;
};

Status Refuse(const std::string& name, const std::string& problem) {
  return InvalidArgument("bundle entry \"" + name + "\" " + problem);
}

Status CheckName(const std::string& name, const std::string& what, std::string* normalized) {
  switch (NormalizeEntryPath(name, normalized)) {
    case EntryPathVerdict::kInside:
      return Status::Ok();
    case EntryPathVerdict::kAbsolute:
      return InvalidArgument(what + " has an absolute path");
    case EntryPathVerdict::kEscapes:
      return InvalidArgument(what + " escapes the archive directory");
  }
  return Internal("unreachable");
}

const char* SpecialFileKind(mode_t type) {
  switch (type) {
    case AE_IFCHR:
      return "a character device";
    case AE_IFBLK:
      return "a block device";
    case AE_IFIFO:
      return "a fifo";
    case AE_IFSOCK:
      return "a socket";
    default:
      return "of an unknown file type";
  }
}

Result<RawEntry> ReadEntry(struct archive_entry* entry) {
  RawEntry raw;
  const char* name = archive_entry_pathname(entry);
  if (!name) name = archive_entry_pathname_utf8(entry);
  if (!name) return InvalidArgument("a bundle entry has a name that cannot be decoded");
  raw.name = name;
  const std::string quoted = "bundle entry \"" + raw.name + "\"";
  RETURN_IF_ERROR(CheckName(raw.name, quoted, &raw.path));
  if (const char* hardlink = archive_entry_hardlink(entry)) {
    Status s = CheckName(hardlink, quoted + " is a hard link to \"" + hardlink + "\", which",
                         &raw.hardlink);
    if (!s.ok()) return s;
    if (raw.hardlink.empty()) {
      return Refuse(raw.name, "is a hard link to the archive directory itself");
    }
    return raw;
  }
  mode_t type = archive_entry_filetype(entry);
  if (type == AE_IFLNK) {
    const char* target = archive_entry_symlink(entry);
    raw.is_symlink = true;
    raw.symlink = target ? target : "";
    if (raw.symlink.empty()) return Refuse(raw.name, "is a symlink with an empty target");
  } else if (type == AE_IFDIR) {
    raw.is_directory = true;
  } else if (type != AE_IFREG) {
    return Refuse(raw.name, std::string("is ") + SpecialFileKind(type) +
                                "; a bundle holds only files, directories and links");
  }
  return raw;
}

// The single top-level directory to strip, or "": it must hold every entry and an appspec.
std::string DirectoryToStrip(const std::vector<RawEntry>& entries) {
  std::string top;
  bool has_appspec = false;
  for (const RawEntry& entry : entries) {
    if (entry.path.empty()) continue;
    std::string first = entry.path.substr(0, entry.path.find('/'));
    if (top.empty()) top = first;
    if (first != top) return "";
    if (entry.path == top && !entry.is_directory) return "";
    if (entry.path == top + "/appspec.yml" || entry.path == top + "/appspec.yaml") {
      has_appspec = true;
    }
  }
  return has_appspec ? top : "";
}

// `path` without the stripped directory; false if it lies outside it.
bool Strip(const std::string& top, std::string* path) {
  if (top.empty() || path->empty()) return true;
  if (*path == top) {
    path->clear();
    return true;
  }
  if (path->compare(0, top.size() + 1, top + "/") != 0) return false;
  path->erase(0, top.size() + 1);
  return true;
}

// The nearest proper ancestor of `path` that is a symlink in the bundle, or "".
std::string SymlinkAncestor(const std::string& path, const std::set<std::string>& symlinks) {
  for (std::size_t slash = path.find('/'); slash != std::string::npos;
       slash = path.find('/', slash + 1)) {
    std::string ancestor = path.substr(0, slash);
    if (symlinks.count(ancestor)) return ancestor;
  }
  return "";
}

Status CheckLinks(const std::vector<RawEntry>& raw, const BundleLayout& layout,
                  const std::string& dest_dir) {
  std::set<std::string> symlinks;
  for (std::size_t i = 0; i < raw.size(); ++i) {
    if (raw[i].is_symlink) symlinks.insert(layout.entries[i].path);
  }
  auto is_symlink = [&symlinks](const std::string& path) { return symlinks.count(path) > 0; };
  for (std::size_t i = 0; i < raw.size(); ++i) {
    const ScannedEntry& entry = layout.entries[i];
    // libarchive's SECURE_SYMLINKS would also refuse these, but only mid-extraction.
    for (const std::string& path : {entry.path, entry.hardlink}) {
      std::string link = SymlinkAncestor(path, symlinks);
      if (!link.empty()) {
        return Refuse(entry.name, "goes through the bundle's own symlink \"" + link + "\"");
      }
    }
    if (!raw[i].is_symlink) continue;
    switch (ResolveLinkTarget(entry.path, raw[i].symlink, dest_dir, is_symlink)) {
      case LinkTargetVerdict::kInside:
        break;
      case LinkTargetVerdict::kOutside:
        return Refuse(entry.name, "is a symlink to \"" + raw[i].symlink +
                                      "\", which points outside the archive directory");
      case LinkTargetVerdict::kThroughSymlink:
        return Refuse(entry.name, "is a symlink to \"" + raw[i].symlink +
                                      "\", which climbs out of another symlink with \"..\"");
    }
  }
  return Status::Ok();
}

constexpr int64_t kRatioExemptBytes = int64_t{16} << 20;

int64_t FileSize(const std::string& path) {
  struct stat st {};
  return ::stat(path.c_str(), &st) == 0 ? static_cast<int64_t>(st.st_size) : 0;
}

}  // namespace

Status CheckUnpackLimits(int64_t bytes, int64_t entries, int64_t archive_bytes,
                         const UnpackLimits& limits) {
  if (entries > limits.max_entries) {
    return Status(Code::kResourceExhausted,
                  "the bundle has more than " + std::to_string(limits.max_entries) +
                      " entries (the limit set by --max-bundle-entries)");
  }
  if (bytes > limits.max_bytes) {
    return Status(Code::kResourceExhausted,
                  "the bundle unpacks to more than " + std::to_string(limits.max_bytes) +
                      " bytes (the limit set by --max-bundle-bytes)");
  }
  // Small bundles are exempt: a few MiB of zeros compress past any ratio and harm no one.
  if (limits.max_ratio > 0 && bytes > kRatioExemptBytes &&
      bytes / limits.max_ratio > std::max<int64_t>(archive_bytes, 1)) {
    return Status(Code::kResourceExhausted,
                  "the bundle unpacks to more than " + std::to_string(limits.max_ratio) +
                      " times its size of " + std::to_string(archive_bytes) +
                      " bytes (the compression ratio limit set by --max-bundle-ratio)");
  }
  return Status::Ok();
}

Result<BundleLayout> ScanBundle(const std::string& archive_path, const std::string& dest_dir,
                                const UnpackLimits& limits) {
  ASSIGN_OR_RETURN(ArchiveReader reader, OpenBundleForReading(archive_path));
  const int64_t archive_bytes = FileSize(archive_path);
  std::vector<RawEntry> raw;
  int64_t total_bytes = 0;
  struct archive_entry* entry = nullptr;
  while (true) {
    int rc = archive_read_next_header(reader.get(), &entry);
    if (rc == ARCHIVE_EOF) break;
    if (rc < ARCHIVE_WARN) {
      return InvalidArgument("cannot read bundle " + archive_path + ": " + ErrorText(reader.get()));
    }
    ASSIGN_OR_RETURN(RawEntry checked, ReadEntry(entry));
    raw.push_back(std::move(checked));
    if (archive_entry_size_is_set(entry) && archive_entry_size(entry) > 0) {
      total_bytes += std::min<int64_t>(archive_entry_size(entry), limits.max_bytes + 1);
    }
    RETURN_IF_ERROR(CheckUnpackLimits(total_bytes, static_cast<int64_t>(raw.size()),
                                      archive_bytes, limits));
  }
  BundleLayout layout;
  layout.total_bytes = total_bytes;
  layout.stripped_directory = DirectoryToStrip(raw);
  for (const RawEntry& r : raw) {
    ScannedEntry scanned{r.name, r.path, r.hardlink};
    Strip(layout.stripped_directory, &scanned.path);  // every path is under it
    // A hard link to the stripped directory itself would be a link to the destination.
    if (!Strip(layout.stripped_directory, &scanned.hardlink) ||
        (!r.hardlink.empty() && scanned.hardlink.empty())) {
      return Refuse(
          r.name, "is a hard link to \"" + r.hardlink + "\", which escapes the archive directory");
    }
    layout.entries.push_back(std::move(scanned));
  }
  RETURN_IF_ERROR(CheckLinks(raw, layout, dest_dir));
  return layout;
}

}  // namespace berth::archive::internal
