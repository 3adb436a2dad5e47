#pragma once

#include <string>

#include "common/model/application.h"
#include "common/model/tags.h"

namespace berth::model {

struct DeploymentGroup {
  std::string id;
  std::string application_id;
  std::string application_name;
  std::string name;
  std::string config_name;
  // Target selection: a tag set (AND of OR-lists). A plain filter list is a set of one.
  TagSet tag_set;
  std::string file_exists_behavior = "DISALLOW";
  std::string last_successful_deployment_id;
  TimeMs create_time = 0;
};

}  // namespace berth::model
