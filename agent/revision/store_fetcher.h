// Fetches a bundle from the controller's built-in revision store over the agent channel,
// 1 MiB at a time, and checks its sha256. A chunk that fails on the network (UNAVAILABLE,
// DEADLINE_EXCEEDED: a cut connection, a controller restarting) is asked for again, from
// the same offset, with a growing pause, so a blip does not fail the host's DownloadBundle.
#pragma once

#include <chrono>

#include "agent/controller_client.h"
#include "agent/revision/fetcher.h"

namespace berth::agent {

struct StoreFetcherOptions {
  int attempts_per_chunk = 8;                   // the last failure is returned
  std::chrono::milliseconds first_pause{200};   // doubled after each failure
  std::chrono::milliseconds max_pause{5000};
};

class StoreFetcher : public BundleFetcher {
 public:
  explicit StoreFetcher(ControllerClient* client, StoreFetcherOptions options = {})
      : client_(client), options_(options) {}

  Status Fetch(const model::RevisionLocation& location, const std::string& dest_path) override;

 private:
  Result<BlobChunk> FetchChunk(const std::string& sha256, int64_t offset);

  ControllerClient* client_;
  StoreFetcherOptions options_;
};

}  // namespace berth::agent
