#include "controller/deploy/targets.h"

#include <catch2/catch.hpp>

namespace berth::deploy {
namespace {

model::Instance Host(const std::string& name) {
  model::Instance i;
  i.id = "id-" + name;
  i.name = name;
  i.registration_status = "Registered";
  return i;
}

std::vector<std::string> Names(const std::vector<model::Instance>& instances) {
  std::vector<std::string> out;
  for (const auto& i : instances) out.push_back(i.name);
  return out;
}

TEST_CASE("Host order: failed last time, then outdated or new, then current", "[targets]") {
  using TS = model::TargetStatus;
  std::vector<store::GroupTargetRecord> history = {
      {"id-a", "d-1", "r-new", TS::kSucceeded},  // a: already on r-new
      {"id-b", "d-1", "r-old", TS::kSucceeded},  // b: on r-old
      {"id-c", "d-1", "r-old", TS::kSucceeded},
      {"id-c", "d-2", "r-new", TS::kFailed},   // c: failed last time
      {"id-d", "d-2", "r-new", TS::kSkipped},  // d: never attempted
      {"id-e", "d-1", "r-old", TS::kFailed},
      {"id-e", "d-2", "r-new", TS::kSucceeded},  // e: failed before, then succeeded
  };
  auto summary = SummarizeHistory(history);
  CHECK(summary["id-c"].failed_last_time);
  CHECK(summary["id-c"].current_revision_id == "r-old");
  CHECK_FALSE(summary["id-e"].failed_last_time);

  std::vector<model::Instance> hosts = {Host("a"), Host("b"), Host("c"),
                                        Host("d"), Host("e"), Host("f")};
  OrderTargets(hosts, summary, "r-new");
  CHECK(Names(hosts) == std::vector<std::string>{"c", "b", "d", "f", "a", "e"});
}

TEST_CASE("Target selection: registered instances matching the tag set", "[targets]") {
  model::DeploymentGroup group;
  group.tag_set = {{{"env", "prod", model::TagFilterType::kKeyAndValue}},
                   {{"role", "", model::TagFilterType::kKeyOnly}}};
  model::Instance web = Host("web"), db = Host("db"), gone = Host("gone"), dev = Host("dev");
  web.tags = {{"env", "prod"}, {"role", "web"}};
  db.tags = {{"env", "prod"}};
  gone.tags = web.tags;
  gone.registration_status = "Deregistered";
  dev.tags = {{"env", "dev"}, {"role", "web"}};
  CHECK(Names(SelectTargets(group, {web, db, gone, dev})) == std::vector<std::string>{"web"});
}

}  // namespace
}  // namespace berth::deploy
