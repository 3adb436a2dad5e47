#include "controller/s3/call.h"

namespace berth::s3 {

Status RequireRole(const Call& call, model::Role needed) {
  const api::Principal& who = call.pending.principal();
  if (model::RoleAllows(who.role, needed)) return Status::Ok();
  return PermissionDenied(call.req.method + " " + call.req.path + " needs the " +
                          std::string(model::RoleName(needed)) + " role; access key " +
                          who.token_id + " has the " + std::string(model::RoleName(who.role)) +
                          " role");
}

Result<std::string> ReadSmallBody(Call& call, size_t max_bytes) {
  std::string body;
  bool too_big = false;
  if (call.reader != nullptr) {
    (*call.reader)([&](const char* data, size_t length) {
      if (body.size() + length > max_bytes) {
        too_big = true;
        return false;
      }
      body.append(data, length);
      return true;
    });
  }
  if (too_big) {
    return InvalidArgument("the request body is over the " + std::to_string(max_bytes) +
                           "-byte limit of this request");
  }
  call.body_read = true;
  RETURN_IF_ERROR(call.pending.VerifyBody(body));
  return body;
}

Status VerifyNoBody(Call& call) {
  call.body_read = true;
  return call.pending.VerifyBody("");
}

void WriteXml(Call& call, XmlDocument& doc, int status) {
  call.res.status = status;
  call.res.set_content(doc.Finish(), kContentType);
}

std::string QuotedEtag(const std::string& etag) { return "\"" + etag + "\""; }

}  // namespace berth::s3
