// The certificate chain a controller presents, read over a TLS handshake that trusts
// nothing, so the agent can check it against a CA pin or file before it sends a byte of
// its own (docs/security.md "How an agent trusts the controller").
#pragma once

#include <string>
#include <vector>

#include "common/status.h"

namespace berth::agent {

// PEM certificates, leaf first, as presented at HOST:PORT. UNAVAILABLE when the
// controller cannot be reached or does not speak TLS.
Result<std::vector<std::string>> FetchServerChain(const std::string& address);

// The CA the agent should trust: the certificate of `chain` whose public key has `pin`
// ("sha256:<hex>") and that issued the leaf. UNAUTHENTICATED naming both fingerprints
// when there is none.
Result<std::string> CaMatchingPin(const std::vector<std::string>& chain, const std::string& pin,
                                  const std::string& address);

// OK when the leaf of `chain` was issued by `ca_pem`; UNAUTHENTICATED naming both
// fingerprints otherwise. `source` says where the agent got the CA ("--ca-cert FILE").
Status CheckChainAgainstCa(const std::vector<std::string>& chain, const std::string& ca_pem,
                           const std::string& source, const std::string& address);

}  // namespace berth::agent
