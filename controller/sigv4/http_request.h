// The SignedRequest of an httplib request: what the faces on the API listener (CodeDeploy,
// S3) hand the Verifier.
#pragma once

#include <httplib.h>

#include "controller/sigv4/verifier.h"

namespace berth::sigv4 {

inline SignedRequest SignedRequestOf(const httplib::Request& req) {
  SignedRequest out;
  out.method = req.method;
  out.path = req.path;
  for (const auto& [k, v] : req.params) out.query.emplace_back(k, v);
  for (const auto& [k, v] : req.headers) out.headers.emplace_back(k, v);
  return out;
}

}  // namespace berth::sigv4
