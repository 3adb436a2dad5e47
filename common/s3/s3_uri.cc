#include "common/s3/s3_uri.h"

namespace berth::s3 {

Result<ObjectRef> ParseS3Uri(const std::string& uri) {
  const std::string prefix = "s3://";
  auto bad = [&] {
    return InvalidArgument("\"" + uri + "\" is not s3://BUCKET/KEY or s3://BUCKET/KEY#VERSION");
  };
  if (uri.rfind(prefix, 0) != 0) return bad();
  std::string rest = uri.substr(prefix.size());
  ObjectRef ref;
  auto hash = rest.find('#');
  if (hash != std::string::npos) {
    ref.version = rest.substr(hash + 1);
    rest = rest.substr(0, hash);
    if (ref.version.empty()) return bad();
  }
  auto slash = rest.find('/');
  if (slash == std::string::npos || slash == 0 || slash + 1 == rest.size()) return bad();
  ref.bucket = rest.substr(0, slash);
  ref.key = rest.substr(slash + 1);
  return ref;
}

std::string ToS3Uri(const ObjectRef& ref) {
  std::string uri = "s3://" + ref.bucket + "/" + ref.key;
  if (!ref.version.empty()) uri += "#" + ref.version;
  return uri;
}

}  // namespace berth::s3
