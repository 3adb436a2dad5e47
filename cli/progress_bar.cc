#include "cli/progress_bar.h"

#include "cli/json_fields.h"

namespace berth::cli {

int64_t OverviewTotal(const nlohmann::json& overview) {
  int64_t total = 0;
  for (const char* status : {"Pending", "InProgress", "Succeeded", "Failed", "Skipped", "Unknown"}) {
    total += JsonInt(overview, status);
  }
  return total;
}

std::string RenderProgressBar(const nlohmann::json& overview, int width) {
  const int64_t total = OverviewTotal(overview);
  const int64_t succeeded = JsonInt(overview, "Succeeded");
  const int64_t failed = JsonInt(overview, "Failed");
  const int64_t skipped = JsonInt(overview, "Skipped");
  const int64_t done = succeeded + failed + skipped + JsonInt(overview, "Unknown");
  const int64_t filled = total > 0 ? done * width / total : 0;
  const int64_t percent = total > 0 ? done * 100 / total : 0;
  std::string bar = "[" + std::string(filled, '#') + std::string(width - filled, '.') + "]";
  std::string pct = std::to_string(percent) + "%";
  if (pct.size() < 4) pct = std::string(4 - pct.size(), ' ') + pct;
  return bar + " " + pct + "  " + std::to_string(done) + "/" + std::to_string(total) +
         " hosts done: " + std::to_string(succeeded) + " succeeded, " + std::to_string(failed) +
         " failed, " + std::to_string(skipped) + " skipped; " +
         std::to_string(JsonInt(overview, "InProgress")) + " in progress, " +
         std::to_string(JsonInt(overview, "Pending")) + " pending";
}

}  // namespace berth::cli
