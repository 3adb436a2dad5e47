// Dispatcher: runs one CodeDeploy JSON 1.1 call for a caller whose signature was already
// verified: the operation from X-Amz-Target, the role its REST route needs, the input
// parsed, the answer or the exception. Thread-safe (operations are; it holds no state).
#pragma once

#include <string>
#include <string_view>

#include "controller/api/service.h"
#include "controller/codedeploy/operation.h"

namespace berth::codedeploy {

inline constexpr char kContentType[] = "application/x-amz-json-1.1";

struct AwsResponse {
  int status = 200;
  std::string body;  // JSON
};

struct DispatcherOptions {
  int page_size = 100;
};

class Dispatcher {
 public:
  explicit Dispatcher(api::Service* service, DispatcherOptions options = {});

  // `target` is the X-Amz-Target header. An unknown target answers
  // UnknownOperationException, an operation of the model Berth does not support
  // InvalidOperationException naming it; neither is ever a 500.
  AwsResponse Handle(std::string_view target, const api::Principal& caller,
                     std::string_view body) const;

 private:
  api::Service* service_;
  DispatcherOptions options_;
};

}  // namespace berth::codedeploy
