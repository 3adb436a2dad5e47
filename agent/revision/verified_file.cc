#include "agent/revision/verified_file.h"

#include <memory>

namespace berth::agent {
namespace {

struct FileCloser {
  void operator()(FILE* f) const { std::fclose(f); }
};

}  // namespace

Status WriteVerifiedFile(const std::string& dest_path, const std::string& expected_sha256,
                         const std::string& what,
                         const std::function<Status(FILE* out, Sha256* hash)>& write) {
  const std::string tmp = dest_path + ".part";
  Status s = [&]() -> Status {
    std::unique_ptr<FILE, FileCloser> out(std::fopen(tmp.c_str(), "wb"));
    if (!out) return Internal("cannot write " + tmp);
    Sha256 hash;
    RETURN_IF_ERROR(write(out.get(), &hash));
    if (std::fflush(out.get()) != 0) return Internal("cannot write " + tmp);
    std::string digest = hash.HexDigest();
    if (digest != expected_sha256) {
      return InvalidArgument("INVALID_REVISION: sha256 of " + what + " is " + digest +
                             ", the revision says " + expected_sha256);
    }
    if (std::rename(tmp.c_str(), dest_path.c_str()) != 0) {
      return Internal("cannot rename " + tmp + " to " + dest_path);
    }
    return Status::Ok();
  }();
  if (!s.ok()) std::remove(tmp.c_str());
  return s;
}

}  // namespace berth::agent
