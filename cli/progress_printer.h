// Live progress of one deployment, fed by the waiter with each snapshot of
// GET /api/v1/deployments/{id} (status and counts) and the targets that changed since the
// previous one (GET .../targets?changedSince=). Every change is printed once.
//
// A deployment of at most `max_host_lines` hosts is followed host by host and event by
// event. A larger one gets a progress bar (counts by status; redrawn in place on a
// terminal, otherwise a line every `bar_interval_ms`) and one entry per failed host.
#pragma once

#include <map>
#include <nlohmann/json.hpp>
#include <ostream>
#include <set>
#include <string>
#include <vector>

#include "common/clock.h"

namespace berth::cli {

struct ProgressOptions {
  // Hosts up to which each host's events are printed.
  int64_t max_host_lines = 40;
  // The terminal, written to raw (it gets the bar's carriage returns); null when stdout
  // is not a terminal. Only text of our own goes here, never data from the server.
  std::ostream* terminal = nullptr;
  // Off a terminal, a bar line at most this often (and at the end).
  int64_t bar_interval_ms = 5000;
};

class ProgressPrinter {
 public:
  // `out`, `clock` and options.terminal must outlive the printer. The clock stamps lines
  // whose change carries no time of its own.
  ProgressPrinter(std::ostream& out, const Clock* clock, ProgressOptions options = {});

  // The status of the changed targets Update wants with `deployment`: "" every change,
  // or "Failed" (with a progress bar only failures are printed). Chooses between host
  // lines and the bar the first time the deployment has hosts.
  std::string ChangeFilter(const nlohmann::json& deployment);

  // Prints what `deployment` and `changed_targets` (each with its lifecycle events; a
  // target seen before may come again) show that earlier updates did not: the deployment
  // starting, a host starting or ending, an event ending (with the diagnostics and log
  // tail of a failed one). Lines of one update are ordered by their times.
  void Update(const nlohmann::json& deployment, const nlohmann::json& changed_targets);

  // The closing summary line (and error information) for a final snapshot.
  void PrintSummary(const nlohmann::json& deployment);

 private:
  enum class Mode { kUndecided, kHosts, kBar };
  struct Line {
    int64_t time_ms;
    std::string text;  // without the time; may span lines
  };

  void AddTargetChanges(const nlohmann::json& target, std::vector<Line>* lines);
  void AddFailure(const nlohmann::json& target, std::vector<Line>* lines);
  void ShowBar(const nlohmann::json& deployment, bool final);
  void ClearBar();
  int64_t TimeOr(const std::string& iso) const;

  std::ostream& out_;
  const Clock* clock_;
  ProgressOptions options_;
  Mode mode_ = Mode::kUndecided;
  std::string deployment_status_;
  size_t name_width_ = 0;                           // the longest host name seen
  std::map<std::string, std::string> host_status_;  // instance name -> last printed
  std::set<std::string> events_printed_;            // instance name + "\n" + event name
  size_t bar_shown_ = 0;                            // length of the bar on the terminal now
  int64_t last_bar_ms_ = -1;                        // off a terminal: when a bar was printed
};

}  // namespace berth::cli
