#include "common/random.h"
#include "common/sha256.h"
#include "controller/api/service.h"

namespace berth::api {

Result<std::vector<model::Instance>> Service::ListInstances() {
  ASSIGN_OR_RETURN(std::vector<model::Instance> instances, store_->ListInstances());
  MarkUnreachable(instances);
  return instances;
}

Result<model::Instance> Service::GetInstance(const std::string& name) {
  ASSIGN_OR_RETURN(model::Instance instance, store_->GetInstanceByName(name));
  std::vector<model::Instance> one = {instance};
  MarkUnreachable(one);
  return one.front();
}

Result<Enrollment> Service::Enroll(const EnrollRequest& request) {
  RETURN_IF_ERROR(ValidateName("instance name", request.name));
  for (const auto& [key, value] : request.tags) {
    if (key.empty()) return InvalidArgument("instance tag with value \"" + value + "\" has no key");
  }
  Enrollment out;
  out.credential = RandomHex(32);
  const std::string hash = Sha256Hex(out.credential);
  const model::TimeMs now = clock_->NowMs();
  Status s = store_->Transact([&]() -> Status {
    auto existing = store_->GetInstanceByName(request.name);
    if (existing.ok()) {
      out.instance = *existing;
    } else if (existing.status().code() == Code::kNotFound) {
      out.instance.id = RandomUuid();
      out.instance.name = request.name;
      out.instance.register_time = now;
    } else {
      return existing.status();
    }
    out.instance.tags = request.tags;
    out.instance.agent_version = request.agent_version;
    out.instance.registration_status = "Registered";
    out.instance.last_seen = now;
    if (existing.ok()) {
      RETURN_IF_ERROR(store_->UpdateInstance(out.instance, hash));
    } else {
      RETURN_IF_ERROR(store_->CreateInstance(out.instance, hash));
    }
    // In the same transaction: a host that joins a group is never left without its
    // automatic update.
    return engine_->UpdateNewInstance(out.instance.id).status();
  });
  if (!s.ok()) return s;
  return out;
}

Result<model::Instance> Service::AuthenticateAgent(const std::string& credential) {
  if (credential.empty()) return Unauthenticated("missing agent credential");
  auto instance = store_->GetInstanceByCredentialHash(Sha256Hex(credential));
  if (!instance.ok()) {
    if (instance.status().code() == Code::kNotFound) {
      return Unauthenticated("unknown agent credential; enroll again");
    }
    return instance.status();
  }
  if (instance->registration_status != "Registered") {
    return Unauthenticated("instance \"" + instance->name + "\" is deregistered");
  }
  if (liveness_ != nullptr) {
    liveness_->Touch(instance->id, clock_->NowMs());
  } else {
    RETURN_IF_ERROR(store_->TouchInstance(instance->id, clock_->NowMs()));
  }
  return instance;
}

}  // namespace berth::api
