// Fetches an S3 revision (AWS S3 or any S3-compatible store) with the common S3 client,
// checking the revision's ETag when it has one.
#pragma once

#include <functional>
#include <memory>

#include "agent/revision/fetcher.h"
#include "common/s3/s3_client.h"

namespace berth::agent {

class S3Fetcher : public BundleFetcher {
 public:
  // Makes the client for one fetch; credentials are read at each fetch, so rotated keys
  // are picked up without a restart.
  using ClientFactory = std::function<Result<std::unique_ptr<s3::Client>>()>;
  explicit S3Fetcher(ClientFactory factory) : factory_(std::move(factory)) {}

  // The real client: options as given, credentials from the environment or profile.
  // Credentials are looked up with `env` at each fetch (the agent passes the variables
  // it took out of its own environment at start).
  static ClientFactory RealClients(s3::ClientOptions options,
                                   s3::EnvLookup env = s3::RealEnv);

  Status Fetch(const model::RevisionLocation& location, const std::string& dest_path) override;

 private:
  ClientFactory factory_;
};

}  // namespace berth::agent
