// The Authorization header of a SigV4 request, parsed (no secret needed).
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "common/status.h"

namespace berth::sigv4 {

struct Authorization {
  std::string access_key_id;
  std::string date;                         // the scope's YYYYMMDD
  std::string region;                       // any
  std::string service;                      // "codedeploy", "s3", ...
  std::vector<std::string> signed_headers;  // lower-case, as listed
  std::string signature;                    // lower-case hex
};

// "AWS4-HMAC-SHA256 Credential=KEY/DATE/REGION/SERVICE/aws4_request, SignedHeaders=a;b,
// Signature=HEX". UNAUTHENTICATED (reason kMalformedAuthorization) names what is missing
// or wrong.
Result<Authorization> ParseAuthorization(std::string_view header);

}  // namespace berth::sigv4
