#include "agent/revision/store_fetcher.h"

#include <cstdio>

#include "agent/revision/verified_file.h"

namespace berth::agent {
namespace {

constexpr int kChunk = 1 << 20;

}  // namespace

Status StoreFetcher::Fetch(const model::RevisionLocation& location, const std::string& dest_path) {
  if (location.type != model::RevisionType::kStore) {
    return InvalidArgument(std::string("the store fetcher cannot fetch a ") +
                           model::RevisionTypeName(location.type) + " revision");
  }
  return WriteVerifiedFile(
      dest_path, location.sha256, "blob " + location.sha256,
      [&](FILE* out, Sha256* hash) -> Status {
        int64_t offset = 0;
        int64_t total = -1;
        while (total < 0 || offset < total) {
          ASSIGN_OR_RETURN(BlobChunk chunk, client_->FetchBlob(location.sha256, offset, kChunk));
          total = chunk.total_size;
          if (chunk.data.empty() && offset < total) {
            return DataLoss("revision store returned no data at offset " + std::to_string(offset));
          }
          hash->Update(chunk.data);
          if (std::fwrite(chunk.data.data(), 1, chunk.data.size(), out) != chunk.data.size()) {
            return Internal("cannot write " + dest_path + ".part");
          }
          offset += static_cast<int64_t>(chunk.data.size());
        }
        return Status::Ok();
      });
}

}  // namespace berth::agent
