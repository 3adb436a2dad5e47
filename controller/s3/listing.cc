// ListObjects (V1: marker) and ListObjectsV2 (continuation token, start-after), with
// prefix, delimiter, max-keys and encoding-type=url.
#include <algorithm>
#include <cctype>

#include "common/sha256.h"
#include "common/sigv4/canonical.h"
#include "common/time_format.h"
#include "controller/s3/handlers.h"

namespace berth::s3 {
namespace {

// A continuation token: the hex of the key to go on after.
Result<std::string> DecodeToken(const std::string& token) {
  if (token.size() % 2 != 0 || !std::all_of(token.begin(), token.end(), [](unsigned char c) {
        return std::isxdigit(c) != 0;
      })) {
    return InvalidArgument("continuation-token \"" + token.substr(0, 40) +
                           "\" is not one this listing handed out");
  }
  return BytesOfHex(token);
}

Result<int> MaxKeys(const httplib::Request& req) {
  if (!req.has_param("max-keys")) return 1000;
  const std::string text = req.get_param_value("max-keys");
  if (text.empty() || text.size() > 9 ||
      !std::all_of(text.begin(), text.end(), [](unsigned char c) { return std::isdigit(c); })) {
    return InvalidArgument("max-keys \"" + text.substr(0, 20) + "\" is not a number");
  }
  return std::min(std::stoi(text), 1000);
}

}  // namespace

Status ListObjects(Call& call) {
  RETURN_IF_ERROR(RequireRole(call, model::Role::kViewer));
  RETURN_IF_ERROR(VerifyNoBody(call));
  const httplib::Request& req = call.req;
  const bool v2 = req.get_param_value("list-type") == "2";
  const std::string encoding = req.get_param_value("encoding-type");
  if (!encoding.empty() && encoding != "url") {
    return InvalidArgument("encoding-type \"" + encoding.substr(0, 20) + "\" is not url");
  }
  const bool url = encoding == "url";
  auto shown = [url](const std::string& s) { return url ? sigv4::UriEncode(s, true) : s; };

  api::ObjectListRequest request;
  request.bucket = call.path.bucket;
  request.prefix = req.get_param_value("prefix");
  request.delimiter = req.get_param_value("delimiter");
  ASSIGN_OR_RETURN(request.max_keys, MaxKeys(req));
  const std::string token = req.get_param_value("continuation-token");
  if (v2 && !token.empty()) {
    ASSIGN_OR_RETURN(request.start_after, DecodeToken(token));
  } else {
    request.start_after = req.get_param_value(v2 ? "start-after" : "marker");
  }
  ASSIGN_OR_RETURN(api::ObjectList list, call.service->ListObjects(request));

  XmlDocument doc("ListBucketResult");
  doc.Text("Name", call.path.bucket);
  doc.Text("Prefix", shown(request.prefix));
  if (!request.delimiter.empty()) doc.Text("Delimiter", shown(request.delimiter));
  doc.Text("MaxKeys", std::to_string(request.max_keys));
  if (url) doc.Text("EncodingType", "url");
  doc.Text("IsTruncated", list.truncated ? "true" : "false");
  if (v2) {
    doc.Text("KeyCount", std::to_string(list.objects.size() + list.common_prefixes.size()));
    if (!token.empty()) doc.Text("ContinuationToken", token);
    if (req.has_param("start-after"))
      doc.Text("StartAfter", shown(req.get_param_value("start-after")));
    if (list.truncated) doc.Text("NextContinuationToken", HexOf(list.next_after));
  } else {
    doc.Text("Marker", shown(request.start_after));
    if (list.truncated) doc.Text("NextMarker", shown(list.next_after));
  }
  for (const model::ObjectVersion& o : list.objects) {
    doc.Open("Contents");
    doc.Text("Key", shown(o.key));
    doc.Text("LastModified", FormatIsoMs(o.last_modified));
    doc.Text("ETag", QuotedEtag(o.etag));
    doc.Text("Size", std::to_string(o.size));
    doc.Text("StorageClass", "STANDARD");
    doc.Close();
  }
  for (const std::string& p : list.common_prefixes) {
    doc.Open("CommonPrefixes");
    doc.Text("Prefix", shown(p));
    doc.Close();
  }
  WriteXml(call, doc);
  return Status::Ok();
}

}  // namespace berth::s3
