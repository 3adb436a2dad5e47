#include "agent/revision/store_fetcher.h"

#include <spdlog/spdlog.h>

#include <algorithm>
#include <cstdio>
#include <thread>

#include "agent/revision/verified_file.h"

namespace berth::agent {
namespace {

constexpr int kChunk = 1 << 20;

bool IsNetworkFailure(Code code) {
  return code == Code::kUnavailable || code == Code::kDeadlineExceeded;
}

}  // namespace

Result<BlobChunk> StoreFetcher::FetchChunk(const std::string& sha256, int64_t offset) {
  std::chrono::milliseconds pause = options_.first_pause;
  for (int attempt = 1;; ++attempt) {
    Result<BlobChunk> chunk = client_->FetchBlob(sha256, offset, kChunk);
    if (chunk.ok() || !IsNetworkFailure(chunk.status().code()) ||
        attempt >= options_.attempts_per_chunk) {
      return chunk;
    }
    spdlog::warn("fetching blob {} at offset {} failed (attempt {} of {}), retrying: {}", sha256,
                 offset, attempt, options_.attempts_per_chunk, chunk.status().ToString());
    std::this_thread::sleep_for(pause);
    pause = std::min(pause * 2, options_.max_pause);
  }
}

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
          ASSIGN_OR_RETURN(BlobChunk chunk, FetchChunk(location.sha256, offset));
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
