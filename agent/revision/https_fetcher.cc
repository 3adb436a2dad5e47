#include "agent/revision/https_fetcher.h"

#include <curl/curl.h>

#include <cstdio>
#include <memory>

#include "agent/revision/verified_file.h"
#include "common/sha256.h"

#include "common/text/url_redact.h"
namespace berth::agent {
namespace {

struct Sink {
  FILE* file;
  Sha256* hash;
  long status = 0;
};

size_t OnHeader(char* data, size_t size, size_t n, void* user) {
  std::string line(data, size * n);
  if (line.rfind("HTTP/", 0) == 0) {
    auto space = line.find(' ');
    if (space != std::string::npos) {
      static_cast<Sink*>(user)->status = std::atol(line.c_str() + space + 1);
    }
  }
  return size * n;
}

size_t OnBody(char* data, size_t size, size_t n, void* user) {
  auto* sink = static_cast<Sink*>(user);
  size_t bytes = size * n;
  if (sink->status < 200 || sink->status >= 300) return bytes;  // an error page
  sink->hash->Update(std::string_view(data, bytes));
  return std::fwrite(data, 1, bytes, sink->file);
}

struct CurlDeleter {
  void operator()(CURL* c) const { curl_easy_cleanup(c); }
};
}  // namespace

Status HttpsFetcher::Fetch(const model::RevisionLocation& location, const std::string& dest_path) {
  if (location.type != model::RevisionType::kHttps) {
    return InvalidArgument(std::string("the HTTPS fetcher cannot fetch a ") +
                           model::RevisionTypeName(location.type) + " revision");
  }
  return WriteVerifiedFile(
      dest_path, location.sha256, text::RedactUserinfo(location.url),
      [&](FILE* out, Sha256* hash) -> Status {
        std::unique_ptr<CURL, CurlDeleter> curl(curl_easy_init());
        if (!curl) return Internal("curl_easy_init failed");
        Sink sink{out, hash};
        char error[CURL_ERROR_SIZE] = {};
        CURL* c = curl.get();
        curl_easy_setopt(c, CURLOPT_URL, location.url.c_str());
        curl_easy_setopt(c, CURLOPT_FOLLOWLOCATION, 1L);
        curl_easy_setopt(c, CURLOPT_PROTOCOLS_STR, "http,https");
        curl_easy_setopt(c, CURLOPT_REDIR_PROTOCOLS_STR, "https");
        curl_easy_setopt(c, CURLOPT_NOSIGNAL, 1L);
        curl_easy_setopt(c, CURLOPT_ERRORBUFFER, error);
        curl_easy_setopt(c, CURLOPT_CONNECTTIMEOUT, static_cast<long>(options_.connect_timeout_s));
        curl_easy_setopt(c, CURLOPT_LOW_SPEED_LIMIT, 1L);
        curl_easy_setopt(c, CURLOPT_LOW_SPEED_TIME, static_cast<long>(options_.stall_timeout_s));
        curl_easy_setopt(c, CURLOPT_HEADERFUNCTION, OnHeader);
        curl_easy_setopt(c, CURLOPT_HEADERDATA, &sink);
        curl_easy_setopt(c, CURLOPT_WRITEFUNCTION, OnBody);
        curl_easy_setopt(c, CURLOPT_WRITEDATA, &sink);
        if (!options_.proxy.empty()) curl_easy_setopt(c, CURLOPT_PROXY, options_.proxy.c_str());
        CURLcode rc = curl_easy_perform(c);
        if (rc != CURLE_OK) {
          return Unavailable("downloading " + text::RedactUserinfo(location.url) + ": " +
                             (error[0] ? error : curl_easy_strerror(rc)));
        }
        if (sink.status == 404) {
          return NotFound("REVISION_MISSING: " + text::RedactUserinfo(location.url) + " is HTTP 404");
        }
        if (sink.status < 200 || sink.status >= 300) {
          return Unavailable("downloading " + text::RedactUserinfo(location.url) + ": HTTP " +
                             std::to_string(sink.status));
        }
        return Status::Ok();
      });
}

}  // namespace berth::agent
