// Berth's model as CodeDeploy's output shapes (botocore's service-2.json): every member
// written here is a member of the shape, with its type. Timestamps are epoch seconds.
#pragma once

#include <optional>

#include "common/model/application.h"
#include "common/model/deployment.h"
#include "common/model/deployment_config.h"
#include "common/model/deployment_group.h"
#include "common/model/instance.h"
#include "common/model/revision.h"
#include "controller/codedeploy/outcome.h"

namespace berth::codedeploy {

Json ApplicationInfo(const model::Application& app);
// `last_success`: the group's last successful deployment, when it has one.
Json DeploymentGroupInfo(const model::DeploymentGroup& group,
                         const model::Deployment* last_success);
Json DeploymentConfigInfo(const model::DeploymentConfig& config);
// S3 and GitHub locations; nullopt for Berth's own kinds (store, https), which have no
// CodeDeploy shape.
std::optional<Json> RevisionLocation(const model::RevisionLocation& location);
Json DeploymentInfo(const model::Deployment& deployment, const model::DeploymentOverview& overview);
Json InstanceInfo(const model::Instance& instance);
// A target as InstanceSummary (ListDeploymentInstances' world) or as InstanceTarget.
Json InstanceSummary(const model::Target& target);
Json InstanceTarget(const model::Target& target);

// True when both name the same bundle (type and its location fields).
bool SameLocation(const model::RevisionLocation& a, const model::RevisionLocation& b);

}  // namespace berth::codedeploy
