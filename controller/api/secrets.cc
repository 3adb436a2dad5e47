// The store of secrets (docs/api.md "Secrets"): values go in, names come out. Nothing
// here logs a value.
#include "controller/api/service.h"

namespace berth::api {
namespace {

constexpr size_t kMaxSecretBytes = 64 * 1024;

}  // namespace

Status Service::SetSecret(const std::string& name, const std::string& value) {
  RETURN_IF_ERROR(model::ValidateVariableName("secret", name));
  if (value.empty()) return InvalidArgument("secret \"" + name + "\" has an empty value");
  if (value.size() > kMaxSecretBytes) {
    return InvalidArgument("secret \"" + name + "\" is longer than 64 KiB");
  }
  if (value.find('\0') != std::string::npos) {
    return InvalidArgument("secret \"" + name + "\" has a NUL byte in its value");
  }
  model::Secret secret{name, value, clock_->NowMs(), clock_->NowMs()};
  return store_->Transact([&] { return store_->PutSecret(secret); });
}

Result<std::vector<model::Secret>> Service::ListSecrets() { return store_->ListSecrets(); }

Status Service::DeleteSecret(const std::string& name) {
  return store_->Transact([&] { return store_->DeleteSecret(name); });
}

Status Service::CheckHookOptions(const model::HookOptions& options) {
  RETURN_IF_ERROR(model::ValidateHookOptions(options));
  if (options.secret_names.empty()) return Status::Ok();
  ASSIGN_OR_RETURN(auto values, store_->GetSecretValues(options.secret_names));
  for (const std::string& name : options.secret_names) {
    if (values.count(name) == 0) {
      return NotFound("secret \"" + name +
                      "\" does not exist; an admin sets it with: berth "
                      "secret set " +
                      name);
    }
  }
  return Status::Ok();
}

}  // namespace berth::api
