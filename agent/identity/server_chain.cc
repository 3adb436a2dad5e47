#include "agent/identity/server_chain.h"

#include <openssl/err.h>
#include <openssl/pem.h>
#include <openssl/ssl.h>

#include <memory>

#include "common/clock.h"
#include "common/pki/pki.h"

namespace berth::agent {
namespace {

std::string PinOf(const std::string& pem) {
  auto pin = pki::PublicKeyPin(pem);
  return pin.ok() ? *pin : "(unreadable certificate)";
}

// The pin of the CA the controller's chain names: its last certificate.
std::string PresentedCaPin(const std::vector<std::string>& chain) {
  return chain.empty() ? "(no certificate)" : PinOf(chain.back());
}

}  // namespace

Result<std::vector<std::string>> FetchServerChain(const std::string& address) {
  std::unique_ptr<SSL_CTX, decltype(&SSL_CTX_free)> ctx(SSL_CTX_new(TLS_client_method()),
                                                        SSL_CTX_free);
  if (!ctx) return Internal("cannot set up TLS");
  SSL_CTX_set_verify(ctx.get(), SSL_VERIFY_NONE, nullptr);
  SSL_CTX_set_min_proto_version(ctx.get(), TLS1_2_VERSION);
  // gRPC servers insist on HTTP/2 being offered.
  static const unsigned char kAlpn[] = {2, 'h', '2'};
  SSL_CTX_set_alpn_protos(ctx.get(), kAlpn, sizeof(kAlpn));
  std::unique_ptr<BIO, decltype(&BIO_free_all)> bio(BIO_new_ssl_connect(ctx.get()), BIO_free_all);
  if (!bio) return Internal("cannot set up TLS");
  BIO_set_conn_hostname(bio.get(), address.c_str());
  SSL* ssl = nullptr;
  BIO_get_ssl(bio.get(), &ssl);
  if (BIO_do_connect(bio.get()) <= 0 || BIO_do_handshake(bio.get()) <= 0) {
    std::string detail = ERR_reason_error_string(ERR_peek_last_error()) != nullptr
                             ? ERR_reason_error_string(ERR_peek_last_error())
                             : "connection failed";
    ERR_clear_error();
    return Unavailable("cannot make a TLS connection to the controller at " + address + ": " +
                       detail);
  }
  std::vector<std::string> chain;
  STACK_OF(X509)* certs = SSL_get_peer_cert_chain(ssl);
  for (int i = 0; certs != nullptr && i < sk_X509_num(certs); ++i) {
    std::unique_ptr<BIO, decltype(&BIO_free_all)> out(BIO_new(BIO_s_mem()), BIO_free_all);
    PEM_write_bio_X509(out.get(), sk_X509_value(certs, i));
    char* data = nullptr;
    long n = BIO_get_mem_data(out.get(), &data);
    chain.emplace_back(data, n);
  }
  if (chain.empty()) return Unavailable("the controller at " + address + " presented no certificate");
  return chain;
}

Result<std::string> CaMatchingPin(const std::vector<std::string>& chain, const std::string& pin,
                                  const std::string& address) {
  const int64_t now = RealClock::Get()->NowMs();
  for (const std::string& cert : chain) {
    if (PinOf(cert) == pin && !chain.empty() && pki::Verify(chain.front(), cert, now).ok()) {
      return cert;
    }
  }
  return Unauthenticated("the controller at " + address + " presents a certificate from CA " +
                         PresentedCaPin(chain) + ", but the join token pins CA " + pin +
                         ": this is not the controller the token was made for");
}

Status CheckChainAgainstCa(const std::vector<std::string>& chain, const std::string& ca_pem,
                           const std::string& source, const std::string& address) {
  Status verified = chain.empty() ? Unauthenticated("no certificate")
                                  : pki::Verify(chain.front(), ca_pem, RealClock::Get()->NowMs());
  if (verified.ok()) return Status::Ok();
  if (PresentedCaPin(chain) == PinOf(ca_pem)) {
    // The right CA, but its certificate is not valid now (expired, or a clock far off).
    return Unauthenticated("the controller at " + address + "'s certificate: " +
                           verified.message());
  }
  return Unauthenticated("the controller at " + address + " presents a certificate from CA " +
                         PresentedCaPin(chain) + ", but this agent trusts CA " + PinOf(ca_pem) +
                         " (" + source + ")");
}

}  // namespace berth::agent
