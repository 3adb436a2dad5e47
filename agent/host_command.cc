#include "agent/host_command.h"

namespace berth::agent {
namespace {

model::RevisionLocation FromProto(const v1::RevisionLocation& r) {
  model::RevisionLocation loc;
  model::ParseRevisionType(r.type(), &loc.type);
  model::ParseBundleType(r.bundle_type(), &loc.bundle_type);
  loc.sha256 = r.sha256();
  loc.bucket = r.bucket();
  loc.key = r.key();
  loc.version = r.version();
  loc.etag = r.etag();
  loc.repository = r.repository();
  loc.commit_id = r.commit_id();
  loc.url = r.url();
  return loc;
}

}  // namespace

EventRequest EventRequestFromProto(const v1::HostCommand& c) {
  EventRequest req;
  req.command_id = c.command_id();
  req.event = c.lifecycle_event();
  const v1::DeploymentSpec& d = c.deployment();
  req.deployment.deployment_id = d.deployment_id();
  req.deployment.application_name = d.application_name();
  req.deployment.group_name = d.deployment_group_name();
  req.deployment.group_id = d.deployment_group_id();
  req.deployment.revision = FromProto(d.revision());
  req.deployment.file_exists_behavior = d.file_exists_behavior();
  req.deployment.ignore_application_stop_failures = d.ignore_application_stop_failures();
  for (const v1::DeploymentVariable& v : d.variables()) {
    req.deployment.variables.push_back({v.name(), v.value(), v.secret(), v.missing()});
  }
  req.deployment.health_check.url = d.health_check().url();
  req.deployment.health_check.timeout_ms = d.health_check().timeout_ms();
  req.deployment.health_check.interval_ms = d.health_check().interval_ms();
  req.deployment.restart = d.restart();
  return req;
}

}  // namespace berth::agent
