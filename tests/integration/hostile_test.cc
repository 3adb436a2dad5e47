// Hostile input end to end: bytes that are not UTF-8 from a hook, hostile
// request bodies and slow clients against a real controller.
#include <arpa/inet.h>
#include <httplib.h>
#include <openssl/ssl.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <catch2/catch.hpp>
#include <chrono>
#include <thread>
#include <filesystem>
#include <string>

#include "common/testing/subprocess.h"
#include "controller/triggers/destination_policy.h"
#include "tests/integration/bundles.h"
#include "tests/integration/cluster.h"

namespace berth::itest {
namespace {

using testing::ReadTestFile;

TEST_CASE("A hook printing bytes that are not UTF-8 succeeds, logged with U+FFFD",
          "[integration]") {
  Cluster c;
  StartOneHost(c);
  WriteHookApp(c.Sub("rev"), {{"AfterInstall", "printf 'bin \\377\\376 end\\n'\n"}});
  const std::string id = c.Deploy("shop", "prod", c.Push(c.Sub("rev"), "shop"));
  Json deployment = c.WaitForDeployment(id);
  INFO(deployment.dump(2));
  REQUIRE(deployment["status"] == "Succeeded");

  testing::CommandResult logs = c.Berth({"deployment", "logs", id});
  INFO(logs.out << logs.err);
  REQUIRE(logs.exit_code == 0);
  CHECK(logs.out.find("app-1 AfterInstall stdout | bin \xEF\xBF\xBD\xEF\xBF\xBD end") !=
        std::string::npos);
  // scripts.log on the host keeps the bytes as the hook wrote them.
  std::string script_log;
  for (const auto& entry : std::filesystem::recursive_directory_iterator(c.AgentRoot(0))) {
    if (entry.path().filename() == "scripts.log") script_log += ReadTestFile(entry.path());
  }
  CHECK(script_log.find("bin \xFF\xFE end") != std::string::npos);
}

// One POST with the admin token and extra headers; the raw answer.
httplib::Result RawPost(Cluster& c, const std::string& path, const std::string& body,
                        httplib::Headers headers = {}) {
  std::unique_ptr<httplib::Client> client = c.HttpClient();
  headers.emplace("Authorization", "Bearer " + c.admin_token());
  return client->Post(path.c_str(), headers, body, "application/json");
}

TEST_CASE("A 200000-deep JSON body gets a clean 400 and the controller keeps serving",
          "[integration]") {
  Cluster c;
  c.StartController();
  httplib::Result res = RawPost(c, "/api/v1/alertmanager", std::string(200000, '['));
  REQUIRE(res);
  CHECK(res->status == 400);
  Json body = Json::parse(res->body);
  CHECK(body["code"] == "INVALID_ARGUMENT");
  CHECK(body["message"] == "request body nests deeper than 64 levels");
  CHECK(c.Api("GET", "/api/v1/alarms").status == 200);
}

// Connects to the API over TLS, sends `head` (request line and headers, no body) and returns what
// comes back within 5 s: the server must answer without waiting for a body.
std::string SendHeadOnly(Cluster& c, const std::string& head) {
  std::unique_ptr<SSL_CTX, decltype(&SSL_CTX_free)> ctx(SSL_CTX_new(TLS_client_method()),
                                                        SSL_CTX_free);
  SSL_CTX_load_verify_locations(ctx.get(), c.ca_cert().c_str(), nullptr);
  SSL_CTX_set_verify(ctx.get(), SSL_VERIFY_PEER, nullptr);
  std::unique_ptr<BIO, decltype(&BIO_free_all)> bio(BIO_new_ssl_connect(ctx.get()), BIO_free_all);
  BIO_set_conn_hostname(bio.get(), ("127.0.0.1:" + std::to_string(c.http_port())).c_str());
  std::string answer;
  if (BIO_do_connect(bio.get()) <= 0 || BIO_do_handshake(bio.get()) <= 0 ||
      BIO_write(bio.get(), head.data(), static_cast<int>(head.size())) !=
          static_cast<int>(head.size())) {
    return answer;
  }
  int fd = -1;
  BIO_get_fd(bio.get(), &fd);
  timeval timeout{5, 0};
  ::setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, sizeof(timeout));
  char buf[4096];
  for (int n; (n = BIO_read(bio.get(), buf, sizeof(buf))) > 0;) answer.append(buf, n);
  return answer;
}

TEST_CASE("Bodies past 1 MiB, compressed bodies and chunked JSON are refused unread",
          "[integration]") {
  Cluster c;
  c.StartController();
  const std::string auth = "Authorization: Bearer " + c.admin_token() + "\r\n";
  std::string big = SendHeadOnly(c, "POST /api/v1/applications HTTP/1.1\r\nHost: x\r\n" + auth +
                                        "Content-Type: application/json\r\n"
                                        "Content-Length: 1073741824\r\n\r\n");
  CHECK_THAT(big, Catch::StartsWith("HTTP/1.1 413 "));
  CHECK_THAT(big, Catch::EndsWith(
                      R"x({"code":"RESOURCE_EXHAUSTED","message":"the request body of 1073741824 )x"
                      R"x(bytes is over the 1048576-byte limit (--max-json-body-bytes)"})x"));
  std::string chunked = SendHeadOnly(c, "POST /api/v1/applications HTTP/1.1\r\nHost: x\r\n" +
                                            auth + "Transfer-Encoding: chunked\r\n\r\n");
  CHECK_THAT(chunked, Catch::StartsWith("HTTP/1.1 411 "));
  httplib::Result gz =
      RawPost(c, "/api/v1/applications", "{}", {{"Content-Encoding", "gzip"}});
  REQUIRE(gz);
  CHECK(gz->status == 415);
  CHECK(Json::parse(gz->body)["message"] ==
        "Content-Encoding \"gzip\" is not accepted; send the body uncompressed");
  // Nothing was created by any of them.
  CHECK(c.Api("GET", "/api/v1/applications").body["applications"].empty());
}

