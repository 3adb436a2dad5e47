// RegisterApplicationRevision, GetApplicationRevision, BatchGetApplicationRevisions,
// ListApplicationRevisions. A location registered twice is one revision.
#include "controller/codedeploy/input.h"
#include "controller/codedeploy/operation.h"
#include "controller/codedeploy/revision_lookup.h"
#include "controller/codedeploy/shapes.h"

namespace berth::codedeploy {
namespace {

constexpr size_t kBatchLimit = 25;

Json GenericInfo(const model::Revision& r) {
  Json j = {{"description", r.description}, {"deploymentGroups", Json::array()}};
  PutEpoch(j, "registerTime", r.register_time);
  return j;
}

Outcome Register(Context& c, const Json& in) {
  const std::string app = Str(in, "applicationName");
  if (app.empty()) return Required("ApplicationNameRequiredException", "applicationName");
  if (!Given(in, "revision")) return Required("RevisionRequiredException", "revision");
  const std::string description = Str(in, "description");
  if (description.size() > 1000) {
    return Outcome::Exception("DescriptionTooLongException", "description is over 1000 characters");
  }
  ASSIGN_OR_RETURN(model::RevisionLocation location, LocationFromInput(c.service, in["revision"]));
  ASSIGN_OR_RETURN(model::Revision revision,
                   FindOrRegisterRevision(c.service, app, location, description));
  (void)revision;
  return Json::object();
}

// The registered revision at input["revision"]; RevisionDoesNotExistException otherwise.
Result<model::Revision> Lookup(Context& c, const std::string& app, const Json& location_json) {
  ASSIGN_OR_RETURN(model::RevisionLocation location, LocationFromInput(c.service, location_json));
  ASSIGN_OR_RETURN(std::optional<model::Revision> found, FindRevision(c.service, app, location));
  if (!found) {
    return NotFound("no revision at this location is registered with application \"" + app + "\"")
        .WithReason(Reason::kRevision);
  }
  return *found;
}

Outcome Get(Context& c, const Json& in) {
  const std::string app = Str(in, "applicationName");
  if (app.empty()) return Required("ApplicationNameRequiredException", "applicationName");
  if (!Given(in, "revision")) return Required("RevisionRequiredException", "revision");
  ASSIGN_OR_RETURN(model::Revision r, Lookup(c, app, in["revision"]));
  return Json{{"applicationName", r.application_name},
              {"revision", *RevisionLocation(r.location)},
              {"revisionInfo", GenericInfo(r)}};
}

Outcome BatchGet(Context& c, const Json& in) {
  const std::string app = Str(in, "applicationName");
  if (app.empty()) return Required("ApplicationNameRequiredException", "applicationName");
  auto list = in.find("revisions");
  if (list == in.end() || !list->is_array() || list->empty()) {
    return Required("RevisionRequiredException", "revisions");
  }
  if (list->size() > kBatchLimit) {
    return Outcome::Exception("BatchLimitExceededException", "at most 25 revisions");
  }
  RETURN_IF_ERROR(c.service->GetApplication(app).status());
  Json out = Json::array();
  int missing = 0;
  for (const Json& location : *list) {
    Result<model::Revision> r = Lookup(c, app, location);
    if (!r.ok() && r.status().reason() == Reason::kRevision) {
      ++missing;
      continue;
    }
    if (!r.ok()) return r.status();
    out.push_back({{"revisionLocation", *RevisionLocation(r->location)},
                   {"genericRevisionInfo", GenericInfo(*r)}});
  }
  Json result = {{"applicationName", app}, {"revisions", out}};
  if (missing > 0) {
    result["errorMessage"] = std::to_string(missing) + " of the revisions are not registered";
  }
  return result;
}

// Newest first. Revisions of Berth's own kinds (pushed to the store, https) have no
// CodeDeploy location and are not listed.
Outcome List(Context& c, const Json& in) {
  const std::string app = Str(in, "applicationName");
  if (app.empty()) return Required("ApplicationNameRequiredException", "applicationName");
  if (Given(in, "sortBy") || Given(in, "sortOrder") || Given(in, "s3Bucket") ||
      Given(in, "s3KeyPrefix") || (Given(in, "deployed") && Str(in, "deployed") != "ignore")) {
    return Unsupported("InvalidSortByException",
                       "sortBy, sortOrder, s3Bucket, s3KeyPrefix and deployed",
                       "revisions are listed newest first, unfiltered");
  }
  ASSIGN_OR_RETURN(std::vector<model::Revision> revisions, c.service->ListRevisions(app));
  std::vector<model::Revision> shown;
  std::vector<std::string> ids;
  for (const model::Revision& r : revisions) {
    if (!RevisionLocation(r.location)) continue;
    shown.push_back(r);
    ids.push_back(r.id);
  }
  const std::string token = Str(in, "nextToken");
  std::optional<Page> page = PageOf(ids, token, c.page_size);
  if (!page) return BadNextToken(token);
  Json locations = Json::array();
  for (size_t i = page->begin; i < page->end; ++i)
    locations.push_back(*RevisionLocation(shown[i].location));
  Json out = {{"revisions", locations}};
  if (!page->next_token.empty()) out["nextToken"] = page->next_token;
  return out;
}

}  // namespace

void AddRevisionOperations(std::vector<Operation>& ops) {
  const char* kAll = "/api/v1/applications/x/revisions";
  ops.push_back(
      {"RegisterApplicationRevision", "POST", kAll, Register, "InvalidRevisionException"});
  ops.push_back({"GetApplicationRevision", "GET", kAll, Get, "InvalidRevisionException"});
  ops.push_back(
      {"BatchGetApplicationRevisions", "GET", kAll, BatchGet, "InvalidRevisionException"});
  ops.push_back({"ListApplicationRevisions", "GET", kAll, List, "InvalidNextTokenException"});
}

}  // namespace berth::codedeploy
