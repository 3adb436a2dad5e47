#include "common/random.h"

#include <catch2/catch.hpp>

namespace berth {
namespace {

TEST_CASE("time-ordered ids sort by their time and differ within one millisecond", "[random]") {
  const std::string a = TimeOrderedHex(0x0123456789ab, 6);
  CHECK(a.size() == 24);
  CHECK(a.substr(0, 12) == "0123456789ab");
  CHECK(a.find_first_not_of("0123456789abcdef") == std::string::npos);
  CHECK(TimeOrderedHex(0x0123456789ab, 6) != a);  // the random part
  CHECK(TimeOrderedHex(0x0123456789ac, 6) > a);
  CHECK(TimeOrderedHex(999, 6) < TimeOrderedHex(1000, 6));  // fixed width: 999 < 1000
  CHECK(TimeOrderedHex(-5, 2).substr(0, 12) == "000000000000");
}

}  // namespace
}  // namespace berth
