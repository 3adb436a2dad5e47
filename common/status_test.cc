#include "common/status.h"

#include <catch2/catch.hpp>

namespace berth {
namespace {

Result<int> Half(int x) {
  if (x % 2) return InvalidArgument("odd: " + std::to_string(x));
  return x / 2;
}

Status UseHalf(int x, int* out) {
  ASSIGN_OR_RETURN(*out, Half(x));
  return Status::Ok();
}

TEST_CASE("Status codes carry gRPC names and HTTP statuses") {
  CHECK(CodeName(Code::kUnauthenticated) == "UNAUTHENTICATED");
  CHECK(HttpStatusFor(Code::kUnauthenticated) == 401);
  CHECK(HttpStatusFor(Code::kNotFound) == 404);
  CHECK(HttpStatusFor(Code::kInvalidArgument) == 400);
  CHECK(static_cast<int>(Code::kUnauthenticated) == 16);
  CHECK(NotFound("app web").WithContext("deploy").ToString() == "NOT_FOUND: deploy: app web");
}

TEST_CASE("A reason survives context and is never set on OK") {
  Status s = NotFound("application \"web\" does not exist").WithReason(Reason::kApplication);
  CHECK(s.reason() == Reason::kApplication);
  CHECK(s.WithContext("deploy").reason() == Reason::kApplication);
  CHECK(NotFound("x").reason() == Reason::kNone);
  CHECK(Status::Ok().WithReason(Reason::kApplication).reason() == Reason::kNone);
  Result<int> r = WithReason(Result<int>(NotFound("d-1")), Reason::kDeployment);
  CHECK(r.status().reason() == Reason::kDeployment);
  CHECK(WithReason(Result<int>(3), Reason::kDeployment).value() == 3);
}

TEST_CASE("ASSIGN_OR_RETURN passes values and returns errors") {
  int v = 0;
  REQUIRE(UseHalf(8, &v).ok());
  CHECK(v == 4);
  Status s = UseHalf(3, &v);
  CHECK(s.code() == Code::kInvalidArgument);
  CHECK(s.message() == "odd: 3");
}

}  // namespace
}  // namespace berth
