// CodeDeploy names a revision by its location; Berth by an id. These translate, through
// api::Service, for the revision and deployment operations.
#pragma once

#include <optional>
#include <string>

#include "controller/api/service.h"
#include "controller/codedeploy/outcome.h"

namespace berth::codedeploy {

// A CodeDeploy RevisionLocation (S3 or GitHub) as Berth's; INVALID_ARGUMENT names what is
// wrong or unsupported (String and AppSpecContent revisions, YAML/JSON bundles). An S3
// location in one of the controller's own buckets is resolved to its object's blob
// (api::Service::ResolveStoreObject), so a new upload to the same key is a new revision.
Result<model::RevisionLocation> LocationFromInput(api::Service* service, const Json& revision);
// The application's registered revision at `location`, newest first; nullopt when none.
Result<std::optional<model::Revision>> FindRevision(api::Service* service,
                                                    const std::string& application,
                                                    const model::RevisionLocation& location);
// FindRevision, or a new registration when there is none.
Result<model::Revision> FindOrRegisterRevision(api::Service* service,
                                               const std::string& application,
                                               const model::RevisionLocation& location,
                                               const std::string& description);

}  // namespace berth::codedeploy
