// install.sh as the controller serves it: placeholders filled, Host headers checked.
#include "controller/bootstrap/install_script.h"

#include <catch2/catch.hpp>

namespace berth::bootstrap {
namespace {

InstallScriptParams Params() {
  return {"https://ctl.example.com:8080", "ctl.example.com:8443", "0.1.0",
          "-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n"};
}

TEST_CASE("install.sh is served with the controller's URL, agent channel, version and CA") {
  auto script = RenderInstallScript(Params());
  REQUIRE(script.ok());
  CHECK(script->rfind("#!/bin/sh\n", 0) == 0);
  CHECK(script->find("BERTH_URL='https://ctl.example.com:8080'\n") != std::string::npos);
  CHECK(script->find("BERTH_AGENT_ADDRESS='ctl.example.com:8443'\n") != std::string::npos);
  CHECK(script->find("BERTH_VERSION='0.1.0'\n") != std::string::npos);
  CHECK(script->find("BERTH_CA_PEM='-----BEGIN CERTIFICATE-----\nMIIB\n-----END "
                     "CERTIFICATE-----'\n") != std::string::npos);
  CHECK(script->find("@BERTH_") == std::string::npos);
}

TEST_CASE("install.sh refuses a value that would end its shell quoting") {
  InstallScriptParams params = Params();
  params.version = "0.1.0'; rm -rf /; '";
  auto script = RenderInstallScript(params);
  REQUIRE_FALSE(script.ok());
  CHECK(script.status().code() == Code::kInternal);
  CHECK(script.status().message() ==
        "install.sh: the value for @BERTH_VERSION@ holds a single quote");
}

TEST_CASE("The base URL comes from the Host header the client sent") {
  CHECK(*BaseUrlFromHost("https", "ctl.example.com:8080") == "https://ctl.example.com:8080");
  CHECK(*BaseUrlFromHost("https", "10.0.0.5:8080") == "https://10.0.0.5:8080");
  CHECK(*BaseUrlFromHost("https", "[::1]:8080") == "https://[::1]:8080");
  CHECK(*BaseUrlFromHost("http", "localhost") == "http://localhost");
  for (const char* bad : {"", "ctl'.example.com", "ctl example", "ctl:80/x", "$(id)", "a:123456"}) {
    auto url = BaseUrlFromHost("https", bad);
    INFO(bad);
    REQUIRE_FALSE(url.ok());
    CHECK(url.status().code() == Code::kInvalidArgument);
  }
  CHECK(BaseUrlFromHost("https", "").status().message() ==
        "GET /install.sh needs a Host header: the address this host reaches the controller by");
}

TEST_CASE("The agent channel is the Host header's host with the gRPC port") {
  CHECK(AgentAddressFromHost("ctl.example.com:8080", 8443) == "ctl.example.com:8443");
  CHECK(AgentAddressFromHost("ctl.example.com", 9443) == "ctl.example.com:9443");
  CHECK(AgentAddressFromHost("[::1]:8080", 8443) == "[::1]:8443");
}

}  // namespace
}  // namespace berth::bootstrap