TEST_CASE("32 stalled connections do not hold up a normal request", "[integration]") {
  Cluster c;
  c.StartController();
  std::vector<int> stalled;
  for (int i = 0; i < 32; ++i) {
    int fd = ::socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_port = htons(static_cast<uint16_t>(c.http_port()));
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    REQUIRE(::connect(fd, reinterpret_cast<sockaddr*>(&addr), sizeof(addr)) == 0);
    const std::string partial = "POST /api/v1/applications HTTP/1.1\r\nHost: x\r\nContent-";
    REQUIRE(::send(fd, partial.data(), partial.size(), MSG_NOSIGNAL) > 0);
    stalled.push_back(fd);
  }
  std::this_thread::sleep_for(std::chrono::milliseconds(300));  // every one is being served
  auto start = std::chrono::steady_clock::now();
  ApiReply reply = c.Api("GET", "/api/v1/applications");
  auto took = std::chrono::steady_clock::now() - start;
  for (int fd : stalled) ::close(fd);
  CHECK(reply.status == 200);
  CHECK(took < std::chrono::seconds(1));
}

TEST_CASE("A trigger to the metadata service is refused at group create, naming it",
          "[integration]") {
  Cluster c;
  c.StartController();
  REQUIRE(c.Api("POST", "/api/v1/applications", {{"applicationName", "shop"}}).status == 201);
  Json group = {{"deploymentGroupName", "prod"},
                {"onPremisesInstanceTagFilters", {{{"Key", "env"}, {"Value", "it"}}}},
                {"triggerConfigurations",
                 {{{"triggerName", "steal"},
                   {"triggerTargetUrl", "http://169.254.169.254/latest/meta-data"},
                   {"triggerEvents", {"DeploymentStart"}}}}}};
  ApiReply refused = c.Api("POST", "/api/v1/applications/shop/deployment-groups", group);
  CHECK(refused.status == 400);
  CHECK(refused.body["code"] == "INVALID_ARGUMENT");
  CHECK(refused.body["message"] ==
        "trigger \"steal\": triggerTargetUrl http://169.254.169.254: 169.254.169.254, a "
        "link-local address; trigger destinations must be public unless the controller runs "
        "with --trigger-allow-private or --trigger-allow-host 169.254.169.254");
  CHECK(c.Api("GET", "/api/v1/applications/shop/deployment-groups/prod").status == 404);
}

// This machine's host name and the first internal address it resolves to, when it does
// (Debian and most containers map it to 127.0.x.1 in /etc/hosts); {"", ""} otherwise.
std::pair<std::string, std::string> InternalHostName() {
  char name[256] = {};
  if (::gethostname(name, sizeof(name) - 1) != 0) return {};
  auto addresses = triggers::ResolveWithGetaddrinfo(name);
  if (!addresses.ok()) return {};
  for (const std::string& a : *addresses) {
    if (!triggers::NonPublicKind(a).empty()) return {name, a};
  }
  return {};
}

