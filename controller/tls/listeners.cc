#include "controller/tls/listeners.h"

#include <grpcpp/security/server_credentials.h>
#include <grpcpp/security/tls_certificate_provider.h>
#include <grpcpp/security/tls_credentials_options.h>
#include <httplib.h>
#include <openssl/err.h>
#include <openssl/pem.h>
#include <openssl/ssl.h>

#include "common/pki/pki.h"
#include "controller/tls/certificate_authority.h"

namespace berth::tls {
namespace {

// How often gRPC looks at the certificate files for a renewed pair.
constexpr unsigned kWatchSeconds = 5;

// SSL_CTX_set_cert_cb: installs the authority's current chain and key on this handshake.
int UseCurrentPair(SSL* ssl, void* arg) {
  auto* ca = static_cast<CertificateAuthority*>(arg);
  std::shared_ptr<const KeyPair> pair = ca->ServerPair();
  if (!pair) return 0;
  BIO* chain = BIO_new_mem_buf(pair->cert_chain_pem.data(),
                               static_cast<int>(pair->cert_chain_pem.size()));
  BIO* key_bio = BIO_new_mem_buf(pair->key_pem.data(), static_cast<int>(pair->key_pem.size()));
  int ok = 0;
  X509* leaf = PEM_read_bio_X509(chain, nullptr, nullptr, nullptr);
  EVP_PKEY* key = PEM_read_bio_PrivateKey(key_bio, nullptr, nullptr, nullptr);
  if (leaf != nullptr && key != nullptr && SSL_use_certificate(ssl, leaf) == 1 &&
      SSL_use_PrivateKey(ssl, key) == 1) {
    ok = 1;
    SSL_clear_chain_certs(ssl);
    while (X509* extra = PEM_read_bio_X509(chain, nullptr, nullptr, nullptr)) {
      SSL_add0_chain_cert(ssl, extra);  // takes ownership
    }
  }
  X509_free(leaf);
  EVP_PKEY_free(key);
  BIO_free(chain);
  BIO_free(key_bio);
  // The read past the last certificate leaves "no start line" in the thread's error
  // queue; left there, OpenSSL would take it for a failure of this connection's next read.
  ERR_clear_error();
  return ok;
}

}  // namespace

std::shared_ptr<grpc::ServerCredentials> AgentChannelCredentials(CertificateAuthority* ca) {
  auto provider = std::make_shared<grpc::experimental::FileWatcherCertificateProvider>(
      ca->server_key_path(), ca->server_cert_path(), ca->client_ca_path(), kWatchSeconds);
  grpc::experimental::TlsServerCredentialsOptions options(provider);
  options.watch_root_certs();
  options.watch_identity_key_cert_pairs();
  options.set_cert_request_type(GRPC_SSL_REQUEST_CLIENT_CERTIFICATE_BUT_DONT_VERIFY);
  return grpc::experimental::TlsServerCredentials(options);
}

std::unique_ptr<httplib::Server> NewHttpsServer(CertificateAuthority* ca) {
  auto server = std::make_unique<httplib::SSLServer>([ca](SSL_CTX& ctx) {
    SSL_CTX_set_min_proto_version(&ctx, TLS1_2_VERSION);
    SSL_CTX_set_cert_cb(&ctx, UseCurrentPair, ca);
    return true;
  });
  if (!server->is_valid()) return nullptr;
  return server;
}

}  // namespace berth::tls
