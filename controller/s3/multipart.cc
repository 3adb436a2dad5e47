// CreateMultipartUpload, UploadPart, CompleteMultipartUpload, AbortMultipartUpload.
#include "controller/s3/handlers.h"
#include "controller/s3/upload_body.h"

namespace berth::s3 {

Status CreateMultipartUpload(Call& call) {
  RETURN_IF_ERROR(RequireRole(call, model::Role::kDeployer));
  RETURN_IF_ERROR(ReadSmallBody(call).status());
  std::string content_type = call.req.get_header_value("Content-Type");
  if (content_type.empty()) content_type = "binary/octet-stream";
  ASSIGN_OR_RETURN(model::MultipartUpload upload,
                   call.service->CreateUpload(call.path.bucket, call.path.key, content_type));
  XmlDocument doc("InitiateMultipartUploadResult");
  doc.Text("Bucket", upload.bucket);
  doc.Text("Key", upload.key);
  doc.Text("UploadId", upload.upload_id);
  WriteXml(call, doc);
  return Status::Ok();
}

Status UploadPart(Call& call) {
  RETURN_IF_ERROR(RequireRole(call, model::Role::kDeployer));
  const std::string number = call.req.get_param_value("partNumber");
  int part_number = 0;
  try {
    part_number = std::stoi(number);
  } catch (...) {
    return InvalidArgument("partNumber \"" + number.substr(0, 20) + "\" is not a number");
  }
  const std::string upload_id = call.req.get_param_value("uploadId");
  // Refused before the bytes are read when the upload is not there.
  ASSIGN_OR_RETURN(model::MultipartUpload upload,
                   call.service->GetUploadOf(call.path.bucket, call.path.key, upload_id));
  (void)upload;
  ASSIGN_OR_RETURN(ReceivedUpload body, ReceiveUpload(call));
  ASSIGN_OR_RETURN(
      model::UploadPart part,
      call.service->PutPart(call.path.bucket, call.path.key, upload_id, part_number, body.bytes));
  call.res.status = 200;
  call.res.set_header("ETag", QuotedEtag(part.md5));
  if (!body.checksum_name.empty()) {
    call.res.set_header(body.checksum_name.c_str(), body.checksum_value);
  }
  return Status::Ok();
}

Status CompleteMultipartUpload(Call& call) {
  RETURN_IF_ERROR(RequireRole(call, model::Role::kDeployer));
  ASSIGN_OR_RETURN(std::string body, ReadSmallBody(call));
  ASSIGN_OR_RETURN(std::vector<api::CompletedPart> parts, ParseCompleteMultipartUpload(body));
  ASSIGN_OR_RETURN(model::ObjectVersion v,
                   call.service->CompleteUpload(call.path.bucket, call.path.key,
                                                call.req.get_param_value("uploadId"), parts));
  call.res.set_header("x-amz-version-id", v.version_id);
  XmlDocument doc("CompleteMultipartUploadResult");
  doc.Text("Location", "/" + v.bucket + "/" + v.key);
  doc.Text("Bucket", v.bucket);
  doc.Text("Key", v.key);
  doc.Text("ETag", QuotedEtag(v.etag));
  WriteXml(call, doc);
  return Status::Ok();
}

Status AbortMultipartUpload(Call& call) {
  RETURN_IF_ERROR(RequireRole(call, model::Role::kDeployer));
  RETURN_IF_ERROR(VerifyNoBody(call));
  RETURN_IF_ERROR(call.service->AbortUpload(call.path.bucket, call.path.key,
                                            call.req.get_param_value("uploadId")));
  call.res.status = 204;
  return Status::Ok();
}

}  // namespace berth::s3
