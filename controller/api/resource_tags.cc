// Tags of applications and deployment groups: metadata for their owners (CodeDeploy's
// TagResource), never used to select hosts.
#include <algorithm>

#include "common/text/utf8.h"
#include "controller/api/service.h"

namespace berth::api {
namespace {

constexpr size_t kMaxTags = 50;
constexpr size_t kMaxKeyChars = 128;
constexpr size_t kMaxValueChars = 256;

size_t CodePoints(const std::string& s) {
  return std::count_if(s.begin(), s.end(),
                       [](char c) { return (static_cast<unsigned char>(c) & 0xC0) != 0x80; });
}

struct Located {
  store::TaggedResource kind;
  std::string id;
};

// The stored id of `resource`; NOT_FOUND names the application or group.
Result<Located> Locate(store::Store& store, const TaggedResourceRef& resource) {
  ASSIGN_OR_RETURN(model::Application app, store.GetApplicationByName(resource.application));
  if (resource.group.empty()) return Located{store::TaggedResource::kApplication, app.id};
  ASSIGN_OR_RETURN(model::DeploymentGroup group, store.GetDeploymentGroup(app.id, resource.group));
  return Located{store::TaggedResource::kDeploymentGroup, group.id};
}

}  // namespace

Status CheckResourceTags(const model::Tags& tags) {
  if (tags.size() > kMaxTags) {
    return InvalidArgument(std::to_string(tags.size()) + " tags; a resource has at most 50");
  }
  for (const auto& [key, value] : tags) {
    if (key.empty()) return InvalidArgument("tag with value \"" + value + "\" has no key");
    if (!text::IsValidUtf8(key) || !text::IsValidUtf8(value)) {
      return InvalidArgument("tag keys and values must be UTF-8");
    }
    if (CodePoints(key) > kMaxKeyChars) {
      return InvalidArgument("tag key \"" + key + "\" is over 128 characters");
    }
    if (CodePoints(value) > kMaxValueChars) {
      return InvalidArgument("value of tag \"" + key + "\" is over 256 characters");
    }
    if (key.rfind("aws:", 0) == 0) {
      return InvalidArgument("tag key \"" + key + "\": the aws: prefix is reserved");
    }
  }
  return Status::Ok();
}

Result<model::Tags> Service::ResourceTags(const TaggedResourceRef& resource) {
  ASSIGN_OR_RETURN(Located at, Locate(*store_, resource));
  return store_->GetResourceTags(at.kind, at.id);
}

Status Service::TagResource(const TaggedResourceRef& resource, const model::Tags& add) {
  if (add.empty()) return InvalidArgument("no tags to add");
  return store_->Transact([&]() -> Status {
    ASSIGN_OR_RETURN(Located at, Locate(*store_, resource));
    ASSIGN_OR_RETURN(model::Tags tags, store_->GetResourceTags(at.kind, at.id));
    for (const auto& [key, value] : add) tags[key] = value;
    RETURN_IF_ERROR(CheckResourceTags(tags));  // the new tags, and the total
    return store_->SetResourceTags(at.kind, at.id, tags);
  });
}

Status Service::UntagResource(const TaggedResourceRef& resource,
                              const std::vector<std::string>& keys) {
  if (keys.empty()) return InvalidArgument("no tag keys to remove");
  return store_->Transact([&]() -> Status {
    ASSIGN_OR_RETURN(Located at, Locate(*store_, resource));
    ASSIGN_OR_RETURN(model::Tags tags, store_->GetResourceTags(at.kind, at.id));
    for (const std::string& key : keys) tags.erase(key);
    return store_->SetResourceTags(at.kind, at.id, tags);
  });
}

}  // namespace berth::api
