// GET /api/v1/deployments/{id}/logs (docs/api.md "Deployment logs").
#include <cstdlib>

#include "common/time_format.h"
#include "controller/http/routes.h"

namespace berth::http {
namespace {

Result<int64_t> ParseAfterSeq(const std::string& text) {
  if (text.empty()) return int64_t{0};
  char* end = nullptr;
  long long value = std::strtoll(text.c_str(), &end, 10);
  if (*end != '\0' || value < 0) {
    return InvalidArgument("afterSeq \"" + text + "\" is not a non-negative integer");
  }
  return static_cast<int64_t>(value);
}

Json LineToJson(const store::EventLogLine& line) {
  return {{"seq", line.seq},
          {"instanceName", line.instance_name},
          {"lifecycleEventName", line.event_name},
          {"time", FormatIsoMs(line.time_ms)},
          {"stream", line.stream},
          {"text", line.text}};
}

}  // namespace

void RegisterEventLogRoutes(Router& router, api::EventLogs* logs) {
  router.Get(R"(/api/v1/deployments/([^/]+)/logs)",
             [logs](const httplib::Request& req) -> Result<Reply> {
               store::EventLogQuery q;
               q.deployment_id = req.matches[1];
               q.instance_name = req.get_param_value("instanceName");
               q.event_name = req.get_param_value("event");
               ASSIGN_OR_RETURN(q.after_seq, ParseAfterSeq(req.get_param_value("afterSeq")));
               ASSIGN_OR_RETURN(std::vector<store::EventLogLine> lines, logs->Read(q));
               Json list = Json::array();
               for (const auto& line : lines) list.push_back(LineToJson(line));
               int64_t next = lines.empty() ? q.after_seq : lines.back().seq;
               return Reply{200, {{"lines", list}, {"nextSeq", next}}};
             });
}

}  // namespace berth::http
