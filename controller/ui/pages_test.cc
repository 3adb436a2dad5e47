#include "controller/ui/pages.h"

#include <catch2/catch.hpp>

#include "controller/ui/assets.h"

namespace berth::ui {
namespace {

const std::vector<EmbeddedFile> kFiles = {
    {"index.html", "<!doctype html>page"},
    {"app/main.js", "export {};"},
    {"berth.css", "body{}"},
};

std::string Header(const UiAnswer& a, const std::string& name) {
  for (const auto& [n, v] : a.headers) {
    if (n == name) return v;
  }
  return "";
}

TEST_CASE("every dashboard route that is not an asset gets index.html") {
  for (const char* path :
       {"/ui/", "/ui/deployments/d-ABCDEFGHI", "/ui/instances", "/ui/alarms", "/ui/no/such/page"}) {
    INFO(path);
    UiAnswer a = AnswerUiRequest(path, kFiles);
    CHECK(a.status == 200);
    CHECK(a.content_type == "text/html; charset=utf-8");
    CHECK(a.body == "<!doctype html>page");
  }
}

TEST_CASE("assets are served with their type and a missing one is 404 not the page") {
  UiAnswer js = AnswerUiRequest("/ui/assets/app/main.js", kFiles);
  CHECK(js.status == 200);
  CHECK(js.content_type == "text/javascript; charset=utf-8");
  CHECK(js.body == "export {};");
  CHECK(AnswerUiRequest("/ui/assets/berth.css", kFiles).content_type == "text/css; charset=utf-8");

  UiAnswer missing = AnswerUiRequest("/ui/assets/app/gone.js", kFiles);
  CHECK(missing.status == 404);
  CHECK(missing.body == "no such dashboard file\n");
  CHECK(AnswerUiRequest("/ui/assets/", kFiles).status == 404);
  CHECK(AnswerUiRequest("/ui/assets/index.html", kFiles).status == 404);
  CHECK(AnswerUiRequest("/ui/assets/../index.html", kFiles).status == 404);
}

TEST_CASE("every dashboard answer carries the strict content security policy") {
  for (const char* path : {"/ui/", "/ui/assets/app/main.js", "/ui/assets/nope.js", "/ui"}) {
    INFO(path);
    UiAnswer a = AnswerUiRequest(path, kFiles);
    const std::string csp = Header(a, "Content-Security-Policy");
    CHECK(csp.find("default-src 'self'") != std::string::npos);
    CHECK(csp.find("frame-ancestors 'none'") != std::string::npos);
    CHECK(csp.find("unsafe-inline") == std::string::npos);
    CHECK(Header(a, "X-Content-Type-Options") == "nosniff");
  }
}

TEST_CASE("bare /ui redirects to /ui/") {
  UiAnswer a = AnswerUiRequest("/ui", kFiles);
  CHECK(a.status == 301);
  CHECK(Header(a, "Location") == "/ui/");
}

TEST_CASE("the embedded dashboard has its page and every file the page loads") {
  const std::vector<EmbeddedFile>& files = Assets();
  UiAnswer page = AnswerUiRequest("/ui/", files);
  REQUIRE(page.status == 200);
  const std::string html(page.body);
  // Every /ui/assets/ reference in index.html resolves to an embedded file.
  size_t pos = 0;
  int references = 0;
  while ((pos = html.find("/ui/assets/", pos)) != std::string::npos) {
    const size_t end = html.find('"', pos);
    REQUIRE(end != std::string::npos);
    const std::string ref = html.substr(pos, end - pos);
    INFO(ref);
    CHECK(AnswerUiRequest(ref, files).status == 200);
    ++references;
    pos = end;
  }
  CHECK(references >= 2);                             // the stylesheet and the script at least
  CHECK(html.find("<script>") == std::string::npos);  // no inline script
  CHECK(html.find("style=") == std::string::npos);    // no inline style
}

}  // namespace
}  // namespace berth::ui
