// NewCurlClient: GET to disk, PUT and multipart upload, with retries (DESIGN.md 5).
#include <sys/stat.h>

#include <chrono>
#include <cstdio>
#include <memory>
#include <thread>

#include "common/s3/http_call.h"
#include "common/s3/s3_client.h"

namespace berth::s3 {
namespace {

struct FileCloser {
  void operator()(FILE* f) const { std::fclose(f); }
};

std::string Unquote(std::string etag) {
  if (etag.size() >= 2 && etag.front() == '"' && etag.back() == '"') {
    etag = etag.substr(1, etag.size() - 2);
  }
  return etag;
}

// The text of <tag>...</tag> in a small XML document; empty when absent.
std::string XmlText(const std::string& xml, const std::string& tag) {
  auto b = xml.find("<" + tag + ">");
  if (b == std::string::npos) return "";
  b += tag.size() + 2;
  auto e = xml.find("</" + tag + ">", b);
  return e == std::string::npos ? "" : xml.substr(b, e - b);
}

std::string Describe(const ObjectRef& ref) {
  std::string s = "bucket " + ref.bucket + ", key " + ref.key;
  s += ref.version.empty() ? ", latest version" : ", version " + ref.version;
  return s;
}

bool Retryable(const HttpResponse& r) {
  if (r.transport_error) return true;
  if (r.status >= 500 || r.status == 429) return true;
  std::string code = XmlText(r.body, "Code");
  return code == "SlowDown" || code == "Throttling" || code == "RequestTimeout";
}

// "<Code>: <Message>" of an S3 error document, or the bare HTTP status.
std::string ErrorText(const HttpResponse& r) {
  if (r.transport_error) return r.error;
  std::string code = XmlText(r.body, "Code");
  std::string message = XmlText(r.body, "Message");
  std::string s = "HTTP " + std::to_string(r.status);
  if (!code.empty()) s += " " + code;
  if (!message.empty()) s += ": " + message;
  return s;
}

class CurlClient : public Client {
 public:
  CurlClient(ClientOptions options, Credentials credentials)
      : options_(std::move(options)), credentials_(std::move(credentials)) {
    if (options_.endpoint.empty()) {
      options_.endpoint = "https://s3." + options_.region + ".amazonaws.com";
      if (options_.addressing == Addressing::kAuto) {
        options_.addressing = Addressing::kVirtualHosted;
      }
    } else if (options_.addressing == Addressing::kAuto) {
      options_.addressing = Addressing::kPathStyle;
    }
    while (!options_.endpoint.empty() && options_.endpoint.back() == '/') {
      options_.endpoint.pop_back();
    }
  }

  Result<ObjectInfo> Get(const ObjectRef& ref, const std::string& expected_etag,
                         const std::string& dest_path) override {
    const std::string tmp = dest_path + ".part";
    Result<ObjectInfo> r = GetTo(ref, expected_etag, tmp);
    if (r.ok() && std::rename(tmp.c_str(), dest_path.c_str()) != 0) {
      r = Internal("cannot rename " + tmp + " to " + dest_path);
    }
    if (!r.ok()) std::remove(tmp.c_str());
    return r;
  }

  Result<ObjectInfo> Put(const std::string& bucket, const std::string& key,
                         const std::string& src_path) override {
    struct stat st;
    if (::stat(src_path.c_str(), &st) != 0) return NotFound("cannot read " + src_path);
    if (st.st_size > options_.multipart_threshold) {
      return PutMultipart(bucket, key, src_path, st.st_size);
    }
    HttpRequest req;
    req.method = "PUT";
    req.url = Url(bucket, key, "");
    req.upload_path = src_path;
    req.upload_length = st.st_size;
    ASSIGN_OR_RETURN(HttpResponse resp, Call(req, "uploading to s3://" + bucket + "/" + key));
    ObjectInfo info;
    info.etag = Unquote(resp.headers["etag"]);
    info.version_id = resp.headers["x-amz-version-id"];
    info.size = st.st_size;
    return info;
  }

 private:
  std::string Url(const std::string& bucket, const std::string& key,
                  const std::string& query) const {
    std::string url;
    if (options_.addressing == Addressing::kVirtualHosted) {
      auto scheme_end = options_.endpoint.find("://");
      size_t host = scheme_end == std::string::npos ? 0 : scheme_end + 3;
      url = options_.endpoint.substr(0, host) + bucket + "." + options_.endpoint.substr(host) +
            "/" + UriEncode(key, true);
    } else {
      url = options_.endpoint + "/" + UriEncode(bucket, false) + "/" + UriEncode(key, true);
    }
    if (!query.empty()) url += "?" + query;
    return url;
  }

  // Retries transport errors, 5xx and throttling with doubling backoff; a 2xx response
  // is returned, anything else becomes a Status. `what` says what was being done.
  Result<HttpResponse> Call(const HttpRequest& req, const std::string& what,
                            const std::function<void()>& before_retry = nullptr) {
    int backoff = options_.initial_backoff_ms;
    HttpResponse resp;
    for (int attempt = 1;; ++attempt) {
      resp = Perform(req, options_, credentials_);
      if (!resp.transport_error && resp.status >= 200 && resp.status < 300) return resp;
      if (!Retryable(resp) || attempt >= options_.max_attempts) break;
      std::this_thread::sleep_for(std::chrono::milliseconds(backoff));
      backoff *= 2;
      if (before_retry) before_retry();
    }
    std::string text = what + ": " + ErrorText(resp);
    if (resp.transport_error) {
      return resp.timed_out ? DeadlineExceeded(text) : Unavailable(text);
    }
    if (resp.status == 403) return PermissionDenied(text + " (check the AWS credentials)");
    if (resp.status == 404) return NotFound(text);
    return Status(resp.status >= 500 ? Code::kUnavailable : Code::kFailedPrecondition, text);
  }

