#include "common/byte_size.h"

#include <charconv>
#include <limits>

namespace berth {

Result<uint64_t> ParseByteSize(const std::string& text) {
  uint64_t value = 0;
  auto [ptr, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  const std::string unit(ptr, text.data() + text.size());
  if (ec != std::errc() || ptr == text.data()) {
    return InvalidArgument("\"" + text + "\" is not a size such as 64MiB, 512KiB or 1048576");
  }
  uint64_t scale = 0;
  if (unit.empty() || unit == "B") scale = 1;
  if (unit == "KiB") scale = uint64_t{1} << 10;
  if (unit == "MiB") scale = uint64_t{1} << 20;
  if (unit == "GiB") scale = uint64_t{1} << 30;
  if (scale == 0) {
    return InvalidArgument("\"" + text + "\" has an unknown unit (use B, KiB, MiB or GiB)");
  }
  if (value > std::numeric_limits<uint64_t>::max() / scale) {
    return InvalidArgument("\"" + text + "\" is too large");
  }
  return value * scale;
}

}  // namespace berth
