// A secret of the controller's store (berth secret set|list|delete): a value hooks get
// as BERTH_VAR_<NAME> when a deployment names it (--secret NAME), never shown by the API.
#pragma once

#include <string>

#include "common/model/application.h"

namespace berth::model {

struct Secret {
  std::string name;  // a variable name (deployment_hooks.h ValidateVariableName)
  std::string value;
  TimeMs create_time = 0;
  TimeMs update_time = 0;
};

}  // namespace berth::model
