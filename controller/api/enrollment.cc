// Service: how agents join and prove who they are (DESIGN.md 7, docs/security.md).
#include "common/pki/join_token.h"
#include "common/random.h"
#include "common/secrets.h"
#include "common/sha256.h"
#include "controller/api/service.h"
#include "controller/tls/certificate_authority.h"

namespace berth::api {
namespace {

constexpr char kRegistered[] = "Registered";
constexpr char kDeregistered[] = "Deregistered";

// Registered ahead of its agent (Service::RegisterInstance) and not enrolled since.
bool AwaitsAgent(const model::Instance& i) {
  return i.registration_status == kRegistered && i.agent_version.empty() && i.last_seen == 0;
}

}  // namespace

void Service::SetAgentSecurity(AgentSecurity security) { agent_security_ = std::move(security); }

void Service::SetDeregisteredCallback(std::function<void(const std::string&)> callback) {
  on_deregistered_ = std::move(callback);
}

Result<std::optional<model::JoinTokenRecord>> Service::UseEnrollToken(const std::string& token) {
  if (token.empty()) return Unauthenticated("no enrollment token given (--join-token)");
  std::string id, secret;
  if (!pki::SplitEnrollSecret(token, &id, &secret)) {
    if (SecretEquals(token, agent_security_.bootstrap_token)) {
      return std::optional<model::JoinTokenRecord>();
    }
    return Unauthenticated(agent_security_.bootstrap_token.empty()
                               ? "wrong enrollment token (the bootstrap token is turned off: "
                                 "use a join token)"
                               : "wrong enrollment token");
  }
  auto found = store_->GetJoinToken(id);
  if (!found.ok()) {
    if (found.status().code() == Code::kNotFound) {
      return Unauthenticated("join token " + id + " does not exist");
    }
    return found.status();
  }
  auto& [record, secret_hash] = *found;
  if (!SecretEquals(Sha256Hex(secret), secret_hash)) {
    return Unauthenticated("join token " + id + " has a wrong secret");
  }
  const model::TimeMs now = clock_->NowMs();
  if (record.revoke_time != 0) return Unauthenticated("join token " + id + " was revoked");
  if (record.expire_time != 0 && now >= record.expire_time) {
    return Unauthenticated("join token " + id + " expired");
  }
  if (record.max_uses != 0 && record.uses >= record.max_uses) {
    return Unauthenticated("join token " + id + " is used up (" + std::to_string(record.uses) +
                           " of " + std::to_string(record.max_uses) + " uses)");
  }
  RETURN_IF_ERROR(store_->CountJoinTokenUse(id));
  ++record.uses;
  return std::optional<model::JoinTokenRecord>(record);
}

bool Service::ProvesIdentity(const model::Instance& instance, const EnrollRequest& request) {
  // An instance that has no certificate yet (enrolled in --insecure mode, or before
  // Berth had TLS) proves itself with its credential, once: it then gets one.
  if (agent_security_.authority != nullptr && !instance.cert_serial.empty()) {
    if (request.presented_cert_pem.empty()) return false;
    auto cert = agent_security_.authority->VerifyClientCertificate(request.presented_cert_pem);
    return cert.ok() && cert->common_name == instance.id && cert->serial == instance.cert_serial;
  }
  if (request.presented_credential.empty()) return false;
  auto owner = store_->GetInstanceByCredentialHash(Sha256Hex(request.presented_credential));
  return owner.ok() && owner->id == instance.id;
}

Result<Enrollment> Service::Enroll(const EnrollRequest& request) {
  Enrollment out;
  const model::TimeMs now = clock_->NowMs();
  Status s = store_->Transact([&]() -> Status {
    ASSIGN_OR_RETURN(std::optional<model::JoinTokenRecord> join, UseEnrollToken(request.token));
    RETURN_IF_ERROR(ValidateName("instance name", request.name));
    if (join && !join->name_prefix.empty() && request.name.rfind(join->name_prefix, 0) != 0) {
      return PermissionDenied("join token " + join->id + " enrolls only names starting with \"" +
                              join->name_prefix + "\", not \"" + request.name + "\"");
    }
    auto existing = store_->GetInstanceByName(request.name);
    if (!existing.ok() && existing.status().code() != Code::kNotFound) return existing.status();
    const bool claims = existing.ok() && AwaitsAgent(*existing);
    if (existing.ok() && existing->registration_status == kRegistered && !claims &&
        !ProvesIdentity(*existing, request)) {
      return AlreadyExists("instance \"" + request.name + "\" is already registered (" +
                           existing->id +
                           "). Its own agent re-enrolls with its current certificate; to enroll "
                           "another host under this name, first run: berth instance deregister " +
                           request.name);
    }
    if (agent_security_.authority != nullptr && request.csr_pem.empty()) {
      return InvalidArgument(
          "enrollment needs a certificate request: this controller uses TLS "
          "(an agent started with --insecure sends none)");
    }
    // An instance registered ahead keeps the tags given it meanwhile; the agent's add to them.
    model::Tags tags = claims ? existing->tags : model::Tags();
    for (const auto& [key, value] : request.tags) tags[key] = value;
    if (join) {
      for (const auto& [key, value] : join->tags) tags[key] = value;  // bound tags win
    }
    for (const auto& [key, value] : tags) {
      if (key.empty())
        return InvalidArgument("instance tag with value \"" + value + "\" has no key");
    }
    if (existing.ok()) {
      out.instance = *existing;
    } else {
      out.instance.id = RandomUuid();
      out.instance.name = request.name;
      out.instance.register_time = now;
    }
    out.instance.tags = tags;
    out.instance.agent_version = request.agent_version;
    out.instance.registration_status = kRegistered;
    out.instance.last_seen = now;
    out.instance.cert_serial.clear();
    out.instance.cert_not_after = 0;
    if (agent_security_.authority != nullptr) {
      ASSIGN_OR_RETURN(
          tls::IssuedCertificate cert,
          agent_security_.authority->IssueClientCertificate(request.csr_pem, out.instance.id));
      out.certificate_pem = cert.cert_pem;
      out.instance.cert_serial = cert.info.serial;
      out.instance.cert_not_after = cert.info.not_after_ms;
    }
    out.credential = RandomHex(32);
    const std::string hash = Sha256Hex(out.credential);
    if (existing.ok()) {
      RETURN_IF_ERROR(store_->UpdateInstance(out.instance, hash));
    } else {
      RETURN_IF_ERROR(store_->CreateInstance(out.instance, hash));
    }
    RETURN_IF_ERROR(store_->SetInstanceCertificate(out.instance.id, out.instance.cert_serial,
                                                   out.instance.cert_not_after));
    // In the same transaction: a host that joins a group is never left without its
    // automatic update.
    return engine_->UpdateNewInstance(out.instance.id).status();
  });
  if (!s.ok()) return s;
  return out;
}

AgentProof Service::ProveAgent(const std::string& credential, const std::string& cert_pem) const {
  AgentProof proof;
  if (!credential.empty()) proof.credential_hash = Sha256Hex(credential);
  proof.cert_given = !cert_pem.empty();
  if (agent_security_.authority != nullptr && proof.cert_given) {
    auto cert = agent_security_.authority->VerifyClientCertificate(cert_pem);
    if (cert.ok()) {
      proof.cert = *std::move(cert);
    } else {
      proof.cert_status = cert.status();
    }
  }
  return proof;
}

Result<model::Instance> Service::AuthenticateAgent(const AgentProof& proof) {
  if (proof.credential_hash.empty()) return Unauthenticated("missing agent credential");
  auto instance = store_->GetInstanceByCredentialHash(proof.credential_hash);
  if (!instance.ok()) {
    if (instance.status().code() == Code::kNotFound) {
      return Unauthenticated("this controller knows no instance with this agent's credential");
    }
    return instance.status();
  }
  if (instance->registration_status != kRegistered) {
    return PermissionDenied("instance deregistered: \"" + instance->name +
                            "\" was deregistered on the controller");
  }
  if (agent_security_.authority != nullptr) {
    const std::string who = "instance \"" + instance->name + "\" (" + instance->id + ")";
    if (!proof.cert_given) {
      return Unauthenticated("a client certificate is required: every call but Enroll is mTLS");
    }
    if (!proof.cert_status.ok()) {
      return Unauthenticated("client certificate of " + who + ": " + proof.cert_status.message());
    }
    if (proof.cert.common_name != instance->id) {
      return Unauthenticated("the client certificate names instance " + proof.cert.common_name +
                             ", not the credential's " + who);
    }
    if (proof.cert.serial != instance->cert_serial) {
      return Unauthenticated("the client certificate of " + who +
                             " is not its current one (it was renewed or re-issued)");
    }
  }
  if (liveness_ != nullptr) {
    liveness_->Touch(instance->id, clock_->NowMs());
  } else {
    RETURN_IF_ERROR(store_->TouchInstance(instance->id, clock_->NowMs()));
  }
  return instance;
}

Result<std::string> Service::RenewAgentCertificate(const model::Instance& instance,
                                                   const std::string& csr_pem) {
  if (agent_security_.authority == nullptr) {
    return FailedPrecondition("this controller runs with --insecure: it issues no certificates");
  }
  ASSIGN_OR_RETURN(tls::IssuedCertificate cert,
                   agent_security_.authority->IssueClientCertificate(csr_pem, instance.id));
  RETURN_IF_ERROR(
      store_->SetInstanceCertificate(instance.id, cert.info.serial, cert.info.not_after_ms));
  return cert.cert_pem;
}

Result<model::Instance> Service::RegisterInstance(const std::string& name) {
  model::Instance instance;
  RETURN_IF_ERROR(ValidateName("instance name", name));
  Status s = store_->Transact([&]() -> Status {
    auto existing = store_->GetInstanceByName(name);
    if (!existing.ok() && existing.status().code() != Code::kNotFound) return existing.status();
    if (existing.ok()) {
      return AlreadyExists("instance \"" + name + "\" is already " +
                           (existing->registration_status == kRegistered
                                ? "registered (" + existing->id + ")"
                                : "known (" + existing->id +
                                      ", Deregistered); an agent that enrolls under the name "
                                      "takes it over"))
          .WithReason(Reason::kInstance);
    }
    instance.id = RandomUuid();
    instance.name = name;
    instance.registration_status = kRegistered;
    instance.register_time = clock_->NowMs();
    // No credential yet: the first agent that enrolls under this name claims it.
    return store_->CreateInstance(instance, "");
  });
  if (!s.ok()) return s;
  return instance;
}

Result<model::Instance> Service::DeregisterInstance(const std::string& name) {
  model::Instance instance;
  Status s = store_->Transact([&]() -> Status {
    ASSIGN_OR_RETURN(instance, store_->GetInstanceByName(name));
    if (instance.registration_status == kDeregistered) {
      return FailedPrecondition("instance \"" + name + "\" is already deregistered");
    }
    instance.registration_status = kDeregistered;
    // The credential hash stays, so that the agent's next call is told why it is refused.
    RETURN_IF_ERROR(store_->SetInstanceCertificate(instance.id, "", 0));
    RETURN_IF_ERROR(store_->SetInstanceRegistration(instance.id, kDeregistered));
    // Its parked poll ends once this is committed, never under the store lock.
    if (on_deregistered_) {
      store_->OnCommit([this, id = instance.id] { on_deregistered_(id); }, nullptr);
    }
    return Status::Ok();
  });
  if (!s.ok()) return s;
  instance.cert_serial.clear();
  instance.cert_not_after = 0;
  return instance;
}

}  // namespace berth::api
