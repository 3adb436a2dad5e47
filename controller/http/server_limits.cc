#include "controller/http/server_limits.h"

#include <httplib.h>

#include <nlohmann/json.hpp>

#include "controller/http/growing_task_queue.h"
#include "controller/s3/path.h"

namespace berth::http {
namespace {

bool IsUploadPath(const std::string& path, const ServerLimits& limits) {
  for (const std::string& upload : limits.upload_paths) {
    if (path == upload) return true;
  }
  return false;
}

EarlyRefusal Refuse(int http_status, Code code, std::string message) {
  return EarlyRefusal{http_status, Status(code, std::move(message))};
}

}  // namespace

std::optional<EarlyRefusal> CheckBeforeBody(const httplib::Request& request,
                                            const ServerLimits& limits) {
  // The S3 face's bodies are uploads, and may be aws-chunked (which it decodes itself).
  const bool s3 = s3::ParseS3Path(request.path, false).has_value();
  const std::string encoding = request.get_header_value("Content-Encoding");
  if (!encoding.empty() && encoding != "identity" && !(s3 && encoding == "aws-chunked")) {
    // httplib would decompress gzip/deflate/br itself, past every size limit.
    return Refuse(415, Code::kInvalidArgument,
                  "Content-Encoding \"" + encoding.substr(0, 40) +
                      "\" is not accepted; send the body uncompressed");
  }
  const bool upload = s3 || IsUploadPath(request.path, limits);
  const int64_t max = upload ? limits.max_upload_bytes : limits.max_json_body_bytes;
  const char* flag = upload ? "--max-upload-bytes" : "--max-json-body-bytes";
  if (request.has_header("Content-Length")) {
    const std::string text = request.get_header_value("Content-Length");
    int64_t length = -1;
    try {
      length = std::stoll(text);
    } catch (...) {
    }
    if (length < 0) {
      return Refuse(400, Code::kInvalidArgument, "Content-Length is not a number");
    }
    if (length > max) {
      return Refuse(413, Code::kResourceExhausted,
                    "the request body of " + std::to_string(length) + " bytes is over the " +
                        std::to_string(max) + "-byte limit (" + flag + ")");
    }
  } else if (!upload && request.get_header_value("Transfer-Encoding").find("chunked") !=
                            std::string::npos) {
    return Refuse(411, Code::kInvalidArgument,
                  "a JSON request body must carry a Content-Length (chunked is for uploads)");
  }
  return std::nullopt;
}

void ApplyServerLimits(httplib::Server* server, const ServerLimits& limits) {
  server->set_read_timeout(limits.read_timeout);
  server->set_write_timeout(limits.read_timeout);
  server->set_keep_alive_timeout(limits.keep_alive_timeout.count());
  // httplib checks Content-Length against this itself; chunked uploads are counted by
  // the upload handler.
  server->set_payload_max_length(static_cast<size_t>(
      std::max(limits.max_upload_bytes, limits.max_json_body_bytes)));
  const size_t threads = static_cast<size_t>(limits.max_threads);
  server->new_task_queue = [threads] { return new GrowingTaskQueue(threads); };
}

}  // namespace berth::http
