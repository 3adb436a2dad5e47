// Fetches a GitHub (git) revision with libgit2: clones the repository (https, ssh or
// file URL; "owner/repo" means https://github.com/owner/repo.git), checks out only the
// revision's commit tree and writes it to dest_path as a tar bundle. A git revision's
// bundle type is therefore always tar.
#pragma once

#include <string>

#include "agent/revision/fetcher.h"

namespace berth::agent {

struct GitFetcherOptions {
  std::string proxy;  // for https remotes; empty = libgit2's default (git config, env)
};

class GitFetcher : public BundleFetcher {
 public:
  explicit GitFetcher(GitFetcherOptions options);
  ~GitFetcher() override;

  // NOT_FOUND ("REVISION_MISSING: ...") when the commit is not in the repository;
  // UNAVAILABLE when the repository cannot be cloned. dest_path exists only on success.
  Status Fetch(const model::RevisionLocation& location, const std::string& dest_path) override;

 private:
  GitFetcherOptions options_;
};

// The URL libgit2 is given for a revision's repository field.
std::string GitRemoteUrl(const std::string& repository);

}  // namespace berth::agent
