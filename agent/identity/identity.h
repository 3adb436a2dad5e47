// The agent's TLS identity (DESIGN.md 7, docs/security.md): which CA it trusts, its own
// key (made here, never sent anywhere) and the client certificate the controller issued.
//
// Files under <root>/tls: ca.crt (the CA it trusts), agent.key (0600) and agent.crt. A
// file <root>/deregistered, written when the controller says the instance was
// deregistered, keeps the agent from starting until an operator removes it.
//
// Not thread-safe: the agent's main loop owns it.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "agent/controller_client.h"
#include "common/clock.h"
#include "common/status.h"

namespace berth::agent {

struct IdentityOptions {
  std::string root;
  std::string address;       // the controller's HOST:PORT, for messages
  std::string ca_cert_file;  // --ca-cert; empty: the stored CA, else the join token's pin
  std::string ca_pin;        // "sha256:<hex>" from the join token; empty: none
};

class Identity {
 public:
  // `client` is not owned.
  Identity(IdentityOptions options, ControllerClient* client, Clock* clock);

  // Before enrolling: settles which CA to trust (--ca-cert, else the stored one, else the
  // CA of the controller's chain that has the join token's pin), checks the controller
  // against it, keeps it in ca.crt and points the client at it. UNAUTHENTICATED naming
  // both fingerprints when the controller is not the one trusted.
  Status EstablishTrust();
  // True (and the client pointed at them) when a CA, key and certificate are stored.
  bool Resume();
  // A CSR for this host's key, made on first use and kept in agent.key.
  Result<std::string> MakeCsr(const std::string& name);
  // Keeps the certificate the controller issued and presents it from now on.
  Status Adopt(const std::string& cert_pem);

  // Milliseconds until the certificate is two thirds through its life (<= 0: due);
  // nullopt without a certificate.
  std::optional<int64_t> MsUntilRenewal() const;
  // A new key and certificate (RenewCertificate); the old pair is kept until the new one
  // is issued.
  Status Renew(const std::string& name);

 private:
  std::string Path(const char* file) const;
  // Points the client at the CA, key and certificate held now.
  void Point();

  IdentityOptions options_;
  ControllerClient* client_;
  Clock* clock_;
  std::string ca_pem_, key_pem_, cert_pem_;
  int64_t not_before_ms_ = 0, not_after_ms_ = 0;
};

// The note left in <root>/deregistered, if any.
std::optional<std::string> DeregisteredNote(const std::string& root);
Status MarkDeregistered(const std::string& root, const std::string& note);

}  // namespace berth::agent
