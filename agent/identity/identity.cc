#include "agent/identity/identity.h"

#include <spdlog/spdlog.h>

#include "agent/identity/server_chain.h"
#include "common/fs.h"
#include "common/pki/pki.h"

namespace berth::agent {

Identity::Identity(IdentityOptions options, ControllerClient* client, Clock* clock)
    : options_(std::move(options)), client_(client), clock_(clock) {}

std::string Identity::Path(const char* file) const { return options_.root + "/tls/" + file; }

void Identity::Point() { client_->SetIdentity({ca_pem_, key_pem_, cert_pem_}); }

Status Identity::EstablishTrust() {
  std::string source;
  if (!options_.ca_cert_file.empty()) {
    auto ca = fs::ReadFile(options_.ca_cert_file);
    if (!ca.ok()) return ca.status().WithContext("reading --ca-cert " + options_.ca_cert_file);
    ca_pem_ = *ca;
    source = "--ca-cert " + options_.ca_cert_file;
  } else if (auto stored = fs::ReadFile(Path("ca.crt")); stored.ok()) {
    ca_pem_ = *stored;
    source = Path("ca.crt");
  } else if (options_.ca_pin.empty()) {
    return InvalidArgument("cannot verify the controller: give --ca-cert FILE (the "
                           "controller's <data-dir>/tls/ca.crt) or a --join-token, which "
                           "carries the CA's pin");
  }
  ASSIGN_OR_RETURN(std::vector<std::string> chain, client_->FetchServerChain());
  if (ca_pem_.empty()) {
    ASSIGN_OR_RETURN(ca_pem_, CaMatchingPin(chain, options_.ca_pin, options_.address));
  } else {
    RETURN_IF_ERROR(CheckChainAgainstCa(chain, ca_pem_, source, options_.address));
    if (!options_.ca_pin.empty()) {
      RETURN_IF_ERROR(CaMatchingPin(chain, options_.ca_pin, options_.address).status());
    }
  }
  RETURN_IF_ERROR(fs::MakeDirs(options_.root + "/tls"));
  RETURN_IF_ERROR(fs::WriteFileAtomic(Path("ca.crt"), ca_pem_, 0644));
  Point();
  return Status::Ok();
}

bool Identity::Resume() {
  auto ca = fs::ReadFile(Path("ca.crt"));
  auto key = fs::ReadFile(Path("agent.key"));
  auto cert = fs::ReadFile(Path("agent.crt"));
  if (!ca.ok() || !key.ok() || !cert.ok()) return false;
  if (!options_.ca_cert_file.empty()) {
    auto flag_ca = fs::ReadFile(options_.ca_cert_file);
    if (flag_ca.ok()) ca = flag_ca;
  }
  auto info = pki::Inspect(*cert);
  if (!info.ok() || !pki::KeyMatchesCertificate(*key, *cert).ok()) return false;
  ca_pem_ = *ca;
  key_pem_ = *key;
  cert_pem_ = *cert;
  not_before_ms_ = info->not_before_ms;
  not_after_ms_ = info->not_after_ms;
  Point();
  return true;
}

Result<std::string> Identity::MakeCsr(const std::string& name) {
  if (key_pem_.empty()) {
    if (auto stored = fs::ReadFile(Path("agent.key")); stored.ok()) {
      key_pem_ = *stored;
    } else {
      ASSIGN_OR_RETURN(key_pem_, pki::GenerateKey());
      RETURN_IF_ERROR(fs::MakeDirs(options_.root + "/tls"));
      RETURN_IF_ERROR(fs::WriteFileAtomic(Path("agent.key"), key_pem_, 0600));
    }
  }
  return pki::MakeCsr(key_pem_, name);
}

Status Identity::Adopt(const std::string& cert_pem) {
  RETURN_IF_ERROR(pki::KeyMatchesCertificate(key_pem_, cert_pem)
                      .WithContext("the controller's certificate is not for this agent's key"));
  ASSIGN_OR_RETURN(pki::CertInfo info, pki::Inspect(cert_pem));
  RETURN_IF_ERROR(fs::WriteFileAtomic(Path("agent.crt"), cert_pem, 0644));
  cert_pem_ = cert_pem;
  not_before_ms_ = info.not_before_ms;
  not_after_ms_ = info.not_after_ms;
  Point();
  return Status::Ok();
}

std::optional<int64_t> Identity::MsUntilRenewal() const {
  if (cert_pem_.empty()) return std::nullopt;
  const int64_t due = not_before_ms_ + (not_after_ms_ - not_before_ms_) * 2 / 3;
  return due - clock_->NowMs();
}

Status Identity::Renew(const std::string& name) {
  ASSIGN_OR_RETURN(std::string key, pki::GenerateKey());
  ASSIGN_OR_RETURN(std::string csr, pki::MakeCsr(key, name));
  ASSIGN_OR_RETURN(std::string cert, client_->RenewCertificate(csr));
  // The controller now accepts only the new certificate: keep both halves at once.
  RETURN_IF_ERROR(pki::KeyMatchesCertificate(key, cert));
  RETURN_IF_ERROR(fs::WriteFileAtomic(Path("agent.key"), key, 0600));
  key_pem_ = key;
  RETURN_IF_ERROR(Adopt(cert));
  spdlog::info("renewed the client certificate (valid for {} s)",
               (not_after_ms_ - not_before_ms_) / 1000);
  return Status::Ok();
}

std::optional<std::string> DeregisteredNote(const std::string& root) {
  auto note = fs::ReadFile(root + "/deregistered");
  if (!note.ok()) return std::nullopt;
  return *note;
}

Status MarkDeregistered(const std::string& root, const std::string& note) {
  return fs::WriteFileAtomic(root + "/deregistered", note, 0644);
}

}  // namespace berth::agent
