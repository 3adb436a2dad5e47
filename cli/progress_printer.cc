#include "cli/progress_printer.h"

#include <algorithm>
#include <optional>
#include <sstream>
#include <vector>

#include "cli/deployment_render.h"
#include "cli/json_fields.h"
#include "cli/time_format.h"

namespace berth::cli {
namespace {

// Lines are "HH:MM:SS  " + text; diagnostics sit under the host name.
const std::string kDiagnosticsIndent(12, ' ');

std::string Pad(const std::string& text, size_t width) {
  return text.size() >= width ? text : text + std::string(width - text.size(), ' ');
}

}  // namespace

ProgressPrinter::ProgressPrinter(std::ostream& out, const Clock* clock)
    : out_(out), clock_(clock) {}

int64_t ProgressPrinter::TimeOr(const std::string& iso) const {
  std::optional<int64_t> ms = ParseIsoTime(iso);
  return ms ? *ms : clock_->NowMs();
}

void ProgressPrinter::Update(const nlohmann::json& deployment) {
  std::vector<Line> lines;
  std::string status = JsonString(deployment, "status");
  if (status != deployment_status_ && !IsFinalDeploymentStatus(status)) {
    std::string when = status == "InProgress" ? JsonString(deployment, "startTime")
                                              : JsonString(deployment, "createTime");
    lines.push_back({TimeOr(when),
                     "deployment " + JsonString(deployment, "deploymentId") + " " + status + "\n"});
  }
  deployment_status_ = status;

  const nlohmann::json& targets = JsonArray(deployment, "targets");
  size_t name_width = 0;
  for (const auto& target : targets) {
    name_width = std::max(name_width, JsonString(target, "instanceName").size());
  }
  for (const auto& target : targets) AddTargetChanges(target, name_width, &lines);

  std::stable_sort(lines.begin(), lines.end(),
                   [](const Line& a, const Line& b) { return a.time_ms < b.time_ms; });
  for (const Line& line : lines) out_ << FormatClock(line.time_ms) << "  " << line.text;
  out_.flush();
}

void ProgressPrinter::AddTargetChanges(const nlohmann::json& target, size_t name_width,
                                       std::vector<Line>* lines) {
  std::string host = JsonString(target, "instanceName");
  std::string status = JsonString(target, "status");
  const nlohmann::json& events = JsonArray(target, "lifecycleEvents");
  std::string first_start, last_end;
  for (const auto& event : events) {
    if (first_start.empty()) first_start = JsonString(event, "startTime");
    std::string end = JsonString(event, "endTime");
    if (!end.empty()) last_end = end;
  }

  // A host's lines keep their order: a line without a time of its own (a skipped
  // event) takes the time of the line before it.
  std::optional<int64_t> cursor;
  auto stamp = [&](const std::string& iso) {
    std::optional<int64_t> t = ParseIsoTime(iso);
    if (!t) t = cursor ? *cursor : clock_->NowMs();
    if (cursor && *t < *cursor) t = cursor;
    cursor = t;
    return *t;
  };
  std::string& printed = host_status_[host];
  bool host_changed = status != printed && status != "Pending";
  if (host_changed && status == "InProgress") {
    lines->push_back({stamp(first_start), Pad(host, name_width) + "  host InProgress\n"});
  }
  for (const auto& event : events) {
    std::string event_status = JsonString(event, "status");
    if (!IsFinalTargetStatus(event_status)) continue;
    if (event_status == "Skipped" && status == "Skipped") continue;
    std::string key = host + "\n" + JsonString(event, "lifecycleEventName");
    if (!events_printed_.insert(key).second) continue;
    std::ostringstream text;
    text << Pad(host, name_width) << "  " << EventLine(event) << "\n";
    PrintEventDiagnostics(event, kDiagnosticsIndent, text);
    lines->push_back({stamp(JsonString(event, "endTime")), text.str()});
  }
  if (host_changed && status != "InProgress") {
    lines->push_back({stamp(last_end), Pad(host, name_width) + "  host " + status + "\n"});
  }
  printed = status;
}

void ProgressPrinter::PrintSummary(const nlohmann::json& deployment) {
  PrintDeploymentSummary(deployment, out_);
  out_.flush();
}

}  // namespace berth::cli
