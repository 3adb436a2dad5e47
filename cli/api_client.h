// A client of the controller's REST API (docs/api.md): JSON in, JSON out, errors as
// Status.
#pragma once

#include <memory>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>

#include "cli/http_transport.h"
#include "common/status.h"

namespace berth::cli {

struct ApiClientOptions {
  std::string controller_url = "http://127.0.0.1:8080";  // no trailing "/api/v1"
  std::string token;  // sent as "Authorization: Bearer <token>" when not empty
};

class ApiClient {
 public:
  ApiClient(ApiClientOptions options, std::unique_ptr<HttpTransport> transport);

  // `path` is below /api/v1, e.g. "/applications"; segments must already be escaped
  // (see PathSegment). On a non-2xx answer the Status carries the server's code and
  // message; when the controller cannot be reached, UNAVAILABLE
  // "cannot reach controller at URL: ...".
  Result<nlohmann::json> Get(const std::string& path);
  Result<nlohmann::json> Post(const std::string& path, const nlohmann::json& body);
  Result<nlohmann::json> Put(const std::string& path, const nlohmann::json& body);
  Result<nlohmann::json> Patch(const std::string& path, const nlohmann::json& body);
  Result<nlohmann::json> Delete(const std::string& path);
  // Posts the file's bytes as application/octet-stream, streamed from disk.
  Result<nlohmann::json> PostFile(const std::string& path, const std::string& file_path);

  const std::string& controller_url() const { return options_.controller_url; }

 private:
  HttpRequest NewRequest(const char* method, const std::string& path) const;
  Result<nlohmann::json> Send(HttpRequest request);
  Result<nlohmann::json> SendJson(const char* method, const std::string& path,
                                  const nlohmann::json& body);

  ApiClientOptions options_;
  std::unique_ptr<HttpTransport> transport_;
};

// Percent-encodes one path segment or query value ("a b/c" -> "a%20b%2Fc").
std::string PathSegment(std::string_view text);

// The Code whose CodeName is `name` ("NOT_FOUND" -> kNotFound); kUnknown if none.
Code CodeFromName(std::string_view name);
// The Code a non-2xx HTTP status stands for when the body carries none.
Code CodeFromHttpStatus(int http_status);

// The Status a non-2xx answer stands for: the body's {"code","message"} when present,
// otherwise the HTTP status and the start of the body.
Status StatusFromErrorResponse(const HttpResponse& response);

}  // namespace berth::cli
