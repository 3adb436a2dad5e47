#include "controller/codedeploy/revision_lookup.h"

#include "controller/codedeploy/input.h"
#include "controller/codedeploy/shapes.h"
#include "controller/http/json_model.h"

namespace berth::codedeploy {

Result<model::RevisionLocation> LocationFromInput(api::Service* service, const Json& revision) {
  const std::string type = Str(revision, "revisionType");
  if (type != "S3" && type != "GitHub") {
    return InvalidArgument("revisionType \"" + type +
                           "\" is not supported by Berth; use S3 or GitHub (a git repository "
                           "URL or owner/repo, and a commit)");
  }
  ASSIGN_OR_RETURN(model::RevisionLocation location, http::RevisionLocationFromJson(revision));
  RETURN_IF_ERROR(service->ResolveStoreObject(location));
  return location;
}

Result<std::optional<model::Revision>> FindRevision(api::Service* service,
                                                    const std::string& application,
                                                    const model::RevisionLocation& location) {
  ASSIGN_OR_RETURN(std::vector<model::Revision> revisions, service->ListRevisions(application));
  for (const model::Revision& r : revisions) {
    if (SameLocation(r.location, location)) return std::optional<model::Revision>(r);
  }
  return std::optional<model::Revision>();
}

Result<model::Revision> FindOrRegisterRevision(api::Service* service,
                                               const std::string& application,
                                               const model::RevisionLocation& location,
                                               const std::string& description) {
  ASSIGN_OR_RETURN(std::optional<model::Revision> found,
                   FindRevision(service, application, location));
  if (found) return *found;
  return service->RegisterRevision(application, location, description);
}

}  // namespace berth::codedeploy
