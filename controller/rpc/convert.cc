#include "controller/rpc/convert.h"

namespace berth::rpc {

grpc::Status ToGrpc(const Status& status) {
  if (status.ok()) return grpc::Status::OK;
  return grpc::Status(static_cast<grpc::StatusCode>(status.code()), status.message());
}

void ToProto(const deploy::DispatchedCommand& dc, v1::HostCommand* out) {
  const model::Deployment& d = dc.deployment;
  out->set_command_id(dc.command.id);
  out->set_lifecycle_event(dc.command.event_name);
  v1::DeploymentSpec* spec = out->mutable_deployment();
  spec->set_deployment_id(d.id);
  spec->set_application_name(d.application_name);
  spec->set_deployment_group_name(d.group_name);
  spec->set_deployment_group_id(d.group_id);
  spec->set_file_exists_behavior(d.file_exists_behavior);
  spec->set_ignore_application_stop_failures(d.ignore_application_stop_failures);
  v1::RevisionLocation* r = spec->mutable_revision();
  const model::RevisionLocation& loc = d.revision;
  // An S3 location in one of the controller's own buckets was resolved to its blob at
  // registration: agents fetch that from the controller, needing no S3 credentials.
  const bool own_bucket = loc.type == model::RevisionType::kS3 && !loc.sha256.empty();
  r->set_type(model::RevisionTypeName(own_bucket ? model::RevisionType::kStore : loc.type));
  r->set_bundle_type(model::BundleTypeName(loc.bundle_type));
  r->set_sha256(loc.sha256);
  r->set_bucket(loc.bucket);
  r->set_key(loc.key);
  r->set_version(loc.version);
  r->set_etag(loc.etag);
  r->set_repository(loc.repository);
  r->set_commit_id(loc.commit_id);
  r->set_url(loc.url);
  for (const model::Variable& v : dc.variables) {
    v1::DeploymentVariable* out_var = spec->add_variables();
    out_var->set_name(v.name);
    out_var->set_value(v.value);
    out_var->set_secret(v.secret);
    out_var->set_missing(v.missing);
  }
  if (d.hooks.health_check.enabled()) {
    v1::HealthCheckSpec* check = spec->mutable_health_check();
    check->set_url(d.hooks.health_check.url);
    check->set_timeout_ms(d.hooks.health_check.timeout_ms);
    check->set_interval_ms(d.hooks.health_check.interval_ms);
  }
  spec->set_restart(d.hooks.mode == model::DeploymentMode::kRestart);
}

model::Diagnostics FromProto(const v1::Diagnostics& d) {
  return {d.error_code(), d.script_name(), d.message(), d.log_tail()};
}

}  // namespace berth::rpc
