// TLS for the controller's two listeners, from the CertificateAuthority's files. Both pick
// up a renewed server certificate without a restart.
#pragma once

#include <memory>

namespace grpc {
class ServerCredentials;
}
namespace httplib {
class Server;
}

namespace berth::tls {

class CertificateAuthority;

// Agent channel: TLS 1.2+, the server chain watched on disk. A client certificate is
// requested but not required (Enroll comes without one); the AgentService checks it on
// every other call against the client CA, so that a refusal can say why.
std::shared_ptr<grpc::ServerCredentials> AgentChannelCredentials(CertificateAuthority* ca);

// API listener: an HTTPS server (TLS 1.2+) presenting ca->ServerPair() at every
// handshake. `ca` must outlive the server. Null when OpenSSL refused the setup.
std::unique_ptr<httplib::Server> NewHttpsServer(CertificateAuthority* ca);

}  // namespace berth::tls
