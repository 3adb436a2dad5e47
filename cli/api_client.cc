#include "cli/api_client.h"

#include <utility>

#include "cli/json_fields.h"

namespace berth::cli {
namespace {

constexpr std::string_view kApiPrefix = "/api/v1";
constexpr size_t kMaxBodyInMessage = 200;

std::string TrimTrailingSlashes(std::string url) {
  while (!url.empty() && url.back() == '/') url.pop_back();
  return url;
}

}  // namespace

ApiClient::ApiClient(ApiClientOptions options, std::unique_ptr<HttpTransport> transport)
    : options_(std::move(options)), transport_(std::move(transport)) {
  options_.controller_url = TrimTrailingSlashes(options_.controller_url);
}

HttpRequest ApiClient::NewRequest(const char* method, const std::string& path) const {
  HttpRequest request;
  request.method = method;
  request.url = options_.controller_url + std::string(kApiPrefix) + path;
  return request;
}

Result<nlohmann::json> ApiClient::Get(const std::string& path) {
  return Send(NewRequest("GET", path));
}

Result<nlohmann::json> ApiClient::Delete(const std::string& path) {
  return Send(NewRequest("DELETE", path));
}

Result<nlohmann::json> ApiClient::Post(const std::string& path, const nlohmann::json& body) {
  return SendJson("POST", path, body);
}

Result<nlohmann::json> ApiClient::Put(const std::string& path, const nlohmann::json& body) {
  return SendJson("PUT", path, body);
}

Result<nlohmann::json> ApiClient::Patch(const std::string& path, const nlohmann::json& body) {
  return SendJson("PATCH", path, body);
}

Result<nlohmann::json> ApiClient::SendJson(const char* method, const std::string& path,
                                           const nlohmann::json& body) {
  HttpRequest request = NewRequest(method, path);
  request.headers.emplace_back("Content-Type", "application/json");
  request.body = body.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
  return Send(std::move(request));
}

Result<nlohmann::json> ApiClient::PostFile(const std::string& path, const std::string& file_path) {
  HttpRequest request = NewRequest("POST", path);
  request.headers.emplace_back("Content-Type", "application/octet-stream");
  request.body_file = file_path;
  return Send(std::move(request));
}

Result<nlohmann::json> ApiClient::Send(HttpRequest request) {
  request.headers.emplace_back("Accept", "application/json");
  request.headers.emplace_back("User-Agent", "berth-cli/" BERTH_VERSION);
  if (!options_.token.empty()) {
    request.headers.emplace_back("Authorization", "Bearer " + options_.token);
  }
  Result<HttpResponse> response = transport_->Send(request);
  if (!response.ok()) {
    if (response.status().code() != Code::kUnavailable) return response.status();
    return Unavailable("cannot reach controller at " + options_.controller_url + ": " +
                       response.status().message());
  }
  if (response->status < 200 || response->status > 299) {
    return StatusFromErrorResponse(*response);
  }
  if (response->body.empty()) return nlohmann::json::object();
  nlohmann::json body = nlohmann::json::parse(response->body, nullptr, false);
  if (body.is_discarded()) {
    return Internal(
        "controller answered " + request.method + " " + request.url +
        " with a body that is not JSON: " + response->body.substr(0, kMaxBodyInMessage));
  }
  return body;
}

std::string PathSegment(std::string_view text) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string out;
  for (unsigned char c : text) {
    bool unreserved = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
                      c == '-' || c == '_' || c == '.' || c == '~';
    if (unreserved) {
      out.push_back(static_cast<char>(c));
    } else {
      out.push_back('%');
      out.push_back(kHex[c >> 4]);
      out.push_back(kHex[c & 0xF]);
    }
  }
  return out;
}

Code CodeFromName(std::string_view name) {
  for (int i = 0; i <= static_cast<int>(Code::kUnauthenticated); ++i) {
    if (CodeName(static_cast<Code>(i)) == name) return static_cast<Code>(i);
  }
  return Code::kUnknown;
}

Code CodeFromHttpStatus(int http_status) {
  switch (http_status) {
    case 400:
      return Code::kInvalidArgument;
    case 401:
      return Code::kUnauthenticated;
    case 403:
      return Code::kPermissionDenied;
    case 404:
      return Code::kNotFound;
    case 409:
      return Code::kFailedPrecondition;
    case 429:
      return Code::kResourceExhausted;
    case 501:
      return Code::kUnimplemented;
    case 502:
    case 503:
      return Code::kUnavailable;
    case 504:
      return Code::kDeadlineExceeded;
    default:
      return http_status >= 500 ? Code::kInternal : Code::kUnknown;
  }
}

Status StatusFromErrorResponse(const HttpResponse& response) {
  nlohmann::json body = nlohmann::json::parse(response.body, nullptr, false);
  if (body.is_object() && body.contains("code") && body["code"].is_string()) {
    std::string name = body["code"].get<std::string>();
    Code code = CodeFromName(name);
    if (code == Code::kOk || (code == Code::kUnknown && name != "UNKNOWN")) {
      code = CodeFromHttpStatus(response.status);
    }
    std::string message = JsonString(body, "message");
    if (message.empty()) message = name;
    return Status(code, message);
  }
  std::string message = "HTTP " + std::to_string(response.status);
  if (!response.body.empty()) {
    message += ": " + response.body.substr(0, kMaxBodyInMessage);
  }
  return Status(CodeFromHttpStatus(response.status), message);
}

}  // namespace berth::cli
