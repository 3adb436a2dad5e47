// Service::ListTargets and ListTargetChanges: a deployment's targets a page at a time,
// and only those that changed since the caller's last look, so a 10,000-host deployment
// is never shipped whole.
#include <algorithm>
#include <charconv>

#include "controller/api/service.h"

namespace berth::api {
namespace {

// Parses a non-negative integer token; INVALID_ARGUMENT naming `field` otherwise.
template <typename Int>
Status ParseToken(const std::string& text, const char* field, Int* out) {
  const char* end = text.data() + text.size();
  auto [ptr, ec] = std::from_chars(text.data(), end, *out);
  if (text.empty() || ec != std::errc() || ptr != end || *out < 0) {
    return InvalidArgument(std::string(field) + " \"" + text + "\" is not one this API handed out");
  }
  return Status::Ok();
}

Status ParseStatusFilter(const std::string& status, std::vector<model::TargetStatus>* out) {
  if (status.empty()) return Status::Ok();
  model::TargetStatus parsed;
  if (!model::ParseTargetStatus(status, &parsed)) {
    return InvalidArgument("status \"" + status + "\" is not a target status");
  }
  out->push_back(parsed);
  return Status::Ok();
}

}  // namespace

Result<TargetPage> Service::ListTargets(const std::string& deployment_id,
                                        const std::string& status,
                                        const std::string& next_token, int limit) {
  store::TargetQuery query;
  query.deployment_id = deployment_id;
  query.limit = std::clamp(limit, 1, 1000);
  RETURN_IF_ERROR(ParseStatusFilter(status, &query.statuses));
  // The token is the position of the previous page's last target.
  if (!next_token.empty()) RETURN_IF_ERROR(ParseToken(next_token, "nextToken", &query.after_position));
  TargetPage page;
  ASSIGN_OR_RETURN(page.targets, store_->ListTargets(query));
  if (static_cast<int>(page.targets.size()) == query.limit) {
    page.next_token = std::to_string(page.targets.back().position);
  }
  return page;
}

Result<TargetChangePage> Service::ListTargetChanges(const std::string& deployment_id,
                                                    const std::string& status,
                                                    const std::string& changed_since, int limit) {
  store::TargetChangeQuery query;
  query.deployment_id = deployment_id;
  query.limit = std::clamp(limit, 1, 1000);
  RETURN_IF_ERROR(ParseStatusFilter(status, &query.statuses));
  RETURN_IF_ERROR(ParseToken(changed_since, "changedSince", &query.after));
  ASSIGN_OR_RETURN(store::TargetChanges changes, store_->ListChangedTargets(query));
  TargetChangePage page;
  page.targets = std::move(changes.targets);
  page.change_cursor = std::to_string(changes.cursor);
  page.more = changes.more;
  return page;
}

}  // namespace berth::api
