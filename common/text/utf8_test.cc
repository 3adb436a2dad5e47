#include "common/text/utf8.h"

#include <catch2/catch.hpp>

namespace berth::text {
namespace {

TEST_CASE("utf8: valid text is unchanged, ill-formed bytes become U+FFFD") {
  CHECK(ToValidUtf8("plain ascii") == "plain ascii");
  CHECK(ToValidUtf8("caf\xC3\xA9 \xE2\x82\xAC \xF0\x9F\x98\x80") ==
        "caf\xC3\xA9 \xE2\x82\xAC \xF0\x9F\x98\x80");
  CHECK(ToValidUtf8("bin \xFF\xFE end") == "bin \xEF\xBF\xBD\xEF\xBF\xBD end");
  CHECK(ToValidUtf8("\xC0\xAF") == "\xEF\xBF\xBD\xEF\xBF\xBD");      // overlong "/"
  CHECK(ToValidUtf8("\xED\xA0\x80") == "\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD");  // surrogate
  CHECK(ToValidUtf8("\xE2\x82") == "\xEF\xBF\xBD");  // truncated: one maximal subpart
  CHECK(ToValidUtf8("\xF4\x90\x80\x80") ==            // past U+10FFFF
        "\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD");
  CHECK(ToValidUtf8(std::string("a\0b", 3)) == std::string("a\0b", 3));
  CHECK(IsValidUtf8(ToValidUtf8("\x80\xBF\xC2")));
  CHECK_FALSE(IsValidUtf8("\xFF"));
}

}  // namespace
}  // namespace berth::text
