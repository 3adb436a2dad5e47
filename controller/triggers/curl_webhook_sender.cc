// WebhookSender on libcurl: one easy handle per POST (deliveries are rare and small).
#include <curl/curl.h>

#include <algorithm>
#include <mutex>

#include "controller/triggers/webhook_sender.h"

namespace berth::triggers {
namespace {

struct CurlDeleter {
  void operator()(CURL* c) const { curl_easy_cleanup(c); }
};
struct SlistDeleter {
  void operator()(curl_slist* l) const { curl_slist_free_all(l); }
};

constexpr size_t kMaxKeptAnswer = 512;  // of a non-2xx answer, for last_error

size_t KeepAnswer(char* data, size_t size, size_t n, void* user) {
  auto* out = static_cast<std::string*>(user);
  const size_t len = size * n;
  if (out->size() < kMaxKeptAnswer) out->append(data, std::min(len, kMaxKeptAnswer - out->size()));
  return len;
}

int CheckCancelled(void* user, curl_off_t, curl_off_t, curl_off_t, curl_off_t) {
  const auto* cancelled = static_cast<const std::atomic<bool>*>(user);
  return cancelled && cancelled->load() ? 1 : 0;  // non-zero aborts the transfer
}

class CurlWebhookSender : public WebhookSender {
 public:
  explicit CurlWebhookSender(DestinationPolicy destinations)
      : destinations_(std::move(destinations)) {
    static std::once_flag once;
    std::call_once(once, [] { curl_global_init(CURL_GLOBAL_DEFAULT); });
  }

  Status Post(const WebhookRequest& request) override {
    ASSIGN_OR_RETURN(Destination destination, CheckDestination(request.url, destinations_));
    const std::string address = destination.address.find(':') != std::string::npos
                                    ? "[" + destination.address + "]"
                                    : destination.address;
    curl_slist* pinned = curl_slist_append(
        nullptr, (destination.host + ":" + std::to_string(destination.port) + ":" + address).c_str());
    std::unique_ptr<curl_slist, SlistDeleter> resolve(pinned);
    std::unique_ptr<CURL, CurlDeleter> curl(curl_easy_init());
    if (!curl) return Internal("curl_easy_init failed");
    CURL* h = curl.get();
    curl_slist* list = nullptr;
    list = curl_slist_append(list, "Content-Type: application/json");
    list = curl_slist_append(list, ("X-Berth-Message-Id: " + request.message_id).c_str());
    list = curl_slist_append(list, "User-Agent: berth-controller/" BERTH_VERSION);
    list = curl_slist_append(list, "Expect:");
    std::unique_ptr<curl_slist, SlistDeleter> headers(list);
    std::string answer;
    char error[CURL_ERROR_SIZE] = {0};
    curl_easy_setopt(h, CURLOPT_URL, request.url.c_str());
    curl_easy_setopt(h, CURLOPT_HTTPHEADER, headers.get());
    curl_easy_setopt(h, CURLOPT_POST, 1L);
    curl_easy_setopt(h, CURLOPT_POSTFIELDS, request.body.data());
    curl_easy_setopt(h, CURLOPT_POSTFIELDSIZE_LARGE, static_cast<curl_off_t>(request.body.size()));
    curl_easy_setopt(h, CURLOPT_TIMEOUT_MS, static_cast<long>(request.timeout_ms));
    curl_easy_setopt(h, CURLOPT_CONNECTTIMEOUT_MS, static_cast<long>(request.timeout_ms));
    curl_easy_setopt(h, CURLOPT_NOSIGNAL, 1L);
    curl_easy_setopt(h, CURLOPT_WRITEFUNCTION, KeepAnswer);
    curl_easy_setopt(h, CURLOPT_WRITEDATA, &answer);
    curl_easy_setopt(h, CURLOPT_ERRORBUFFER, error);
    curl_easy_setopt(h, CURLOPT_PROTOCOLS_STR, "http,https");
    curl_easy_setopt(h, CURLOPT_RESOLVE, resolve.get());
    curl_easy_setopt(h, CURLOPT_FOLLOWLOCATION, 0L);
    if (request.cancelled) {
      curl_easy_setopt(h, CURLOPT_NOPROGRESS, 0L);
      curl_easy_setopt(h, CURLOPT_XFERINFOFUNCTION, CheckCancelled);
      curl_easy_setopt(h, CURLOPT_XFERINFODATA, request.cancelled);
    }
    CURLcode rc = curl_easy_perform(h);
    if (rc != CURLE_OK) {
      return Unavailable(error[0] ? std::string(error) : std::string(curl_easy_strerror(rc)));
    }
    long code = 0;
    curl_easy_getinfo(h, CURLINFO_RESPONSE_CODE, &code);
    if (code >= 200 && code < 300) return Status::Ok();
    std::string message = "HTTP " + std::to_string(code);
    if (!answer.empty()) message += ": " + answer;
    return Unavailable(message);
  }

 private:
  const DestinationPolicy destinations_;
};

}  // namespace

std::unique_ptr<WebhookSender> NewCurlWebhookSender(DestinationPolicy destinations) {
  return std::make_unique<CurlWebhookSender>(std::move(destinations));
}

}  // namespace berth::triggers
