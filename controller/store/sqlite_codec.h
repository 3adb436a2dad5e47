// How SqliteStore encodes the model's composite values as column text: tags, tag sets and
// revision locations as JSON, enums by their model names. Decoding text that this code
// did not write (a damaged or foreign database) fails INTERNAL naming the column; nothing
// here throws.
#pragma once

#include <string>

#include "common/model/command.h"
#include "common/model/deployment.h"
#include "common/model/deployment_config.h"
#include "common/model/deployment_group.h"
#include "common/model/deployment_hooks.h"
#include "common/model/revision.h"
#include "common/model/tags.h"
#include "common/status.h"

namespace berth::store {

std::string EncodeTags(const model::Tags& tags);
Status DecodeTags(const std::string& json, model::Tags* out);

std::string EncodeTagSet(const model::TagSet& set);
Status DecodeTagSet(const std::string& json, model::TagSet* out);

std::string EncodeLocation(const model::RevisionLocation& location);
Status DecodeLocation(const std::string& json, model::RevisionLocation* out);

std::string EncodeAutoRollback(const model::AutoRollbackConfig& config);
Status DecodeAutoRollback(const std::string& json, model::AutoRollbackConfig* out);

std::string EncodeAlarmConfig(const model::AlarmConfig& config);
Status DecodeAlarmConfig(const std::string& json, model::AlarmConfig* out);

std::string EncodeTriggers(const std::vector<model::TriggerConfig>& triggers);
Status DecodeTriggers(const std::string& json, std::vector<model::TriggerConfig>* out);

// Waves: '' when there are none.
std::string EncodeRollout(const model::Rollout& rollout);
Status DecodeRollout(const std::string& json, model::Rollout* out);
std::string EncodeWaveProgress(const model::WaveProgress& progress);
Status DecodeWaveProgress(const std::string& json, model::WaveProgress* out);

std::string EncodeStringList(const std::vector<std::string>& list);
Status DecodeStringList(const std::string& json, std::vector<std::string>* out);

// Host-side settings (deployment_hooks.h); "" for none, and "" decodes to none.
std::string EncodeHookOptions(const model::HookOptions& options);
Status DecodeHookOptions(const std::string& json, model::HookOptions* out);
std::string EncodeHealthCheck(const model::HealthCheck& check);
Status DecodeHealthCheck(const std::string& json, model::HealthCheck* out);

// Parses a stored enum name with `parse` (a model::Parse* function); `column` names the
// column in the error.
template <typename E>
Status DecodeEnum(const std::string& name, bool (*parse)(const std::string&, E*), E* out,
                  const char* column) {
  if (parse(name, out)) return Status::Ok();
  return Internal(std::string("store: unknown value \"") + name + "\" in column " + column);
}

}  // namespace berth::store
