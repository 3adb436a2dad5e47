// PackDirectory (archive.h): a depth-first walk in name order, so the same tree always
// packs to the same entry order, streamed through libarchive into a temp file that is
// renamed into place.
#include <fcntl.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <vector>

#include "common/archive/archive.h"
#include "common/archive/libarchive_handles.h"

namespace berth::archive {
namespace {

using internal::ArchiveEntry;
using internal::ArchiveWriter;
using internal::ErrorText;

std::string Errno(const std::string& what, const std::string& path) {
  return "cannot " + what + " " + path + ": " + std::strerror(errno);
}

class Packer {
 public:
  // `skip`: the output and its temp file, left out when they lie inside the directory.
  Packer(struct archive* writer, std::vector<std::string> skip)
      : writer_(writer), skip_(std::move(skip)) {}

  Status AddChildren(const std::string& dir, const std::string& prefix) {
    std::error_code ec;
    std::vector<std::string> names;
    for (auto it = std::filesystem::directory_iterator(dir, ec);
         !ec && it != std::filesystem::directory_iterator(); it.increment(ec)) {
      names.push_back(it->path().filename().string());
    }
    if (ec) return Internal("cannot list " + dir + ": " + ec.message());
    std::sort(names.begin(), names.end());
    for (const std::string& name : names) {
      std::string path = dir + "/" + name;
      if (std::find(skip_.begin(), skip_.end(), path) != skip_.end()) continue;
      RETURN_IF_ERROR(Add(path, prefix + name));
    }
    return Status::Ok();
  }

 private:
  Status Add(const std::string& path, const std::string& relative) {
    struct stat st;
    if (::lstat(path.c_str(), &st) != 0) return Internal(Errno("stat", path));
    ArchiveEntry entry(archive_entry_new());
    archive_entry_set_pathname(entry.get(), relative.c_str());
    archive_entry_set_perm(entry.get(), st.st_mode & 07777);
    archive_entry_set_mtime(entry.get(), st.st_mtim.tv_sec, st.st_mtim.tv_nsec);
    std::string link_target;
    if (S_ISREG(st.st_mode)) {
      archive_entry_set_filetype(entry.get(), AE_IFREG);
      archive_entry_set_size(entry.get(), st.st_size);
    } else if (S_ISDIR(st.st_mode)) {
      archive_entry_set_filetype(entry.get(), AE_IFDIR);
    } else if (S_ISLNK(st.st_mode)) {
      std::error_code ec;
      link_target = std::filesystem::read_symlink(path, ec).string();
      if (ec) return Internal("cannot read symlink " + path + ": " + ec.message());
      archive_entry_set_filetype(entry.get(), AE_IFLNK);
      archive_entry_set_symlink(entry.get(), link_target.c_str());
    } else {
      return InvalidArgument("cannot pack " + path +
                             ": only files, directories and symlinks go into a bundle");
    }
    if (archive_write_header(writer_, entry.get()) < ARCHIVE_WARN) {
      return Internal("cannot add " + path + " to the bundle: " + ErrorText(writer_));
    }
    if (S_ISREG(st.st_mode)) RETURN_IF_ERROR(CopyFile(path));
    if (S_ISDIR(st.st_mode)) return AddChildren(path, relative + "/");
    return Status::Ok();
  }

  Status CopyFile(const std::string& path) {
    int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0) return Internal(Errno("open", path));
    std::vector<char> buffer(64 * 1024);
    Status status;
    while (status.ok()) {
      ssize_t n = ::read(fd, buffer.data(), buffer.size());
      if (n < 0 && errno == EINTR) continue;
      if (n < 0) status = Internal(Errno("read", path));
      if (n <= 0) break;
      if (archive_write_data(writer_, buffer.data(), static_cast<size_t>(n)) < 0) {
        status = Internal("cannot add " + path + " to the bundle: " + ErrorText(writer_));
      }
    }
    ::close(fd);
    return status;
  }

  struct archive* writer_;
  std::vector<std::string> skip_;
};

Status SetFormat(struct archive* writer, model::BundleType type) {
  int rc = ARCHIVE_OK;
  switch (type) {
    case model::BundleType::kTar:
      rc = archive_write_set_format_pax_restricted(writer);
      break;
    case model::BundleType::kTgz:
      rc = archive_write_set_format_pax_restricted(writer);
      if (rc == ARCHIVE_OK) rc = archive_write_add_filter_gzip(writer);
      break;
    case model::BundleType::kZip:
      rc = archive_write_set_format_zip(writer);
      break;
  }
  if (rc != ARCHIVE_OK) return Internal("cannot set up the bundle format: " + ErrorText(writer));
  return Status::Ok();
}

Status WriteBundle(const std::string& dir, model::BundleType type, int fd,
                   const std::string& temp_path, const std::string& out_path) {
  ArchiveWriter writer(archive_write_new());
  if (!writer) return Internal("cannot allocate an archive writer");
  RETURN_IF_ERROR(SetFormat(writer.get(), type));
  if (archive_write_open_fd(writer.get(), fd) != ARCHIVE_OK) {
    return Internal("cannot write " + temp_path + ": " + ErrorText(writer.get()));
  }
  Packer packer(writer.get(), {temp_path, out_path});
  RETURN_IF_ERROR(packer.AddChildren(dir, ""));
  if (archive_write_close(writer.get()) != ARCHIVE_OK) {
    return Internal("cannot finish " + temp_path + ": " + ErrorText(writer.get()));
  }
  return Status::Ok();
}

}  // namespace

Status PackDirectory(const std::string& dir, model::BundleType type, const std::string& out_path,
                     unsigned mode) {
  std::error_code ec;
  if (!std::filesystem::is_directory(dir, ec)) {
    return NotFound("cannot pack " + dir + ": not a directory");
  }
  std::string root = std::filesystem::canonical(dir, ec).string();
  if (ec) return Internal("cannot resolve " + dir + ": " + ec.message());
  std::filesystem::path out = std::filesystem::weakly_canonical(out_path, ec);
  if (ec) return Internal("cannot resolve " + out_path + ": " + ec.message());
  std::string temp = out.parent_path().string() + "/." + out.filename().string() + ".tmp-XXXXXX";
  int fd = ::mkstemp(temp.data());
  if (fd < 0) return Internal(Errno("create a temp file for", out_path));

  Status status = WriteBundle(root, type, fd, temp, out.string());
  if (status.ok() && (::fchmod(fd, static_cast<mode_t>(mode)) != 0 || ::fsync(fd) != 0)) {
    status = Internal(Errno("write", temp));
  }
  ::close(fd);
  if (status.ok() && std::rename(temp.c_str(), out_path.c_str()) != 0) {
    status = Internal(Errno("rename " + temp + " to", out_path));
  }
  if (!status.ok()) ::unlink(temp.c_str());
  return status;
}

}  // namespace berth::archive
