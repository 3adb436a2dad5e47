#include "controller/blobs/blob_store.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <filesystem>

#include "common/fs.h"
#include "common/random.h"
#include "controller/disk_full.h"

namespace berth::blobs {
namespace {

// A failed write, sync, create or rename of a blob file: the disk-full refusal when the
// file system has no room, INTERNAL otherwise.
Status FileError(const std::string& what, int error) {
  std::string message = what + ": " + std::strerror(error);
  return IsNoSpaceErrno(error) ? DiskFull(message) : Internal(message);
}

}  // namespace

BlobWriter::BlobWriter(std::string tmp_path, std::string root, int fd, int64_t max_bytes)
    : tmp_path_(std::move(tmp_path)), root_(std::move(root)), fd_(fd), max_bytes_(max_bytes) {}

BlobWriter::~BlobWriter() {
  if (fd_ >= 0) ::close(fd_);
  if (!committed_) ::unlink(tmp_path_.c_str());
}

Status BlobWriter::Append(std::string_view data) {
  if (size_ + static_cast<int64_t>(data.size()) > max_bytes_) {
    return Status(Code::kResourceExhausted, "the upload is over the " + std::to_string(max_bytes_) +
                                                "-byte limit (--max-upload-bytes)");
  }
  hash_.Update(data);
  size_t off = 0;
  while (off < data.size()) {
    ssize_t n = ::write(fd_, data.data() + off, data.size() - off);
    if (n < 0) {
      if (errno == EINTR) continue;
      return FileError("cannot write blob " + tmp_path_, errno);
    }
    off += static_cast<size_t>(n);
  }
  size_ += static_cast<int64_t>(data.size());
  return Status::Ok();
}

Result<BlobInfo> BlobWriter::Commit() {
  if (::fsync(fd_) != 0) return FileError("cannot sync blob " + tmp_path_, errno);
  ::close(fd_);
  fd_ = -1;
  BlobInfo info{hash_.HexDigest(), size_};
  std::string dir = root_ + "/" + info.sha256.substr(0, 2);
  RETURN_IF_ERROR(fs::MakeDirs(dir));
  std::string final_path = dir + "/" + info.sha256;
  if (::rename(tmp_path_.c_str(), final_path.c_str()) != 0) {
    return FileError("cannot store blob " + final_path, errno);
  }
  committed_ = true;
  return info;
}

BlobStore::BlobStore(std::string root, int64_t max_upload_bytes)
    : root_(std::move(root)), max_upload_bytes_(max_upload_bytes) {}

Status BlobStore::Init() { return fs::MakeDirs(root_ + "/tmp"); }

Result<std::unique_ptr<BlobWriter>> BlobStore::NewWriter() {
  std::string tmp = root_ + "/tmp/upload-" + RandomHex(8);
  int fd = ::open(tmp.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0644);
  if (fd < 0) return FileError("cannot create " + tmp, errno);
  return std::make_unique<BlobWriter>(tmp, root_, fd, max_upload_bytes_);
}

std::string BlobStore::PathOf(const std::string& sha256) const {
  return root_ + "/" + sha256.substr(0, 2) + "/" + sha256;
}

bool BlobStore::Has(const std::string& sha256) const {
  return IsSha256Hex(sha256) && fs::Exists(PathOf(sha256));
}

Status BlobStore::Remove(const std::string& sha256) {
  if (!IsSha256Hex(sha256)) return InvalidArgument("\"" + sha256 + "\" is not a sha256 digest");
  const std::string path = PathOf(sha256);
  if (::unlink(path.c_str()) != 0 && errno != ENOENT) {
    return Internal("cannot remove blob " + path + ": " + std::strerror(errno));
  }
  return Status::Ok();
}

Result<std::string> BlobStore::ReadChunk(const std::string& sha256, int64_t offset, int max_bytes,
                                         int64_t* total_size) const {
  if (!IsSha256Hex(sha256)) return InvalidArgument("\"" + sha256 + "\" is not a sha256 digest");
  std::string path = PathOf(sha256);
  int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) return NotFound("blob " + sha256 + " is not in the revision store");
  struct stat st;
  ::fstat(fd, &st);
  *total_size = st.st_size;
  if (offset < 0 || offset > st.st_size) {
    ::close(fd);
    return Status(Code::kOutOfRange, "offset " + std::to_string(offset) + " is beyond blob " +
                                         sha256 + " of " + std::to_string(st.st_size) + " bytes");
  }
  std::string out(static_cast<size_t>(std::max(0, max_bytes)), '\0');
  ssize_t n = ::pread(fd, out.data(), out.size(), offset);
  ::close(fd);
  if (n < 0) return Internal("cannot read blob " + sha256 + ": " + std::strerror(errno));
  out.resize(static_cast<size_t>(n));
  return out;
}

Result<int64_t> BlobStore::CollectUnreferenced(const std::set<std::string>& referenced,
                                               int64_t cutoff_ms) {
  namespace stdfs = std::filesystem;
  int64_t removed = 0;
  std::error_code ec;
  for (stdfs::recursive_directory_iterator it(root_, ec), end; !ec && it != end; it.increment(ec)) {
    if (!it->is_regular_file(ec)) continue;
    const std::string name = it->path().filename().string();
    const bool partial = it->path().parent_path().filename() == "tmp";
    if (!partial && (!IsSha256Hex(name) || referenced.count(name))) continue;
    struct stat st {};
    if (::lstat(it->path().c_str(), &st) != 0) continue;
    const int64_t mtime_ms = static_cast<int64_t>(st.st_mtim.tv_sec) * 1000;
    if (mtime_ms >= cutoff_ms) continue;
    if (::unlink(it->path().c_str()) == 0) ++removed;
  }
  if (ec) return Internal("cannot list " + root_ + ": " + ec.message());
  return removed;
}

}  // namespace berth::blobs
