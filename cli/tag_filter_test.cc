#include "cli/tag_filter.h"

#include <catch2/catch.hpp>

namespace berth::cli {
namespace {

TEST_CASE("Tag flag K=V is KEY_AND_VALUE, split at the first '='", "[tag]") {
  auto filter = ParseTagFilter("env=prod");
  REQUIRE(filter.ok());
  CHECK(filter->key == "env");
  CHECK(filter->value == "prod");
  CHECK(filter->type == model::TagFilterType::kKeyAndValue);

  auto with_eq = ParseTagFilter("query=a=b");
  REQUIRE(with_eq.ok());
  CHECK(with_eq->key == "query");
  CHECK(with_eq->value == "a=b");
}

TEST_CASE("Tag flag K is KEY_ONLY and =V is VALUE_ONLY", "[tag]") {
  auto key_only = ParseTagFilter("canary");
  REQUIRE(key_only.ok());
  CHECK(key_only->key == "canary");
  CHECK(key_only->type == model::TagFilterType::kKeyOnly);

  auto value_only = ParseTagFilter("=prod");
  REQUIRE(value_only.ok());
  CHECK(value_only->value == "prod");
  CHECK(value_only->type == model::TagFilterType::kValueOnly);
}

TEST_CASE("bad --tag values are refused with the flag's text", "[tag]") {
  for (const char* bad : {"", "=", "env=", " env=prod", "env=prod "}) {
    auto filter = ParseTagFilter(bad);
    INFO("input: \"" << bad << "\"");
    REQUIRE_FALSE(filter.ok());
    CHECK(filter.status().code() == Code::kInvalidArgument);
    CHECK_THAT(filter.status().message(), Catch::Contains("--tag \"" + std::string(bad) + "\""));
  }
}

TEST_CASE("several --tag flags form one OR-list in API form", "[tag]") {
  auto list = ParseTagFilterList({"env=prod", "canary", "=web"});
  REQUIRE(list.ok());
  CHECK(*list == nlohmann::json::parse(R"([
    {"Key": "env", "Value": "prod", "Type": "KEY_AND_VALUE"},
    {"Key": "canary", "Value": "", "Type": "KEY_ONLY"},
    {"Key": "", "Value": "web", "Type": "VALUE_ONLY"}])"));
  CHECK(DescribeGroupTargets({{"onPremisesInstanceTagFilters", *list}}) ==
        "env=prod OR canary OR =web");

  auto bad = ParseTagFilterList({"env=prod", "="});
  REQUIRE_FALSE(bad.ok());
  CHECK(bad.status().code() == Code::kInvalidArgument);
}

TEST_CASE("a tag set is described as an AND of OR-lists", "[tag]") {
  nlohmann::json group = nlohmann::json::parse(R"({"onPremisesTagSet":
    {"onPremisesTagSetList": [
      [{"Key": "env", "Value": "prod", "Type": "KEY_AND_VALUE"},
       {"Key": "env", "Value": "stage", "Type": "KEY_AND_VALUE"}],
      [{"Key": "role", "Value": "", "Type": "KEY_ONLY"}]]}})");
  CHECK(DescribeGroupTargets(group) == "(env=prod OR env=stage) AND (role)");
}

}  // namespace
}  // namespace berth::cli
