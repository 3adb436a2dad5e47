// The agent bootstrap script served at GET /install.sh (docs/operations.md
// "Bootstrapping an agent"): controller/bootstrap/install.sh, embedded at build time,
// with the address it was fetched from, the agent channel, the version and the CA
// filled in.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "common/embedded_file.h"
#include "common/status.h"

namespace berth::bootstrap {

// controller/bootstrap/install.sh, compiled in by cmake/embed_files.cmake.
const std::vector<EmbeddedFile>& EmbeddedScripts();
// install.sh as written in the repository, placeholders and all.
std::string_view InstallScriptTemplate();

struct InstallScriptParams {
  std::string base_url;       // "https://controller.example.com:8080": where it was fetched
  std::string agent_address;  // "controller.example.com:8443": the agent channel
  std::string version;        // the controller's (and the package's) version
  std::string ca_pem;         // the CA agents trust; empty for a plaintext controller
};

// The base URL a client reached the controller by: `scheme` ("https"/"http") and the
// request's Host header. INVALID_ARGUMENT names a missing or malformed Host (anything
// but a DNS name, an IPv4 address or a bracketed IPv6 address, with an optional port).
Result<std::string> BaseUrlFromHost(std::string_view scheme, std::string_view host_header);
// The agent channel on the same host the client used: the host of `host_header` and
// `grpc_port`.
std::string AgentAddressFromHost(std::string_view host_header, int grpc_port);

// The script with every placeholder filled in. INTERNAL when a value would not stay a
// single-quoted shell word.
Result<std::string> RenderInstallScript(const InstallScriptParams& params);

}  // namespace berth::bootstrap
