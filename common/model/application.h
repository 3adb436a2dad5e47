#pragma once

#include <cstdint>
#include <string>

namespace berth::model {

// Times are Unix epoch milliseconds throughout the model.
using TimeMs = int64_t;

struct Application {
  std::string id;
  std::string name;
  TimeMs create_time = 0;
};

}  // namespace berth::model
