#include "controller/ui/pages.h"

#include <array>

namespace berth::ui {
namespace {

constexpr std::string_view kAssetPrefix = "/ui/assets/";

const EmbeddedFile* Find(std::string_view name, const std::vector<EmbeddedFile>& files) {
  for (const EmbeddedFile& f : files) {
    if (f.path == name) return &f;
  }
  return nullptr;
}

std::vector<std::pair<std::string, std::string>> SecurityHeaders() {
  return {{"Content-Security-Policy", std::string(kContentSecurityPolicy)},
          {"X-Content-Type-Options", "nosniff"},
          {"X-Frame-Options", "DENY"},
          {"Referrer-Policy", "no-referrer"},
          // Revalidate every time: an upgraded controller serves its own assets at once.
          {"Cache-Control", "no-cache"}};
}

UiAnswer Text(int status, std::string_view message) {
  UiAnswer a;
  a.status = status;
  a.content_type = "text/plain; charset=utf-8";
  a.body = message;
  a.headers = SecurityHeaders();
  return a;
}

}  // namespace

std::string ContentTypeFor(std::string_view path) {
  static constexpr std::array<std::pair<std::string_view, std::string_view>, 6> kTypes = {{
      {".html", "text/html; charset=utf-8"},
      {".js", "text/javascript; charset=utf-8"},
      {".css", "text/css; charset=utf-8"},
      {".svg", "image/svg+xml"},
      {".png", "image/png"},
      {".json", "application/json"},
  }};
  for (const auto& [ext, type] : kTypes) {
    if (path.size() >= ext.size() && path.substr(path.size() - ext.size()) == ext) {
      return std::string(type);
    }
  }
  return "application/octet-stream";
}

UiAnswer AnswerUiRequest(std::string_view path, const std::vector<EmbeddedFile>& files) {
  if (path == "/ui") {
    UiAnswer a = Text(301, "the dashboard is at /ui/\n");
    a.headers.emplace_back("Location", "/ui/");
    return a;
  }
  std::string_view name = "index.html";
  if (path.substr(0, kAssetPrefix.size()) == kAssetPrefix) {
    name = path.substr(kAssetPrefix.size());
    // index.html is the page, not an asset; it is only ever served as the page.
    if (name == "index.html") name = "";
  }
  const EmbeddedFile* file = name.empty() ? nullptr : Find(name, files);
  if (file == nullptr) return Text(404, "no such dashboard file\n");
  UiAnswer a;
  a.content_type = ContentTypeFor(file->path);
  a.body = file->data;
  a.headers = SecurityHeaders();
  return a;
}

}  // namespace berth::ui
