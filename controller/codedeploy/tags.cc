// TagResource, UntagResource, ListTagsForResource: the tags of applications and deployment
// groups, named by their ARNs (any partition, region and account: Berth has one of each),
//   arn:aws:codedeploy:REGION:ACCOUNT:application:APP
//   arn:aws:codedeploy:REGION:ACCOUNT:deploymentgroup:APP/GROUP
// and the TagList of CreateApplication and CreateDeploymentGroup.
#include "controller/codedeploy/input.h"
#include "controller/codedeploy/operation.h"

namespace berth::codedeploy {
namespace {

// The resource `arn` names, or the exception saying why it names none Berth tags.
std::optional<Outcome> ParseArn(const std::string& arn, api::TaggedResourceRef* out) {
  if (arn.empty()) return Required("ResourceArnRequiredException", "ResourceArn");
  // arn:partition:service:region:account:resource; CodeDeploy's resource is TYPE:NAME.
  std::vector<std::string> fields;
  size_t start = 0;
  while (fields.size() < 5) {
    const size_t colon = arn.find(':', start);
    if (colon == std::string::npos) break;
    fields.push_back(arn.substr(start, colon - start));
    start = colon + 1;
  }
  const std::string shown = "\"" + arn.substr(0, 200) + "\"";
  if (fields.size() < 5 || fields[0] != "arn" || fields[1].empty() || fields[2].empty() ||
      start >= arn.size()) {
    return Outcome::Exception(
        "InvalidArnException",
        shown + " is not an ARN (arn:aws:codedeploy:REGION:ACCOUNT:TYPE:NAME)");
  }
  const std::string tail = arn.substr(start);
  const size_t colon = tail.find(':');
  const std::string type = tail.substr(0, colon);
  const std::string resource = colon == std::string::npos ? "" : tail.substr(colon + 1);
  if (fields[2] != "codedeploy" || (type != "application" && type != "deploymentgroup")) {
    return Outcome::Exception("ArnNotSupportedException",
                              shown + ": Berth tags CodeDeploy applications and deployment groups");
  }
  if (resource.empty()) {
    return Outcome::Exception("InvalidArnException", shown + " names no " + type);
  }
  if (type == "application") {
    *out = {resource, ""};
    return std::nullopt;
  }
  const size_t slash = resource.find('/');
  if (slash == std::string::npos || slash == 0 || slash + 1 == resource.size()) {
    return Outcome::Exception("InvalidArnException",
                              "a deployment group's ARN ends in "
                              "deploymentgroup:APPLICATION/GROUP");
  }
  *out = {resource.substr(0, slash), resource.substr(slash + 1)};
  return std::nullopt;
}

Json TagListOf(const model::Tags& tags) {
  Json list = Json::array();
  for (const auto& [key, value] : tags) list.push_back({{"Key", key}, {"Value", value}});
  return list;
}

Outcome Tag(Context& c, const Json& in) {
  api::TaggedResourceRef resource;
  if (std::optional<Outcome> bad = ParseArn(Str(in, "ResourceArn"), &resource)) return *bad;
  if (!Given(in, "Tags")) return Required("TagRequiredException", "Tags");
  model::Tags tags;
  Outcome read = ReadTagList(in["Tags"], &tags);
  if (!read.ok()) return read;
  RETURN_IF_ERROR(c.service->TagResource(resource, tags));
  return Json::object();
}

Outcome Untag(Context& c, const Json& in) {
  api::TaggedResourceRef resource;
  if (std::optional<Outcome> bad = ParseArn(Str(in, "ResourceArn"), &resource)) return *bad;
  const std::vector<std::string> keys = Strs(in, "TagKeys");
  if (keys.empty()) return Required("TagRequiredException", "TagKeys");
  RETURN_IF_ERROR(c.service->UntagResource(resource, keys));
  return Json::object();
}

Outcome List(Context& c, const Json& in) {
  api::TaggedResourceRef resource;
  if (std::optional<Outcome> bad = ParseArn(Str(in, "ResourceArn"), &resource)) return *bad;
  ASSIGN_OR_RETURN(model::Tags tags, c.service->ResourceTags(resource));
  std::vector<std::string> keys;
  for (const auto& [key, value] : tags) keys.push_back(key);
  const std::string token = Str(in, "NextToken");
  std::optional<Page> page = PageOf(keys, token, c.page_size);
  if (!page) return BadNextToken(token);
  model::Tags shown;
  for (size_t i = page->begin; i < page->end; ++i) shown[keys[i]] = tags[keys[i]];
  Json out = {{"Tags", TagListOf(shown)}};
  if (!page->next_token.empty()) out["NextToken"] = page->next_token;
  return out;
}

}  // namespace

Outcome ReadTagList(const Json& list, model::Tags* out) {
  if (!list.is_array()) return Outcome::Exception("InvalidTagsToAddException", "tags is no list");
  for (const Json& tag : list) {
    const std::string key = tag.is_object() ? Str(tag, "Key") : "";
    if (key.empty()) return Outcome::Exception("InvalidTagsToAddException", "a tag has no Key");
    if (!out->emplace(key, Str(tag, "Value")).second) {
      return Outcome::Exception("InvalidTagsToAddException", "tag \"" + key + "\" is given twice");
    }
  }
  Status s = api::CheckResourceTags(*out);
  if (!s.ok()) return Outcome::Exception("InvalidTagsToAddException", s.message());
  return Json::object();
}

void AddTagOperations(std::vector<Operation>& ops) {
  // Tagging changes a resource: the role of changing an application; reading, of reading it.
  // An ARN naming nothing is an invalid ARN for ListTagsForResource, whose model declares
  // no *DoesNotExist exception.
  const char* kInvalid = "InvalidTagsToAddException";
  ops.push_back({"TagResource", "POST", "/api/v1/applications", Tag, kInvalid});
  ops.push_back({"UntagResource", "POST", "/api/v1/applications", Untag, kInvalid});
  ops.push_back({"ListTagsForResource", "GET", "/api/v1/applications/x", List,
                 "InvalidArnException", "InvalidOperationException", nullptr,
                 "InvalidArnException"});
}

}  // namespace berth::codedeploy
