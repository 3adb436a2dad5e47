#include "common/random.h"
#include "common/sha256.h"
#include "common/text/url_redact.h"
#include "controller/api/revision_checks.h"
#include "controller/api/service.h"

namespace berth::api {

Result<model::Revision> Service::RegisterRevision(const std::string& application,
                                                  const model::RevisionLocation& location,
                                                  const std::string& description) {
  ASSIGN_OR_RETURN(model::Application app, store_->GetApplicationByName(application));
  switch (location.type) {
    case model::RevisionType::kStore:
      if (!IsSha256Hex(location.sha256)) {
        return InvalidArgument("storeLocation.sha256 \"" + location.sha256 +
                               "\" is not a lower-case hex sha256 digest");
      }
      break;  // the blob is looked for below
    case model::RevisionType::kS3:
      if (location.bucket.empty() || location.key.empty()) {
        return InvalidArgument("s3Location needs both bucket and key");
      }
      break;
    case model::RevisionType::kGit:
      break;  // CheckRevisionLocation below
    case model::RevisionType::kHttps:
      if (location.url.rfind("https://", 0) != 0 && location.url.rfind("http://", 0) != 0) {
        return InvalidArgument("httpsLocation.url \"" + text::RedactUserinfo(location.url) +
                               "\" is not an https:// (or http://) URL");
      }
      if (!IsSha256Hex(location.sha256)) {
        return InvalidArgument("httpsLocation.sha256 \"" + location.sha256 +
                               "\" is not a lower-case hex sha256 digest");
      }
      break;
  }
  RETURN_IF_ERROR(CheckRevisionLocation(location, input_policy_.allow_insecure_git));
  model::Revision r;
  r.location = location;
  RETURN_IF_ERROR(ResolveStoreObject(r.location));
  r.id = "r-" + RandomAlnumUpper(12);
  r.application_id = app.id;
  r.application_name = app.name;
  r.description = description;
  r.register_time = clock_->NowMs();
  // The blob's presence and the row are one transaction, as DeleteRevision's check that
  // no revision names a blob and its removal are, so neither outruns the other.
  RETURN_IF_ERROR(store_->Transact([&]() -> Status {
    if (location.type == model::RevisionType::kStore && !blobs_->Has(location.sha256)) {
      return NotFound("blob " + location.sha256 +
                      " is not in the revision store; upload it first (POST /api/v1/blobs)");
    }
    return store_->CreateRevision(r);
  }));
  return r;
}

Result<model::Revision> Service::GetRevision(const std::string& id) {
  return store_->GetRevision(id);
}

Result<std::vector<model::Revision>> Service::ListRevisions(const std::string& application) {
  ASSIGN_OR_RETURN(model::Application app, store_->GetApplicationByName(application));
  return store_->ListRevisions(app.id);
}

}  // namespace berth::api
