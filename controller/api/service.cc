#include "controller/api/service.h"

namespace berth::api {

Service::Service(store::Store* store, deploy::Engine* engine, blobs::BlobStore* blobs, Clock* clock)
    : store_(store), engine_(engine), blobs_(blobs), clock_(clock) {}

Status ValidateName(const std::string& what, const std::string& name) {
  if (name.empty()) return InvalidArgument(what + " is required");
  if (name.size() > 100) {
    return InvalidArgument(what + " \"" + name.substr(0, 100) +
                           "...\" is longer than 100 characters");
  }
  for (unsigned char c : name) {
    if (c < 0x20 || c == 0x7f || c == '/') {
      return InvalidArgument(what + " \"" + name + "\" may not contain '/' or control characters");
    }
  }
  return Status::Ok();
}

}  // namespace berth::api
