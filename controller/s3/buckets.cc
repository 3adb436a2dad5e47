// CreateBucket, HeadBucket, ListBuckets, DeleteBucket, GetBucketLocation and the
// versioning subresource (always Enabled).
#include "common/time_format.h"
#include "controller/s3/handlers.h"

namespace berth::s3 {

Status ListBuckets(Call& call) {
  RETURN_IF_ERROR(RequireRole(call, model::Role::kViewer));
  RETURN_IF_ERROR(VerifyNoBody(call));
  ASSIGN_OR_RETURN(std::vector<model::Bucket> buckets, call.service->ListBuckets());
  XmlDocument doc("ListAllMyBucketsResult");
  doc.Open("Owner");
  doc.Text("ID", "berth");
  doc.Text("DisplayName", "berth");
  doc.Close();
  doc.Open("Buckets");
  for (const model::Bucket& b : buckets) {
    doc.Open("Bucket");
    doc.Text("Name", b.name);
    doc.Text("CreationDate", FormatIsoMs(b.create_time));
    doc.Close();
  }
  doc.Close();
  WriteXml(call, doc);
  return Status::Ok();
}

Status CreateBucket(Call& call) {
  RETURN_IF_ERROR(RequireRole(call, model::Role::kDeployer));
  // A CreateBucketConfiguration (a region) may come along; every bucket is the controller's.
  RETURN_IF_ERROR(ReadSmallBody(call).status());
  ASSIGN_OR_RETURN(model::Bucket bucket, call.service->CreateBucket(call.path.bucket));
  call.res.status = 200;
  call.res.set_header("Location", "/" + bucket.name);
  return Status::Ok();
}

Status HeadBucket(Call& call) {
  RETURN_IF_ERROR(RequireRole(call, model::Role::kViewer));
  RETURN_IF_ERROR(VerifyNoBody(call));
  RETURN_IF_ERROR(call.service->GetBucket(call.path.bucket).status());
  call.res.status = 200;
  call.res.set_header("x-amz-bucket-region", kRegion);
  return Status::Ok();
}

Status DeleteBucket(Call& call) {
  RETURN_IF_ERROR(RequireRole(call, model::Role::kDeployer));
  RETURN_IF_ERROR(VerifyNoBody(call));
  RETURN_IF_ERROR(call.service->DeleteBucket(call.path.bucket));
  call.res.status = 204;
  return Status::Ok();
}

Status GetBucketLocation(Call& call) {
  RETURN_IF_ERROR(RequireRole(call, model::Role::kViewer));
  RETURN_IF_ERROR(VerifyNoBody(call));
  RETURN_IF_ERROR(call.service->GetBucket(call.path.bucket).status());
  XmlDocument doc("LocationConstraint");  // empty: us-east-1
  WriteXml(call, doc);
  return Status::Ok();
}

Status GetBucketVersioning(Call& call) {
  RETURN_IF_ERROR(RequireRole(call, model::Role::kViewer));
  RETURN_IF_ERROR(VerifyNoBody(call));
  RETURN_IF_ERROR(call.service->GetBucket(call.path.bucket).status());
  XmlDocument doc("VersioningConfiguration");
  doc.Text("Status", "Enabled");
  WriteXml(call, doc);
  return Status::Ok();
}

Status PutBucketVersioning(Call& call) {
  RETURN_IF_ERROR(RequireRole(call, model::Role::kDeployer));
  ASSIGN_OR_RETURN(std::string body, ReadSmallBody(call));
  ASSIGN_OR_RETURN(std::string status, ParseVersioningStatus(body));
  RETURN_IF_ERROR(call.service->GetBucket(call.path.bucket).status());
  if (status != "Enabled") {
    return Status(Code::kUnimplemented,
                  "versioning is always Enabled on Berth's buckets; it cannot be set to \"" +
                      status.substr(0, 20) + "\"");
  }
  call.res.status = 200;
  return Status::Ok();
}

}  // namespace berth::s3
