// GET /install.sh and GET /packages/<file> on a real controller: public, the script
// filled in for the address it was fetched by, packages only from --packages-dir.
#include <httplib.h>

#include <catch2/catch.hpp>

#include "common/fs.h"
#include "tests/integration/cluster.h"

namespace berth::itest {
namespace {

TEST_CASE("The controller serves install.sh to anyone and packages only from --packages-dir",
          "[integration][bootstrap]") {
  Cluster c;
  const std::string packages = c.Sub("packages");
  REQUIRE(fs::MakeDirs(packages).ok());
  const std::string deb = "berth-agent_" BERTH_VERSION "_amd64.deb";
  const std::string content = std::string("!<arch>\n") + std::string(200000, 'x');
  REQUIRE(fs::WriteFileAtomic(packages + "/" + deb, content).ok());
  REQUIRE(fs::WriteFileAtomic(c.Sub("secret"), "outside").ok());
  c.SetControllerArgs({"--packages-dir", packages});
  c.StartController();
  std::unique_ptr<httplib::Client> client = c.HttpClient();  // no Authorization header

  auto script = client->Get("/install.sh");
  REQUIRE(script);
  CHECK(script->status == 200);
  CHECK(script->get_header_value("Content-Type") == "text/x-shellscript; charset=utf-8");
  CHECK(script->body.rfind("#!/bin/sh\n", 0) == 0);
  CHECK(script->body.find("\nBERTH_URL='https://127.0.0.1:" + std::to_string(c.http_port()) +
                          "'\n") != std::string::npos);
  CHECK(script->body.find("\nBERTH_AGENT_ADDRESS='" + c.grpc_address() + "'\n") !=
        std::string::npos);
  CHECK(script->body.find("\nBERTH_VERSION='" BERTH_VERSION "'\n") != std::string::npos);
  auto ca = fs::ReadFile(c.ca_cert());
  REQUIRE(ca.ok());
  std::string ca_pem = *ca;
  while (!ca_pem.empty() && ca_pem.back() == '\n') ca_pem.pop_back();
  CHECK(script->body.find("\nBERTH_CA_PEM='" + ca_pem + "'\n") != std::string::npos);

  auto package = client->Get("/packages/" + deb);
  REQUIRE(package);
  CHECK(package->status == 200);
  CHECK(package->get_header_value("Content-Type") == "application/vnd.debian.binary-package");
  CHECK(package->body == content);

  for (const std::string path : {"/packages/..%2Fsecret", "/packages/.hidden", "/packages/",
                                 "/packages/missing.deb", "/packages/a/b"}) {
    INFO(path);
    auto refused = client->Get(path);
    REQUIRE(refused);
    CHECK(refused->status == 404);
  }
  auto missing = client->Get("/packages/missing.deb");
  REQUIRE(missing);
  CHECK(Json::parse(missing->body)["message"] == "no package missing.deb in the packages dir");

  auto api = client->Get("/api/v1/applications");
  REQUIRE(api);
  CHECK(api->status == 401);
}

TEST_CASE("Without --packages-dir install.sh is served and every package is 404",
          "[integration][bootstrap]") {
  Cluster c;
  c.StartController();
  std::unique_ptr<httplib::Client> client = c.HttpClient();
  auto script = client->Get("/install.sh");
  REQUIRE(script);
  CHECK(script->status == 200);
  auto package = client->Get("/packages/berth-agent_" BERTH_VERSION "_amd64.deb");
  REQUIRE(package);
  CHECK(package->status == 404);
  CHECK(Json::parse(package->body)["message"] ==
        "no package berth-agent_" BERTH_VERSION
        "_amd64.deb: the controller serves packages only with --packages-dir");
}

}  // namespace
}  // namespace berth::itest