  Result<ObjectInfo> GetTo(const ObjectRef& ref, const std::string& expected_etag,
                           const std::string& path) {
    std::unique_ptr<FILE, FileCloser> out(std::fopen(path.c_str(), "wb"));
    if (!out) return Internal("cannot write " + path);
    std::setvbuf(out.get(), nullptr, _IOFBF, 1 << 20);
    HttpRequest req;
    req.url = Url(ref.bucket, ref.key,
                  ref.version.empty() ? "" : "versionId=" + UriEncode(ref.version, false));
    req.download = out.get();
    Result<HttpResponse> resp = Call(req, "downloading " + Describe(ref), [&] {
      std::fflush(out.get());
      if (ftruncate(fileno(out.get()), 0) == 0) std::rewind(out.get());
    });
    if (!resp.ok()) {
      if (resp.status().code() == Code::kNotFound) {
        return NotFound("REVISION_MISSING: the object does not exist (" + Describe(ref) +
                        "): " + resp.status().message());
      }
      if (resp.status().code() == Code::kPermissionDenied) {
        return PermissionDenied("REVISION_MISSING: access denied (" + Describe(ref) +
                                "): " + resp.status().message());
      }
      return resp.status();
    }
    if (std::fflush(out.get()) != 0) return Internal("cannot write " + path);
    ObjectInfo info;
    info.etag = Unquote(resp->headers["etag"]);
    info.version_id = resp->headers["x-amz-version-id"];
    info.size = ftello(out.get());
    if (!expected_etag.empty() && Unquote(expected_etag) != info.etag) {
      return InvalidArgument("INVALID_REVISION: the ETag of " + Describe(ref) + " is \"" +
                             info.etag + "\", the revision says \"" + Unquote(expected_etag) +
                             "\"");
    }
    return info;
  }

  Result<ObjectInfo> PutMultipart(const std::string& bucket, const std::string& key,
                                  const std::string& src_path, int64_t size) {
    const std::string what = "uploading to s3://" + bucket + "/" + key;
    HttpRequest create;
    create.method = "POST";
    create.url = Url(bucket, key, "uploads=");
    ASSIGN_OR_RETURN(HttpResponse created, Call(create, what + " (starting multipart)"));
    std::string upload_id = XmlText(created.body, "UploadId");
    if (upload_id.empty()) return Internal(what + ": no UploadId in the reply");
    const std::string id_query = "uploadId=" + UriEncode(upload_id, false);
    Result<ObjectInfo> r = [&]() -> Result<ObjectInfo> {
      std::string parts = "<CompleteMultipartUpload>";
      int number = 1;
      for (int64_t offset = 0; offset < size; offset += options_.part_size, ++number) {
        HttpRequest part;
        part.method = "PUT";
        part.url = Url(bucket, key, "partNumber=" + std::to_string(number) + "&" + id_query);
        part.upload_path = src_path;
        part.upload_offset = offset;
        part.upload_length = std::min(options_.part_size, size - offset);
        ASSIGN_OR_RETURN(HttpResponse sent,
                         Call(part, what + " (part " + std::to_string(number) + ")"));
        parts += "<Part><PartNumber>" + std::to_string(number) + "</PartNumber><ETag>" +
                 sent.headers["etag"] + "</ETag></Part>";
      }
      parts += "</CompleteMultipartUpload>";
      HttpRequest complete;
      complete.method = "POST";
      complete.url = Url(bucket, key, id_query);
      complete.body = parts;
      ASSIGN_OR_RETURN(HttpResponse done, Call(complete, what + " (completing multipart)"));
      // S3 may answer 200 with an error document when completion fails late.
      if (!XmlText(done.body, "Code").empty()) return Internal(what + ": " + ErrorText(done));
      ObjectInfo info;
      info.etag = Unquote(XmlText(done.body, "ETag"));
      if (info.etag.rfind("&quot;", 0) == 0 && info.etag.size() >= 12) {
        info.etag = info.etag.substr(6, info.etag.size() - 12);
      }
      info.version_id = done.headers["x-amz-version-id"];
      info.size = size;
      return info;
    }();
    if (!r.ok()) {
      HttpRequest abort;
      abort.method = "DELETE";
      abort.url = Url(bucket, key, id_query);
      Perform(abort, options_, credentials_);
    }
    return r;
  }

  ClientOptions options_;
  Credentials credentials_;
};

}  // namespace

ClientOptions OptionsFromEnv(const EnvLookup& env) {
  ClientOptions o;
  o.endpoint = env("AWS_ENDPOINT_URL_S3");
  if (o.endpoint.empty()) o.endpoint = env("AWS_ENDPOINT_URL");
  std::string region = env("AWS_REGION");
  if (region.empty()) region = env("AWS_DEFAULT_REGION");
  if (!region.empty()) o.region = region;
  std::string addressing = env("BERTH_S3_ADDRESSING");
  if (addressing == "path") o.addressing = Addressing::kPathStyle;
  if (addressing == "virtual") o.addressing = Addressing::kVirtualHosted;
  return o;
}

std::unique_ptr<Client> NewCurlClient(ClientOptions options, Credentials credentials) {
  return std::make_unique<CurlClient>(std::move(options), std::move(credentials));
}

}  // namespace berth::s3
