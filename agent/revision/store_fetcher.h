// Fetches a bundle from the controller's built-in revision store over the agent channel,
// 1 MiB at a time, and checks its sha256.
#pragma once

#include "agent/controller_client.h"
#include "agent/revision/fetcher.h"

namespace berth::agent {

class StoreFetcher : public BundleFetcher {
 public:
  explicit StoreFetcher(ControllerClient* client) : client_(client) {}

  Status Fetch(const model::RevisionLocation& location, const std::string& dest_path) override;

 private:
  ControllerClient* client_;
};

}  // namespace berth::agent
