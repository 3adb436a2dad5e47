// Column encodings of the rollout limits (migration 0013): failure budgets as their text
// ("", "3", "10%") and a deployment's freeze record as JSON.
#pragma once

#include <optional>
#include <string>

#include "common/model/deployment.h"
#include "common/model/failure_budget.h"
#include "common/status.h"

namespace berth::store {

std::string EncodeBudget(const std::optional<model::FailureBudget>& budget);
// INTERNAL naming `column` for text that is not a budget.
Status DecodeBudget(const std::string& text, std::optional<model::FailureBudget>* out,
                    const char* column);

std::string EncodeFreezeRecord(const model::FreezeRecord& record);  // "" when empty
Status DecodeFreezeRecord(const std::string& json, model::FreezeRecord* out);

}  // namespace berth::store