TEST_CASE("A trigger host name resolving to loopback is refused at group create and update",
          "[integration]") {
  const auto [host, address] = InternalHostName();
  if (host.empty()) {
    WARN("SKIPPED: this machine's host name does not resolve to an internal address");
    return;
  }
  Cluster c;
  c.StartController();
  REQUIRE(c.Api("POST", "/api/v1/applications", {{"applicationName", "shop"}}).status == 201);
  auto trigger = [](const std::string& url) {
    return Json{{"triggerConfigurations",
                 {{{"triggerName", "notify"},
                   {"triggerTargetUrl", url},
                   {"triggerEvents", {"DeploymentSuccess"}}}}}};
  };
  Json group = trigger("http://" + host + ":9/hook");
  group["deploymentGroupName"] = "prod";
  group["onPremisesInstanceTagFilters"] = {{{"Key", "env"}, {"Value", "it"}}};
  const std::string refusal =
      "trigger \"notify\": triggerTargetUrl http://" + host + ":9: " + host + " resolves to " +
      address + ", a " + triggers::NonPublicKind(address) +
      " address; trigger destinations must be public unless the controller runs with "
      "--trigger-allow-private or --trigger-allow-host " + host;
  ApiReply created = c.Api("POST", "/api/v1/applications/shop/deployment-groups", group);
  CHECK(created.status == 400);
  CHECK(created.body["code"] == "INVALID_ARGUMENT");
  CHECK(created.body["message"] == refusal);
  CHECK(c.Api("GET", "/api/v1/applications/shop/deployment-groups/prod").status == 404);

  group.erase("triggerConfigurations");
  REQUIRE(c.Api("POST", "/api/v1/applications/shop/deployment-groups", group).status == 201);
  ApiReply updated = c.Api("PATCH", "/api/v1/applications/shop/deployment-groups/prod",
                           trigger("http://" + host + ":9/hook"));
  CHECK(updated.status == 400);
  CHECK(updated.body["message"] == refusal);
  ApiReply local = c.Api("PATCH", "/api/v1/applications/shop/deployment-groups/prod",
                         trigger("http://localhost:9/hook"));
  CHECK(local.status == 400);
  CHECK_THAT(local.body["message"].get<std::string>(),
             Catch::Contains("localhost resolves to 127.0.0.1, a loopback address"));
  CHECK(c.Api("GET", "/api/v1/applications/shop/deployment-groups/prod")
            .body["triggerConfigurations"]
            .empty());

  // Allowed by name, it is accepted.
  c.SetControllerArgs({"--trigger-allow-host", host});
  c.StartController();
  ApiReply allowed = c.Api("PATCH", "/api/v1/applications/shop/deployment-groups/prod",
                           trigger("http://" + host + ":9/hook"));
  CHECK(allowed.status == 200);
  CHECK(allowed.body["triggerConfigurations"].size() == 1);
}

TEST_CASE("A git revision naming a branch or a plaintext URL is refused", "[integration]") {
  Cluster c;
  c.StartController();
  REQUIRE(c.Api("POST", "/api/v1/applications", {{"applicationName", "shop"}}).status == 201);
  auto git = [&](const std::string& repository, const std::string& commit) {
    return c.Api("POST", "/api/v1/applications/shop/revisions",
                 {{"revision",
                   {{"revisionType", "GitHub"},
                    {"gitHubLocation", {{"repository", repository}, {"commitId", commit}}}}}});
  };
  ApiReply branch = git("https://github.com/o/r.git", "main");
  CHECK(branch.status == 400);
  CHECK_THAT(branch.body["message"].get<std::string>(),
             Catch::StartsWith("gitHubLocation.commitId \"main\" is not a 40-character"));
  ApiReply plain = git("http://deploy:s3cret@git.example/r.git", std::string(40, 'a'));
  CHECK(plain.status == 400);
  CHECK(plain.body["message"].get<std::string>().find("s3cret") == std::string::npos);
  CHECK(c.Api("GET", "/api/v1/applications/shop/revisions").body["revisions"].empty());
}

}  // namespace
}  // namespace berth::itest
