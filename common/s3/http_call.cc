#include "common/s3/http_call.h"

#include <curl/curl.h>

#include <algorithm>
#include <cctype>
#include <cstdlib>
#include <memory>
#include <mutex>

namespace berth::s3 {
namespace {

constexpr size_t kMaxErrorBody = 64 * 1024;

struct Transfer {
  const HttpRequest* request;
  HttpResponse* response;
  FILE* upload = nullptr;
  int64_t upload_left = 0;
};

size_t OnHeader(char* data, size_t size, size_t n, void* user) {
  auto* t = static_cast<Transfer*>(user);
  std::string line(data, size * n);
  auto colon = line.find(':');
  if (colon != std::string::npos) {
    std::string name = line.substr(0, colon);
    std::transform(name.begin(), name.end(), name.begin(), ::tolower);
    std::string value = line.substr(colon + 1);
    size_t b = value.find_first_not_of(" \t");
    size_t e = value.find_last_not_of(" \t\r\n");
    t->response->headers[name] = b == std::string::npos ? "" : value.substr(b, e - b + 1);
  } else if (line.rfind("HTTP/", 0) == 0) {
    // A new response (after 100 Continue or a redirect). Its status must be known before
    // the first body byte, to tell the object from an error document.
    t->response->headers.clear();
    auto space = line.find(' ');
    if (space != std::string::npos) t->response->status = std::atol(line.c_str() + space + 1);
  }
  return size * n;
}

size_t OnBody(char* data, size_t size, size_t n, void* user) {
  auto* t = static_cast<Transfer*>(user);
  size_t bytes = size * n;
  if (t->request->download != nullptr) {
    // Only a 2xx body is the object; an error body is kept for its message.
    long status = t->response->status;
    if (status >= 200 && status < 300) {
      return std::fwrite(data, 1, bytes, t->request->download);
    }
  }
  if (t->response->body.size() < kMaxErrorBody) t->response->body.append(data, bytes);
  return bytes;
}

size_t OnRead(char* buffer, size_t size, size_t n, void* user) {
  auto* t = static_cast<Transfer*>(user);
  size_t want = std::min<int64_t>(static_cast<int64_t>(size * n), t->upload_left);
  size_t got = std::fread(buffer, 1, want, t->upload);
  t->upload_left -= static_cast<int64_t>(got);
  if (got < want && std::ferror(t->upload)) return CURL_READFUNC_ABORT;
  return got;
}

struct CurlDeleter {
  void operator()(CURL* c) const { curl_easy_cleanup(c); }
};
struct SlistDeleter {
  void operator()(curl_slist* l) const { curl_slist_free_all(l); }
};
struct FileCloser {
  void operator()(FILE* f) const { std::fclose(f); }
};

}  // namespace

HttpResponse Perform(const HttpRequest& request, const ClientOptions& options,
                     const Credentials& credentials) {
  static std::once_flag init;
  std::call_once(init, [] { curl_global_init(CURL_GLOBAL_DEFAULT); });
  HttpResponse response;
  Transfer t{&request, &response};
  std::unique_ptr<CURL, CurlDeleter> curl(curl_easy_init());
  if (!curl) {
    response.transport_error = true;
    response.error = "curl_easy_init failed";
    return response;
  }
  CURL* c = curl.get();
  std::unique_ptr<FILE, FileCloser> upload;
  curl_slist* list = nullptr;
  for (const auto& h : request.headers) list = curl_slist_append(list, h.c_str());
  // libcurl would label a POST body form data, which servers may consume as a form.
  if (request.method == "POST") list = curl_slist_append(list, "Content-Type: application/xml");
  if (!credentials.session_token.empty()) {
    list = curl_slist_append(list, ("x-amz-security-token: " + credentials.session_token).c_str());
  }
  std::unique_ptr<curl_slist, SlistDeleter> headers(list);
  std::string sigv4 = "aws:amz:" + options.region + ":s3";
  std::string userpwd = credentials.access_key_id + ":" + credentials.secret_access_key;
  char error[CURL_ERROR_SIZE] = {};

  curl_easy_setopt(c, CURLOPT_URL, request.url.c_str());
  curl_easy_setopt(c, CURLOPT_AWS_SIGV4, sigv4.c_str());
  curl_easy_setopt(c, CURLOPT_USERPWD, userpwd.c_str());
  curl_easy_setopt(c, CURLOPT_HTTPHEADER, headers.get());
  curl_easy_setopt(c, CURLOPT_ERRORBUFFER, error);
  curl_easy_setopt(c, CURLOPT_NOSIGNAL, 1L);
  curl_easy_setopt(c, CURLOPT_CONNECTTIMEOUT, static_cast<long>(options.connect_timeout_s));
  curl_easy_setopt(c, CURLOPT_LOW_SPEED_LIMIT, 1L);
  curl_easy_setopt(c, CURLOPT_LOW_SPEED_TIME, static_cast<long>(options.stall_timeout_s));
  curl_easy_setopt(c, CURLOPT_BUFFERSIZE, 256L * 1024);
  curl_easy_setopt(c, CURLOPT_HEADERFUNCTION, OnHeader);
  curl_easy_setopt(c, CURLOPT_HEADERDATA, &t);
  curl_easy_setopt(c, CURLOPT_WRITEFUNCTION, OnBody);
  curl_easy_setopt(c, CURLOPT_WRITEDATA, &t);
  if (!options.proxy.empty()) curl_easy_setopt(c, CURLOPT_PROXY, options.proxy.c_str());

  if (!request.upload_path.empty()) {
    upload.reset(std::fopen(request.upload_path.c_str(), "rb"));
    if (!upload || fseeko(upload.get(), request.upload_offset, SEEK_SET) != 0) {
      response.transport_error = true;
      response.error = "cannot read " + request.upload_path;
      return response;
    }
    t.upload = upload.get();
    t.upload_left = request.upload_length;
    curl_easy_setopt(c, CURLOPT_UPLOAD, 1L);
    curl_easy_setopt(c, CURLOPT_READFUNCTION, OnRead);
    curl_easy_setopt(c, CURLOPT_READDATA, &t);
    curl_easy_setopt(c, CURLOPT_INFILESIZE_LARGE,
                     static_cast<curl_off_t>(request.upload_length));
  } else if (request.method == "POST") {
    curl_easy_setopt(c, CURLOPT_POST, 1L);
    curl_easy_setopt(c, CURLOPT_POSTFIELDS, request.body.c_str());
    curl_easy_setopt(c, CURLOPT_POSTFIELDSIZE_LARGE, static_cast<curl_off_t>(request.body.size()));
  } else if (request.method != "GET") {
    curl_easy_setopt(c, CURLOPT_CUSTOMREQUEST, request.method.c_str());
  }
  CURLcode rc = curl_easy_perform(c);
  if (rc != CURLE_OK) {
    response.transport_error = true;
    response.timed_out = rc == CURLE_OPERATION_TIMEDOUT;
    response.error = error[0] ? error : curl_easy_strerror(rc);
    return response;
  }
  curl_easy_getinfo(c, CURLINFO_RESPONSE_CODE, &response.status);
  return response;
}

}  // namespace berth::s3
