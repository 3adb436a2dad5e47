#include "agent/revision/dispatching_fetcher.h"

namespace berth::agent {

Status DispatchingFetcher::Fetch(const model::RevisionLocation& location,
                                 const std::string& dest_path) {
  auto it = fetchers_.find(location.type);
  if (it == fetchers_.end()) {
    return Status(Code::kUnimplemented, std::string("this agent cannot fetch ") +
                                            model::RevisionTypeName(location.type) + " revisions");
  }
  return it->second->Fetch(location, dest_path);
}

}  // namespace berth::agent
