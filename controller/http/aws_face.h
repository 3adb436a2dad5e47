// The AWS-compatible faces on the API listener (docs/codedeploy-compat.md). Today the
// CodeDeploy JSON 1.1 endpoint: POST / with X-Amz-Target CodeDeploy_20141006.<Op>, signed
// with SigV4 by an API token's key pair. The key id, scope and date are checked before
// any of the body is read; then at most max_body_bytes are read and the signature over
// them verified; then the operation runs with the token's role. The S3 face (path-style,
// streaming payloads) is added beside it.
#pragma once

#include <cstddef>

#include "common/clock.h"
#include "controller/api/service.h"
#include "controller/http/router.h"

namespace berth::http {

struct AwsFaceOptions {
  size_t max_body_bytes = 1 << 20;  // CodeDeploy calls
  int page_size = 100;              // items per List page
};

void RegisterAwsFace(Router& router, api::Service* service, Clock* clock,
                     AwsFaceOptions options = {});

}  // namespace berth::http
