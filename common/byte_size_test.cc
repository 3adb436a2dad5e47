#include "common/byte_size.h"

#include <catch2/catch.hpp>

namespace berth {
namespace {

TEST_CASE("ParseByteSize reads bytes, KiB, MiB and GiB") {
  CHECK(*ParseByteSize("1048576") == 1048576);
  CHECK(*ParseByteSize("100B") == 100);
  CHECK(*ParseByteSize("512KiB") == 512 * 1024);
  CHECK(*ParseByteSize("64MiB") == 64ull << 20);
  CHECK(*ParseByteSize("2GiB") == 2ull << 30);
  CHECK(ParseByteSize("64MB").status().message() ==
        "\"64MB\" has an unknown unit (use B, KiB, MiB or GiB)");
  CHECK(ParseByteSize("MiB").status().message() ==
        "\"MiB\" is not a size such as 64MiB, 512KiB or 1048576");
  CHECK(ParseByteSize("-1").status().code() == Code::kInvalidArgument);
  CHECK(ParseByteSize("99999999999GiB").status().message() == "\"99999999999GiB\" is too large");
}

}  // namespace
}  // namespace berth
