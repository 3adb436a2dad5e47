#include "common/model/tags.h"

#include <catch2/catch.hpp>

namespace berth::model {
namespace {

TEST_CASE("Tag filters: each type, OR within a list, AND across a set") {
  Tags tags = {{"env", "prod"}, {"role", "web"}};
  CHECK(Matches(TagFilter{"env", "prod", TagFilterType::kKeyAndValue}, tags));
  CHECK_FALSE(Matches(TagFilter{"env", "dev", TagFilterType::kKeyAndValue}, tags));
  CHECK(Matches(TagFilter{"role", "", TagFilterType::kKeyOnly}, tags));
  CHECK_FALSE(Matches(TagFilter{"zone", "", TagFilterType::kKeyOnly}, tags));
  CHECK(Matches(TagFilter{"", "web", TagFilterType::kValueOnly}, tags));
  CHECK_FALSE(Matches(TagFilter{"", "db", TagFilterType::kValueOnly}, tags));

  TagFilterList either = {{"env", "dev", TagFilterType::kKeyAndValue},
                          {"role", "web", TagFilterType::kKeyAndValue}};
  CHECK(Matches(either, tags));
  TagSet both = {either, {{"env", "dev", TagFilterType::kKeyAndValue}}};
  CHECK_FALSE(Matches(both, tags));
  CHECK(Matches(TagSet{either, {{"env", "", TagFilterType::kKeyOnly}}}, tags));
  CHECK_FALSE(Matches(TagSet{}, tags));
}

}  // namespace
}  // namespace berth::model
