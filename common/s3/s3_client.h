// One S3 client for the agent (download) and the CLI (upload): AWS S3, MinIO and any
// S3-compatible store. Requests are signed by libcurl's built-in AWS SigV4.
#pragma once

#include <cstdint>
#include <memory>
#include <string>

#include "common/s3/credentials.h"
#include "common/s3/s3_uri.h"
#include "common/status.h"

namespace berth::s3 {

enum class Addressing { kAuto, kPathStyle, kVirtualHosted };

struct ClientOptions {
  // Base URL such as http://127.0.0.1:9000; empty = https://s3.<region>.amazonaws.com.
  std::string endpoint;
  std::string region = "us-east-1";
  // kAuto: path-style for a custom endpoint, virtual-hosted for AWS.
  Addressing addressing = Addressing::kAuto;
  // Proxy for S3 traffic (curl syntax); empty = libcurl's default (the *_proxy variables).
  std::string proxy;
  int max_attempts = 4;         // per request, on 5xx, throttling and timeouts
  int initial_backoff_ms = 200;  // doubled after each failed attempt
  int connect_timeout_s = 10;
  int stall_timeout_s = 60;  // a transfer slower than 1 byte/s for this long is a timeout
  int64_t multipart_threshold = 64LL << 20;  // uploads above this size use multipart
  int64_t part_size = 16LL << 20;
};

// Endpoint from AWS_ENDPOINT_URL_S3 (else AWS_ENDPOINT_URL), region from AWS_REGION
// (else AWS_DEFAULT_REGION), BERTH_S3_ADDRESSING=path|virtual.
ClientOptions OptionsFromEnv(const EnvLookup& env);

struct ObjectInfo {
  std::string etag;        // without quotes
  std::string version_id;  // empty when the bucket is not versioned
  int64_t size = 0;
};

class Client {
 public:
  virtual ~Client() = default;
  // Streams the object to dest_path (memory does not grow with its size). When
  // expected_etag is set and differs, fails INVALID_ARGUMENT naming both values. A 404 is
  // NOT_FOUND and a 403 PERMISSION_DENIED, both naming bucket, key and version. On error
  // dest_path does not exist.
  virtual Result<ObjectInfo> Get(const ObjectRef& ref, const std::string& expected_etag,
                                 const std::string& dest_path) = 0;
  // Uploads a file, in parts when it is larger than the multipart threshold.
  virtual Result<ObjectInfo> Put(const std::string& bucket, const std::string& key,
                                 const std::string& src_path) = 0;
};

// The real client on libcurl.
std::unique_ptr<Client> NewCurlClient(ClientOptions options, Credentials credentials);

}  // namespace berth::s3
