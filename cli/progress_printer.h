// Live progress of one deployment, rendered from successive snapshots of
// GET /api/v1/deployments/{id}: every change is printed once, host by host and event by
// event, as it is first seen.
#pragma once

#include <map>
#include <nlohmann/json.hpp>
#include <ostream>
#include <set>
#include <string>

#include "common/clock.h"

namespace berth::cli {

class ProgressPrinter {
 public:
  // `out` and `clock` must outlive the printer. The clock stamps lines whose change
  // carries no time of its own.
  ProgressPrinter(std::ostream& out, const Clock* clock);

  // Prints what `deployment` shows that earlier snapshots did not: the deployment
  // starting, a host starting or ending, an event ending (with the diagnostics and log
  // tail of a failed one). Lines of one snapshot are ordered by their times.
  void Update(const nlohmann::json& deployment);

  // The closing summary line (and error information) for a final snapshot.
  void PrintSummary(const nlohmann::json& deployment);

 private:
  struct Line {
    int64_t time_ms;
    std::string text;  // without the time; may span lines
  };

  void AddTargetChanges(const nlohmann::json& target, size_t name_width, std::vector<Line>* lines);
  int64_t TimeOr(const std::string& iso) const;

  std::ostream& out_;
  const Clock* clock_;
  std::string deployment_status_;
  std::map<std::string, std::string> host_status_;  // instance name -> last printed
  std::set<std::string> events_printed_;            // instance name + "\n" + event name
};

}  // namespace berth::cli
