#include "common/config/validators.h"

#include "common/byte_size.h"
#include "common/duration.h"

namespace berth::config {

CLI::Validator Duration() {
  return CLI::Validator(
      [](std::string& value) -> std::string {
        auto ms = ParseDurationMs(value);
        return ms.ok() ? "" : ms.status().message();
      },
      "DURATION");
}

CLI::Validator ByteSize() {
  return CLI::Validator(
      [](std::string& value) -> std::string {
        auto bytes = ParseByteSize(value);
        return bytes.ok() ? "" : bytes.status().message();
      },
      "SIZE");
}

CLI::Validator KeyValue() {
  return CLI::Validator(
      [](std::string& value) -> std::string {
        const size_t eq = value.find('=');
        return eq == std::string::npos || eq == 0 ? "\"" + value + "\" is not KEY=VALUE" : "";
      },
      "KEY=VALUE");
}

}  // namespace berth::config
