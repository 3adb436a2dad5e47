#include "common/text/json_depth.h"

#include <catch2/catch.hpp>
#include <string>

#include "common/text/log_quote.h"

namespace berth::text {
namespace {

TEST_CASE("json depth: arrays and objects count, brackets inside strings do not") {
  CHECK(JsonDepth("{}") == 1);
  CHECK(JsonDepth(R"({"a":[1,{"b":[]}]})") == 4);
  CHECK(JsonDepth(R"({"a":"[[[[\"[[[["})") == 1);
  CHECK(JsonDepth("42") == 0);
  // A 200,000-deep body is measured without recursion and stops early.
  std::string deep(200000, '[');
  CHECK(JsonDepth(deep) == kMaxJsonDepth + 1);
  CHECK(JsonDepth(deep, 1000000) == 200000);
}

TEST_CASE("log quote: control characters are escaped and long text cut") {
  CHECK(QuoteForLog("/api/v1/x\n[error] forged") == R"("/api/v1/x\x0a[error] forged")");
  CHECK(QuoteForLog("a\"b\\c\x1b[31m") == R"("a\"b\\c\x1b[31m")");
  CHECK(QuoteForLog(std::string(300, 'x'), 4) == "\"xxxx\"...(300 bytes)");
}

}  // namespace
}  // namespace berth::text
