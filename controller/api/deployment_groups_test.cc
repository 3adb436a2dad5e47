// Trigger destinations at group create and update: host names are resolved then (outside
// any transaction) and refused, naming the host and the address, when they resolve to an
// internal address, unless --trigger-allow-private or --trigger-allow-host allows them.
#include <catch2/catch.hpp>

#include "controller/deploy/engine_fixture_for_test.h"

namespace berth::api {
namespace {

// A resolver with fixed answers that counts its lookups.
struct FakeDns {
  int lookups = 0;
  triggers::Resolver resolver() {
    return [this](const std::string& host) -> Result<std::vector<std::string>> {
      ++lookups;
      if (host == "hooks.internal.example") return std::vector<std::string>{"10.1.2.3"};
      if (host == "hooks.example.com") return std::vector<std::string>{"93.184.216.34"};
      return Unavailable("cannot resolve " + host + ": Name or service not known");
    };
  }
};

model::DeploymentGroup GroupWithTrigger(const std::string& name, const std::string& url) {
  model::DeploymentGroup g;
  g.application_name = "web";
  g.name = name;
  g.tag_set = {{{"env", "prod", model::TagFilterType::kKeyAndValue}}};
  g.triggers = {{"notify", url, {"DeploymentSuccess"}}};
  return g;
}

constexpr char kInternalRefusal[] =
    "trigger \"notify\": triggerTargetUrl https://hooks.internal.example: hooks.internal.example "
    "resolves to 10.1.2.3, a private address; trigger destinations must be public unless the "
    "controller runs with --trigger-allow-private or --trigger-allow-host hooks.internal.example";

TEST_CASE("group create: a trigger host resolving to a private address is refused, naming both") {
  deploy::Fixture f(0);
  FakeDns dns;
  f.service->SetInputPolicy({.trigger_destinations = {.resolve = dns.resolver()}});

  auto refused =
      f.service->CreateDeploymentGroup(GroupWithTrigger("a", "https://hooks.internal.example/x"));
  CHECK(refused.status().code() == Code::kInvalidArgument);
  CHECK(refused.status().message() == kInternalRefusal);
  CHECK(f.service->GetDeploymentGroup("web", "a").status().code() == Code::kNotFound);

  CHECK(f.service->CreateDeploymentGroup(GroupWithTrigger("b", "https://hooks.example.com/x")).ok());
  // A name that does not resolve now is judged at delivery.
  CHECK(f.service->CreateDeploymentGroup(GroupWithTrigger("c", "https://not-yet.example/x")).ok());
  CHECK(dns.lookups == 3);
}

TEST_CASE("group update: a trigger host resolving to a private address is refused, nothing changes") {
  deploy::Fixture f(0);
  FakeDns dns;
  f.service->SetInputPolicy({.trigger_destinations = {.resolve = dns.resolver()}});
  auto set_url = [](const std::string& url) {
    return [url](model::DeploymentGroup& g) {
      g.triggers = {{"notify", url, {"DeploymentSuccess"}}};
      return Status::Ok();
    };
  };
  auto refused = f.service->UpdateDeploymentGroup("web", "prod",
                                                  set_url("https://hooks.internal.example/x"));
  CHECK(refused.status().code() == Code::kInvalidArgument);
  CHECK(refused.status().message() == kInternalRefusal);
  CHECK(f.service->GetDeploymentGroup("web", "prod")->triggers.empty());

  auto updated =
      f.service->UpdateDeploymentGroup("web", "prod", set_url("https://hooks.example.com/x"));
  REQUIRE(updated.ok());
  CHECK(f.service->GetDeploymentGroup("web", "prod")->triggers.size() == 1);
  // Each name was resolved once, before the transaction (the check inside it asks again
  // and is answered from those results).
  CHECK(dns.lookups == 2);
}

TEST_CASE("group create: --trigger-allow-private and --trigger-allow-host let internal names in") {
  deploy::Fixture f(0);
  FakeDns dns;
  f.service->SetInputPolicy(
      {.trigger_destinations = {.allow_private = true, .resolve = dns.resolver()}});
  CHECK(f.service->CreateDeploymentGroup(GroupWithTrigger("a", "https://hooks.internal.example/x"))
            .ok());
  CHECK(dns.lookups == 0);  // everything is allowed: nothing to look up

  f.service->SetInputPolicy({.trigger_destinations = {.allowlist = {"hooks.internal.example"},
                                                      .resolve = dns.resolver()}});
  CHECK(f.service->CreateDeploymentGroup(GroupWithTrigger("b", "https://hooks.internal.example/x"))
            .ok());
  auto other = f.service->CreateDeploymentGroup(GroupWithTrigger("c", "http://localhost:9/x"));
  CHECK(other.status().code() == Code::kInvalidArgument);
  CHECK_THAT(other.status().message(),
             Catch::Contains("127.0.0.1, a loopback address"));
}

}  // namespace
}  // namespace berth::api
