// Trigger destinations: internal addresses refused unless allowed; URLs redacted.
#include "controller/triggers/destination_policy.h"

#include <catch2/catch.hpp>

namespace berth::triggers {
namespace {

DestinationPolicy WithDns(std::vector<std::string> answer) {
  DestinationPolicy policy;
  policy.resolve = [answer](const std::string&) -> Result<std::vector<std::string>> {
    return answer;
  };
  return policy;
}

TEST_CASE("destinations: the metadata service and other internal addresses are refused") {
  DestinationPolicy policy = WithDns({"93.184.216.34"});
  auto metadata = CheckDestination("http://169.254.169.254/latest/meta-data", policy);
  CHECK(metadata.status().code() == Code::kPermissionDenied);
  CHECK(metadata.status().message() ==
        "169.254.169.254, a link-local address; trigger destinations must be public unless the "
        "controller runs with --trigger-allow-private or --trigger-allow-host 169.254.169.254");
  for (const char* url : {"http://127.0.0.1:8080/x", "http://10.1.2.3/", "https://192.168.0.1/",
                          "http://172.16.0.1/", "http://[::1]/", "http://[fd00::1]/",
                          "http://[::ffff:127.0.0.1]/", "http://0.0.0.0/", "http://localhost/",
                          "http://api.localhost/"}) {
    INFO(url);
    CHECK(CheckDestination(url, policy).status().code() == Code::kPermissionDenied);
  }
  CHECK(CheckDestination("https://hooks.example.com/x", policy)->address == "93.184.216.34");
}

TEST_CASE("destinations: a name resolving to an internal address is refused, naming both") {
  auto r = CheckDestination("https://evil.example/", WithDns({"93.184.216.34", "10.0.0.5"}));
  CHECK(r.status().code() == Code::kPermissionDenied);
  CHECK_THAT(r.status().message(),
             Catch::StartsWith("evil.example resolves to 10.0.0.5, a private address"));
}

TEST_CASE("destinations: --trigger-allow-private and the allowlist let internal ones through") {
  DestinationPolicy open = WithDns({"10.0.0.5"});
  open.allow_private = true;
  CHECK(CheckDestination("http://127.0.0.1:9/x", open).ok());
  DestinationPolicy listed = WithDns({"10.0.0.5"});
  listed.allowlist = {"hooks.internal", "127.0.0.1"};
  CHECK(CheckDestination("http://hooks.internal/x", listed)->address == "10.0.0.5");
  CHECK(CheckDestination("http://127.0.0.1:9/x", listed).ok());
  CHECK_FALSE(CheckDestination("http://10.9.9.9/", listed).ok());
}

TEST_CASE("destinations: not http(s) is INVALID_ARGUMENT; without a resolver names pass") {
  DestinationPolicy no_dns;
  no_dns.resolve = nullptr;
  CHECK(CheckDestination("ftp://example.com/x", no_dns).status().code() ==
        Code::kInvalidArgument);
  CHECK(CheckDestination("https://hooks.slack.com/services/T/B/secret", no_dns).ok());
  CHECK_FALSE(CheckDestination("http://169.254.169.254/", no_dns).ok());
}

TEST_CASE("destinations: URLs are shown as scheme and host only") {
  CHECK(RedactUrl("https://hooks.slack.com/services/T000/B000/XXXXSECRET") ==
        "https://hooks.slack.com");
  CHECK(RedactUrl("http://user:pw@127.0.0.1:8080/hook?token=1") == "http://127.0.0.1:8080");
  CHECK(RedactUrl("http://[::1]:9/x") == "http://[::1]:9");
  CHECK(RedactUrl("not a url") == "(invalid URL)");
}

}  // namespace
}  // namespace berth::triggers
