#include "cli/tag_set.h"

#include <catch2/catch.hpp>

namespace berth::cli {
namespace {

TEST_CASE("group targets: --tag alone is one OR-list", "[tag]") {
  auto j = ParseGroupTargets({"env=prod", "role"}, {});
  REQUIRE(j.ok());
  CHECK(j->at("onPremisesInstanceTagFilters").size() == 2);
  CHECK_FALSE(j->contains("onPremisesTagSet"));
}

TEST_CASE("group targets: --tag-set lists are ANDed, --tag first", "[tag]") {
  auto j = ParseGroupTargets({"env=prod"}, {"role=web,role=api", "=blue"});
  REQUIRE(j.ok());
  const auto& lists = j->at("onPremisesTagSet").at("onPremisesTagSetList");
  REQUIRE(lists.size() == 3);
  CHECK(lists[0][0]["Key"] == "env");
  CHECK(lists[1].size() == 2);
  CHECK(lists[1][1]["Value"] == "api");
  CHECK(lists[2][0]["Type"] == "VALUE_ONLY");
}

TEST_CASE("group targets: bad tag sets are refused", "[tag]") {
  CHECK(ParseGroupTargets({}, {}).status().code() == Code::kInvalidArgument);
  CHECK(ParseGroupTargets({"a=1"}, {"b", "c", "d"}).status().code() == Code::kInvalidArgument);
  auto empty_item = ParseGroupTargets({}, {"env=prod,"});
  REQUIRE_FALSE(empty_item.ok());
  CHECK(empty_item.status().message().find("--tag-set \"env=prod,\"") == 0);
}

}  // namespace
}  // namespace berth::cli
