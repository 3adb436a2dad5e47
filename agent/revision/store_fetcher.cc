#include "agent/revision/store_fetcher.h"

#include <cstdio>
#include <memory>

#include "common/sha256.h"

namespace berth::agent {
namespace {

constexpr int kChunk = 1 << 20;

struct FileCloser {
  void operator()(FILE* f) const { std::fclose(f); }
};

}  // namespace

Status StoreFetcher::Fetch(const model::RevisionLocation& location, const std::string& dest_path) {
  if (location.type != model::RevisionType::kStore) {
    return InvalidArgument(std::string("the store fetcher cannot fetch a ") +
                           model::RevisionTypeName(location.type) + " revision");
  }
  const std::string tmp = dest_path + ".part";
  Status s = [&]() -> Status {
    std::unique_ptr<FILE, FileCloser> out(std::fopen(tmp.c_str(), "wb"));
    if (!out) return Internal("cannot write " + tmp);
    Sha256 hash;
    int64_t offset = 0;
    int64_t total = -1;
    while (total < 0 || offset < total) {
      ASSIGN_OR_RETURN(BlobChunk chunk, client_->FetchBlob(location.sha256, offset, kChunk));
      total = chunk.total_size;
      if (chunk.data.empty() && offset < total) {
        return DataLoss("revision store returned no data at offset " + std::to_string(offset));
      }
      hash.Update(chunk.data);
      if (std::fwrite(chunk.data.data(), 1, chunk.data.size(), out.get()) != chunk.data.size()) {
        return Internal("cannot write " + tmp);
      }
      offset += static_cast<int64_t>(chunk.data.size());
    }
    if (std::fflush(out.get()) != 0) return Internal("cannot write " + tmp);
    std::string digest = hash.HexDigest();
    if (digest != location.sha256) {
      return DataLoss("bundle digest mismatch: expected sha256 " + location.sha256 + ", got " +
                      digest);
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
