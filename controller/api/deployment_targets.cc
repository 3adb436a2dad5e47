// Service::ListTargets: a deployment's targets a page at a time, so a 10,000-host
// deployment is never shipped whole.
#include <algorithm>
#include <charconv>

#include "controller/api/service.h"

namespace berth::api {

Result<TargetPage> Service::ListTargets(const std::string& deployment_id,
                                        const std::string& status,
                                        const std::string& next_token, int limit) {
  store::TargetQuery query;
  query.deployment_id = deployment_id;
  query.limit = std::clamp(limit, 1, 1000);
  if (!status.empty()) {
    model::TargetStatus parsed;
    if (!model::ParseTargetStatus(status, &parsed)) {
      return InvalidArgument("status \"" + status + "\" is not a target status");
    }
    query.statuses.push_back(parsed);
  }
  if (!next_token.empty()) {
    // The token is the position of the previous page's last target.
    const char* end = next_token.data() + next_token.size();
    auto [ptr, ec] = std::from_chars(next_token.data(), end, query.after_position);
    if (ec != std::errc() || ptr != end || query.after_position < 0) {
      return InvalidArgument("nextToken \"" + next_token + "\" is not one this API handed out");
    }
  }
  TargetPage page;
  ASSIGN_OR_RETURN(page.targets, store_->ListTargets(query));
  if (static_cast<int>(page.targets.size()) == query.limit) {
    page.next_token = std::to_string(page.targets.back().position);
  }
  return page;
}

}  // namespace berth::api
