// GET /install.sh and GET /packages/<file>: the agent bootstrap, served without a token
// (PublicRoutes() in route_roles.cc).
#include <fstream>
#include <memory>

#include "controller/bootstrap/install_script.h"
#include "controller/bootstrap/package_files.h"
#include "controller/http/routes.h"

namespace berth::http {
namespace {

constexpr size_t kChunkBytes = 1 << 16;

void WriteError(httplib::Response& res, const Status& status) {
  WriteReply(res, Result<Reply>(status));
}

void ServeInstallScript(const BootstrapOptions& options, const httplib::Request& req,
                        httplib::Response& res) {
  auto base_url = bootstrap::BaseUrlFromHost(options.ca_pem.empty() ? "http" : "https",
                                             req.get_header_value("Host"));
  if (!base_url.ok()) return WriteError(res, base_url.status());
  bootstrap::InstallScriptParams params{
      *base_url, bootstrap::AgentAddressFromHost(req.get_header_value("Host"), options.grpc_port),
      options.version, options.ca_pem};
  auto script = bootstrap::RenderInstallScript(params);
  if (!script.ok()) return WriteError(res, script.status());
  res.set_content(*script, "text/x-shellscript; charset=utf-8");
}

// Streams the file in chunks: a package is megabytes, and many hosts may fetch it at once.
void ServePackage(const std::string& packages_dir, const httplib::Request& req,
                  httplib::Response& res) {
  auto path = bootstrap::PackagePath(packages_dir, req.matches[1].str());
  if (!path.ok()) return WriteError(res, path.status());
  auto file = std::make_shared<std::ifstream>(*path, std::ios::binary);
  file->seekg(0, std::ios::end);
  const std::streamoff size = file->tellg();
  if (!*file || size < 0) return WriteError(res, NotFound("no package " + req.matches[1].str()));
  res.set_content_provider(static_cast<size_t>(size), "application/vnd.debian.binary-package",
                           [file](size_t offset, size_t length, httplib::DataSink& sink) {
                             std::string chunk(std::min(length, kChunkBytes), '\0');
                             file->seekg(static_cast<std::streamoff>(offset));
                             file->read(chunk.data(), static_cast<std::streamsize>(chunk.size()));
                             if (file->gcount() <= 0) return false;
                             return sink.write(chunk.data(), static_cast<size_t>(file->gcount()));
                           });
}

}  // namespace

void RegisterBootstrapRoutes(Router& router, BootstrapOptions options) {
  router.GetPublic(R"(/install.sh)",
                   [options](const httplib::Request& req, httplib::Response& res) {
                     ServeInstallScript(options, req, res);
                   });
  router.GetPublic(R"(/packages/([^/]+))", [dir = options.packages_dir](const httplib::Request& req,
                                                                        httplib::Response& res) {
    ServePackage(dir, req, res);
  });
}

}  // namespace berth::http
