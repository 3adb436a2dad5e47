#include "cli/api_client.h"

#include <catch2/catch.hpp>
#include <memory>
#include <mutex>
#include <string>

#include "cli/test_server_for_test.h"
#include "common/testing/temp_dir.h"

namespace berth::cli {
namespace {

ApiClient MakeClient(const std::string& url, const std::string& token = "s3cret") {
  return ApiClient({url, token}, std::make_unique<CurlTransport>());
}

TEST_CASE("the client sends the bearer token and round-trips JSON bodies", "[api]") {
  testing::TestServer server;
  std::mutex mu;
  std::string authorization, content_type;
  nlohmann::json received;
  server.server().Post(
      "/api/v1/applications", [&](const httplib::Request& req, httplib::Response& res) {
        std::lock_guard<std::mutex> lock(mu);
        authorization = req.get_header_value("Authorization");
        content_type = req.get_header_value("Content-Type");
        received = nlohmann::json::parse(req.body);
        res.status = 201;
        res.set_content(R"({"applicationId": "u-1", "applicationName": "web \"α\""})",
                        "application/json");
      });
  server.Start();

  ApiClient client = MakeClient(server.url() + "/");
  Result<nlohmann::json> app = client.Post("/applications", {{"applicationName", "web \"α\""}});
  REQUIRE(app.ok());
  CHECK((*app)["applicationId"] == "u-1");
  CHECK((*app)["applicationName"] == "web \"α\"");
  std::lock_guard<std::mutex> lock(mu);
  CHECK(authorization == "Bearer s3cret");
  CHECK(content_type == "application/json");
  CHECK(received == nlohmann::json{{"applicationName", "web \"α\""}});
}

TEST_CASE("a 401 answer becomes UNAUTHENTICATED with the server's message", "[api]") {
  testing::TestServer server;
  server.server().Get("/api/v1/applications", [](const httplib::Request&, httplib::Response& res) {
    res.status = 401;
    res.set_content(R"({"code": "UNAUTHENTICATED", "message": "token not recognized"})",
                    "application/json");
  });
  server.Start();

  Result<nlohmann::json> answer = MakeClient(server.url(), "wrong").Get("/applications");
  REQUIRE_FALSE(answer.ok());
  CHECK(answer.status().code() == Code::kUnauthenticated);
  CHECK(answer.status().message() == "token not recognized");
}

TEST_CASE("error codes map back by name, and by HTTP status without a JSON body", "[api]") {
  testing::TestServer server;
  server.server().Get(
      "/api/v1/deployments/d-1", [](const httplib::Request&, httplib::Response& res) {
        res.status = 409;
        res.set_content(R"({"code": "ALREADY_EXISTS", "message": "busy"})", "application/json");
      });
  server.server().Get("/api/v1/nothing", [](const httplib::Request&, httplib::Response& res) {
    res.status = 404;
    res.set_content("no such page", "text/plain");
  });
  server.Start();
  ApiClient client = MakeClient(server.url());

  Result<nlohmann::json> conflict = client.Get("/deployments/d-1");
  REQUIRE_FALSE(conflict.ok());
  CHECK(conflict.status().code() == Code::kAlreadyExists);
  CHECK(conflict.status().message() == "busy");

  Result<nlohmann::json> missing = client.Get("/nothing");
  REQUIRE_FALSE(missing.ok());
  CHECK(missing.status().code() == Code::kNotFound);
  CHECK(missing.status().message() == "HTTP 404: no such page");
}

TEST_CASE("an unreachable controller is UNAVAILABLE and names the URL", "[api]") {
  int port = 0;
  {
    testing::TestServer gone;  // a port that was free a moment ago and now refuses
    gone.Start();
    port = gone.port();
  }
  std::string url = "http://127.0.0.1:" + std::to_string(port);
  Result<nlohmann::json> answer = MakeClient(url).Get("/applications");
  REQUIRE_FALSE(answer.ok());
  CHECK(answer.status().code() == Code::kUnavailable);
  CHECK_THAT(answer.status().message(),
             Catch::StartsWith("cannot reach controller at " + url + ": "));
}

TEST_CASE("a file upload arrives byte for byte", "[api]") {
  berth::testing::TempDir dir;
  std::string content;
  content.reserve(3 << 20);
  for (int i = 0; content.size() < (3u << 20); ++i) {
    content.push_back(static_cast<char>((i * 7919) >> 3));  // every byte value, incl. NUL
  }
  std::string path = dir.Sub("bundle.tgz");
  berth::testing::WriteTestFile(path, content);

  testing::TestServer server;
  std::mutex mu;
  std::string received, content_length, content_type;
  server.server().Post("/api/v1/blobs", [&](const httplib::Request& req, httplib::Response& res,
                                            const httplib::ContentReader& reader) {
    std::string body;
    reader([&](const char* data, size_t n) {
      body.append(data, n);
      return true;
    });
    std::lock_guard<std::mutex> lock(mu);
    received = std::move(body);
    content_length = req.get_header_value("Content-Length");
    content_type = req.get_header_value("Content-Type");
    res.status = 201;
    res.set_content(R"({"sha256": "abc", "size": )" + std::to_string(received.size()) + "}",
                    "application/json");
  });
  server.Start();

  Result<nlohmann::json> blob = MakeClient(server.url()).PostFile("/blobs", path);
  REQUIRE(blob.ok());
  CHECK((*blob)["size"] == content.size());
  std::lock_guard<std::mutex> lock(mu);
  CHECK(content_length == std::to_string(content.size()));
  CHECK(content_type == "application/octet-stream");
  CHECK(received.size() == content.size());
  CHECK(received == content);
}

TEST_CASE("uploading a missing file fails before any request", "[api]") {
  Result<nlohmann::json> blob =
      MakeClient("http://127.0.0.1:1").PostFile("/blobs", "/nonexistent/bundle.tgz");
  REQUIRE_FALSE(blob.ok());
  CHECK(blob.status().code() == Code::kNotFound);
  CHECK_THAT(blob.status().message(), Catch::Contains("/nonexistent/bundle.tgz"));
}

TEST_CASE("path segments are percent-encoded", "[api]") {
  CHECK(PathSegment("web-1_a.b~") == "web-1_a.b~");
  CHECK(PathSegment("a b/c?d") == "a%20b%2Fc%3Fd");
  CHECK(CodeFromName("NOT_FOUND") == Code::kNotFound);
  CHECK(CodeFromName("NOPE") == Code::kUnknown);
}

}  // namespace
}  // namespace berth::cli
