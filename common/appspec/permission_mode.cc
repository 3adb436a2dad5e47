#include "common/appspec/permission_mode.h"

namespace berth::appspec {

Result<int> ParsePermissionMode(const std::string& text) {
  if (text.empty()) {
    return InvalidArgument("mode is empty; give 1 to 4 octal digits, e.g. 644");
  }
  if (text.size() > 4) {
    return InvalidArgument("mode \"" + text + "\" has " + std::to_string(text.size()) +
                           " digits; at most 4 octal digits are allowed");
  }
  int mode = 0;
  for (char c : text) {
    if (c < '0' || c > '7') {
      return InvalidArgument("mode \"" + text + "\" contains '" + std::string(1, c) +
                             "', which is not an octal digit (0-7)");
    }
    mode = mode * 8 + (c - '0');
  }
  // Left-padding to 3 digits does not change the value: "12" is 012 either way.
  return mode;
}

}  // namespace berth::appspec
