#include "cli/progress_printer.h"

#include <algorithm>
#include <optional>
#include <sstream>

#include "cli/deployment_render.h"
#include "cli/json_fields.h"
#include "cli/progress_bar.h"
#include "cli/time_format.h"

namespace berth::cli {
namespace {

// Lines are "HH:MM:SS  " + text; diagnostics sit under the host name.
const std::string kDiagnosticsIndent(12, ' ');

std::string Pad(const std::string& text, size_t width) {
  return text.size() >= width ? text : text + std::string(width - text.size(), ' ');
}

}  // namespace

ProgressPrinter::ProgressPrinter(std::ostream& out, const Clock* clock, ProgressOptions options)
    : out_(out), clock_(clock), options_(options) {}

int64_t ProgressPrinter::TimeOr(const std::string& iso) const {
  std::optional<int64_t> ms = ParseIsoTime(iso);
  return ms ? *ms : clock_->NowMs();
}

std::string ProgressPrinter::ChangeFilter(const nlohmann::json& deployment) {
  if (mode_ == Mode::kUndecided) {
    const int64_t hosts = OverviewTotal(JsonObject(deployment, "deploymentOverview"));
    if (hosts > options_.max_host_lines) {
      mode_ = Mode::kBar;
    } else if (hosts > 0) {
      mode_ = Mode::kHosts;
    }
  }
  return mode_ == Mode::kBar ? "Failed" : "";
}

void ProgressPrinter::Update(const nlohmann::json& deployment,
                             const nlohmann::json& changed_targets) {
  ChangeFilter(deployment);
  std::vector<Line> lines;
  std::string status = JsonString(deployment, "status");
  if (status != deployment_status_ && !IsFinalDeploymentStatus(status)) {
    std::string when = status == "InProgress" ? JsonString(deployment, "startTime")
                                              : JsonString(deployment, "createTime");
    lines.push_back({TimeOr(when),
                     "deployment " + JsonString(deployment, "deploymentId") + " " + status + "\n"});
  }
  deployment_status_ = status;

  if (changed_targets.is_array()) {
    for (const auto& target : changed_targets) {
      name_width_ = std::max(name_width_, JsonString(target, "instanceName").size());
    }
    for (const auto& target : changed_targets) {
      if (mode_ == Mode::kBar) {
        AddFailure(target, &lines);
      } else {
        AddTargetChanges(target, &lines);
      }
    }
  }

  std::stable_sort(lines.begin(), lines.end(),
                   [](const Line& a, const Line& b) { return a.time_ms < b.time_ms; });
  if (!lines.empty()) ClearBar();
  for (const Line& line : lines) out_ << FormatClock(line.time_ms) << "  " << line.text;
  out_.flush();
  if (mode_ == Mode::kBar) ShowBar(deployment, IsFinalDeploymentStatus(status));
}

void ProgressPrinter::AddTargetChanges(const nlohmann::json& target, std::vector<Line>* lines) {
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
    lines->push_back({stamp(first_start), Pad(host, name_width_) + "  host InProgress\n"});
  }
  for (const auto& event : events) {
    std::string event_status = JsonString(event, "status");
    if (!IsFinalTargetStatus(event_status)) continue;
    if (event_status == "Skipped" && status == "Skipped") continue;
    std::string key = host + "\n" + JsonString(event, "lifecycleEventName");
    if (!events_printed_.insert(key).second) continue;
    std::ostringstream text;
    text << Pad(host, name_width_) << "  " << EventLine(event) << "\n";
    PrintEventDiagnostics(event, kDiagnosticsIndent, text);
    lines->push_back({stamp(JsonString(event, "endTime")), text.str()});
  }
  if (host_changed && status != "InProgress") {
    lines->push_back({stamp(last_end), Pad(host, name_width_) + "  host " + status + "\n"});
  }
  printed = status;
}

void ProgressPrinter::AddFailure(const nlohmann::json& target, std::vector<Line>* lines) {
  if (JsonString(target, "status") != "Failed") return;
  std::string host = JsonString(target, "instanceName");
  std::string& printed = host_status_[host];
  if (printed == "Failed") return;
  printed = "Failed";
  std::ostringstream text;
  std::string end;
  for (const auto& event : JsonArray(target, "lifecycleEvents")) {
    if (JsonString(event, "status") != "Failed") continue;
    text << host << "  " << EventLine(event) << "\n";
    PrintEventDiagnostics(event, kDiagnosticsIndent, text);
    end = JsonString(event, "endTime");
    break;
  }
  if (end.empty()) text << host << "  host Failed\n";  // stopped part-way: no event failed
  lines->push_back({TimeOr(end), text.str()});
}

void ProgressPrinter::ClearBar() {
  if (options_.terminal == nullptr || bar_shown_ == 0) return;
  *options_.terminal << "\r" << std::string(bar_shown_, ' ') << "\r" << std::flush;
  bar_shown_ = 0;
}

void ProgressPrinter::ShowBar(const nlohmann::json& deployment, bool final) {
  const std::string bar = RenderProgressBar(JsonObject(deployment, "deploymentOverview"));
  if (options_.terminal != nullptr) {
    ClearBar();
    *options_.terminal << bar << (final ? "\n" : "") << std::flush;
    bar_shown_ = final ? 0 : bar.size();
    return;
  }
  const int64_t now = clock_->NowMs();
  if (!final && last_bar_ms_ >= 0 && now - last_bar_ms_ < options_.bar_interval_ms) return;
  last_bar_ms_ = now;
  out_ << FormatClock(now) << "  " << bar << "\n" << std::flush;
}

void ProgressPrinter::PrintSummary(const nlohmann::json& deployment) {
  ClearBar();
  PrintDeploymentSummary(deployment, out_);
  out_.flush();
}

}  // namespace berth::cli
