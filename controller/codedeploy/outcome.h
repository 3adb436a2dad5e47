// What a CodeDeploy operation answers: a JSON body, or an error as a Status (mapped to an
// exception by errors.h) or as a named exception the operation chose itself.
#pragma once

#include <nlohmann/json.hpp>
#include <string>
#include <utility>

#include "common/status.h"

namespace berth::codedeploy {

using Json = nlohmann::json;

class Outcome {
 public:
  Outcome(Json body) : body_(std::move(body)) {}          // NOLINT: implicit by design
  Outcome(Status status) : status_(std::move(status)) {}  // NOLINT: implicit by design
  // "<Name>Exception" from the operation's declared errors, with a message for people.
  static Outcome Exception(std::string type, std::string message) {
    Outcome o(Status(Code::kInvalidArgument, std::move(message)));
    o.type_ = std::move(type);
    return o;
  }

  bool ok() const { return status_.ok(); }
  const Json& body() const { return body_; }
  const Status& status() const { return status_; }
  const std::string& exception_type() const { return type_; }  // empty: map status()

 private:
  Json body_;
  Status status_;
  std::string type_;
};

}  // namespace berth::codedeploy
