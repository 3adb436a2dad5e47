// Fetches an Https revision: a plain GET of its URL, streamed to disk while hashing.
// The sha256 is checked before the bundle is handed on, so a wrong digest fails before
// anything is unpacked.
#pragma once

#include <string>

#include "agent/revision/fetcher.h"

namespace berth::agent {

struct HttpsFetcherOptions {
  std::string proxy;  // curl syntax; empty = libcurl's default (the *_proxy variables)
  int connect_timeout_s = 10;
  int stall_timeout_s = 60;
};

class HttpsFetcher : public BundleFetcher {
 public:
  explicit HttpsFetcher(HttpsFetcherOptions options) : options_(std::move(options)) {}

  // INVALID_ARGUMENT ("INVALID_REVISION: ...") naming both digests on a mismatch;
  // NOT_FOUND for a 404; UNAVAILABLE for other failures. dest_path exists only on success.
  Status Fetch(const model::RevisionLocation& location, const std::string& dest_path) override;

 private:
  HttpsFetcherOptions options_;
};

}  // namespace berth::agent
