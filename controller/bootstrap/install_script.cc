#include "controller/bootstrap/install_script.h"

#include <regex>
#include <utility>
#include <vector>

namespace berth::bootstrap {
namespace {

// The host part of a Host header: without its port, IPv6 brackets kept.
std::string_view HostPart(std::string_view host_header) {
  if (!host_header.empty() && host_header.front() == '[') {
    size_t close = host_header.find(']');
    return close == std::string_view::npos ? host_header : host_header.substr(0, close + 1);
  }
  size_t colon = host_header.rfind(':');
  return colon == std::string_view::npos ? host_header : host_header.substr(0, colon);
}

}  // namespace

std::string_view InstallScriptTemplate() {
  for (const EmbeddedFile& f : EmbeddedScripts()) {
    if (f.path == "install.sh") return f.data;
  }
  return {};  // not reached: the build embeds install.sh
}

Result<std::string> BaseUrlFromHost(std::string_view scheme, std::string_view host_header) {
  if (host_header.empty()) {
    return InvalidArgument(
        "GET /install.sh needs a Host header: the address this host reaches the controller by");
  }
  static const std::regex kHost(
      R"(([A-Za-z0-9]([A-Za-z0-9-]{0,62})(\.[A-Za-z0-9]([A-Za-z0-9-]{0,62}))*\.?|\[[0-9A-Fa-f:.]+\])(:[0-9]{1,5})?)");
  std::string host(host_header);
  if (host.size() > 255 || !std::regex_match(host, kHost)) {
    return InvalidArgument(
        "Host header is not a host name, an IP address or [IPv6] with an "
        "optional :port");
  }
  return std::string(scheme) + "://" + host;
}

std::string AgentAddressFromHost(std::string_view host_header, int grpc_port) {
  return std::string(HostPart(host_header)) + ":" + std::to_string(grpc_port);
}

Result<std::string> RenderInstallScript(const InstallScriptParams& params) {
  std::string script(InstallScriptTemplate());
  const std::vector<std::pair<std::string, const std::string*>> fields = {
      {"@BERTH_URL@", &params.base_url},
      {"@BERTH_AGENT_ADDRESS@", &params.agent_address},
      {"@BERTH_VERSION@", &params.version},
      {"@BERTH_CA_PEM@", &params.ca_pem},
  };
  for (const auto& [placeholder, value] : fields) {
    if (value->find('\'') != std::string::npos) {
      return Internal("install.sh: the value for " + placeholder + " holds a single quote");
    }
    size_t at = script.find(placeholder);
    if (at == std::string::npos) {
      return Internal("install.sh has no placeholder " + placeholder);
    }
    std::string filled = *value;
    while (!filled.empty() && filled.back() == '\n') filled.pop_back();
    script.replace(at, placeholder.size(), filled);
  }
  return script;
}

}  // namespace berth::bootstrap
