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
  return req;
}

}  // namespace berth::agent
