// Routes each revision to the fetcher for its location type.
#pragma once

#include <map>

#include "agent/revision/fetcher.h"

namespace berth::agent {

class DispatchingFetcher : public BundleFetcher {
 public:
  // `fetcher` is not owned and must outlive this.
  void Register(model::RevisionType type, BundleFetcher* fetcher) { fetchers_[type] = fetcher; }

  // UNIMPLEMENTED, naming the type, when no fetcher is registered for it.
  Status Fetch(const model::RevisionLocation& location, const std::string& dest_path) override;

 private:
  std::map<model::RevisionType, BundleFetcher*> fetchers_;
};

}  // namespace berth::agent
