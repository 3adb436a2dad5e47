// The REST API's JSON decoders on arbitrary bodies, as the router hands them over: the
// depth check first (nlohmann's parser recurses), then each decoder, the Alertmanager
// payload included. The first byte picks the decoder so one corpus covers them all.
#include <string>

#include "common/text/json_depth.h"
#include "controller/http/alertmanager.h"
#include "controller/http/json_model.h"
#include "tests/fuzz/fuzz_target.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size == 0) return 0;
  const uint8_t which = data[0];
  std::string body(reinterpret_cast<const char*>(data) + 1, size - 1);
  if (berth::text::JsonDepth(body) > berth::text::kMaxJsonDepth) return 0;
  berth::http::Json json = berth::http::Json::parse(body, nullptr, /*allow_exceptions=*/false);
  if (json.is_discarded()) return 0;
  switch (which % 5) {
    case 0: {
      auto alarms = berth::http::AlarmsFromAlertmanager(json);
      (void)alarms;
      break;
    }
    case 1: {
      berth::model::DeploymentGroup group;
      berth::Status s = berth::http::GroupSettingsFromJson(json, &group);
      (void)s;
      break;
    }
    case 2: {
      auto location = berth::http::RevisionLocationFromJson(json);
      (void)location;
      break;
    }
    case 3: {
      auto filters = berth::http::TagFiltersFromJson(json, "tagFilters");
      (void)filters;
      break;
    }
    default: {
      auto rollback = berth::http::AutoRollbackFromJson(json);
      (void)rollback;
      break;
    }
  }
  return 0;
}
