#include "controller/sigv4/verifier.h"

#include <catch2/catch.hpp>

#include "common/sha256.h"

namespace berth::sigv4 {
namespace {

constexpr char kKeyId[] = "AKIDEXAMPLE";
constexpr char kSecret[] = "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY";
constexpr char kDate[] = "20150830T123600Z";
constexpr int64_t kSigningTimeMs = 1440938160000;  // 2015-08-30T12:36:00Z

struct Fixture {
  FakeClock clock{kSigningTimeMs};
  Verifier verifier{[](const std::string& id) -> Result<api::AccessKey> {
                      if (id != kKeyId) return Unauthenticated("access key " + id + " is unknown");
                      return api::AccessKey{{"AKIDEXAMPLE", model::Role::kDeployer}, kSecret};
                    },
                    &clock, VerifierOptions{.services = {"codedeploy"}}};
};

// A CodeDeploy call as botocore signs it: no x-amz-content-sha256, the body's hash signed.
SignedRequest Signed(const std::string& body, const std::string& secret = kSecret,
                     const std::string& amz_date = kDate) {
  SignedRequest r;
  r.method = "POST";
  r.headers = {{"Host", "127.0.0.1:8080"},
               {"X-Amz-Date", amz_date},
               {"X-Amz-Target", "CodeDeploy_20141006.ListApplications"},
               {"Content-Type", "application/x-amz-json-1.1"}};
  CanonicalInput in;
  in.method = r.method;
  in.headers = r.headers;
  in.signed_headers = {"content-type", "host", "x-amz-date", "x-amz-target"};
  in.payload_hash = Sha256Hex(body);
  r.headers.emplace_back("Authorization", AuthorizationHeader(in, kKeyId, secret, amz_date,
                                                              "us-east-1", "codedeploy"));
  return r;
}

void SetHeader(SignedRequest& r, const std::string& name, const std::string& value) {
  for (auto& [n, v] : r.headers) {
    if (n == name) {
      v = value;
      return;
    }
  }
  r.headers.emplace_back(name, value);
}

TEST_CASE("sigv4 verifier accepts a correctly signed request and names its token", "[sigv4]") {
  Fixture f;
  auto pending = f.verifier.Begin(Signed("{}"));
  REQUIRE(pending.ok());
  CHECK(pending->principal().token_id == "AKIDEXAMPLE");
  CHECK(pending->principal().role == model::Role::kDeployer);
  CHECK(pending->service() == "codedeploy");
  CHECK(pending->payload_mode() == PayloadMode::kHashed);
  CHECK(pending->VerifyBody("{}").ok());
}

TEST_CASE("sigv4 verifier refuses a changed body or a wrong secret as a mismatch", "[sigv4]") {
  Fixture f;
  auto pending = f.verifier.Begin(Signed("{}"));
  REQUIRE(pending.ok());
  Status changed = pending->VerifyBody("{\"a\":1}");
  CHECK(changed.code() == Code::kUnauthenticated);
  CHECK(changed.reason() == Reason::kSignatureMismatch);
  auto wrong = f.verifier.Begin(Signed("{}", "not-the-secret"));
  REQUIRE(wrong.ok());
  CHECK(wrong->VerifyBody("{}").reason() == Reason::kSignatureMismatch);
}

TEST_CASE("sigv4 verifier refuses a date more than 15 minutes off", "[sigv4]") {
  Fixture f;
  f.clock.AdvanceMs(15 * 60 * 1000);
  CHECK(f.verifier.Begin(Signed("{}")).ok());
  f.clock.AdvanceMs(1000);
  auto late = f.verifier.Begin(Signed("{}"));
  CHECK(late.status().reason() == Reason::kClockSkew);
  CHECK_THAT(late.status().message(), Catch::Contains("901 s, more than the 900 s allowed"));
  Fixture early;
  early.clock.AdvanceMs(-16 * 60 * 1000);
  CHECK(early.verifier.Begin(Signed("{}")).status().reason() == Reason::kClockSkew);
}

TEST_CASE("sigv4 verifier refuses unknown keys, other services and missing headers", "[sigv4]") {
  Fixture f;
  SignedRequest r = Signed("{}");
  SetHeader(r, "Authorization", "");
  CHECK(f.verifier.Begin(r).status().reason() == Reason::kMissingAuthentication);

  r = Signed("{}");
  for (auto& [n, v] : r.headers) {
    if (n == "Authorization") v.replace(v.find("AKIDEXAMPLE"), 11, "AKIDOTHER00");
  }
  auto unknown = f.verifier.Begin(r);
  CHECK(unknown.status().reason() == Reason::kUnknownAccessKey);
  CHECK(unknown.status().message() == "access key AKIDOTHER00 is unknown");

  r = Signed("{}");
  for (auto& [n, v] : r.headers) {
    if (n == "Authorization") v.replace(v.find("/codedeploy/"), 12, "/s3/");
  }
  auto s3 = f.verifier.Begin(r);
  CHECK(s3.status().reason() == Reason::kMalformedAuthorization);
  CHECK(s3.status().message() ==
        "Credential scope names service \"s3\"; this endpoint takes codedeploy");

  r = Signed("{}");
  SetHeader(r, "X-Amz-Date", "20150830T1236");
  CHECK(f.verifier.Begin(r).status().reason() == Reason::kMalformedAuthorization);
}

TEST_CASE("sigv4 verifier checks x-amz-content-sha256 and takes UNSIGNED-PAYLOAD", "[sigv4]") {
  Fixture f;
  SignedRequest r = Signed("{}");
  SetHeader(r, "x-amz-content-sha256", Sha256Hex("other"));
  auto pending = f.verifier.Begin(r);
  REQUIRE(pending.ok());
  CHECK(pending->VerifyBody("{}").reason() == Reason::kPayloadHashMismatch);

  // An unsigned payload: the literal is what the signature covers.
  SignedRequest u;
  u.method = "POST";
  u.headers = {{"Host", "h"}, {"X-Amz-Date", kDate}, {"x-amz-content-sha256", "UNSIGNED-PAYLOAD"}};
  CanonicalInput in{.method = "POST",
                    .headers = u.headers,
                    .signed_headers = {"host", "x-amz-content-sha256", "x-amz-date"},
                    .payload_hash = "UNSIGNED-PAYLOAD"};
  u.headers.emplace_back(
      "Authorization", AuthorizationHeader(in, kKeyId, kSecret, kDate, "eu-west-1", "codedeploy"));
  auto unsigned_payload = f.verifier.Begin(u);
  REQUIRE(unsigned_payload.ok());
  CHECK(unsigned_payload->payload_mode() == PayloadMode::kUnsigned);
  CHECK(unsigned_payload->VerifyBody("anything").ok());

  SetHeader(u, "x-amz-content-sha256", "STREAMING-UNSIGNED-PAYLOAD-TRAILER");
  auto streaming = f.verifier.Begin(u);
  REQUIRE(streaming.ok());
  CHECK(streaming->payload_mode() == PayloadMode::kStreaming);
  CHECK(streaming->VerifyBody("x").code() == Code::kUnimplemented);
}

TEST_CASE("sigv4 Authorization parsing names what is wrong", "[sigv4]") {
  Fixture f;
  SignedRequest r = Signed("{}");
  SetHeader(r, "Authorization",
            "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-east-1/codedeploy/aws4_request, "
            "SignedHeaders=host;x-amz-date");
  auto missing = f.verifier.Begin(r);
  CHECK(missing.status().reason() == Reason::kMalformedAuthorization);
  CHECK(missing.status().message() == "Authorization header: Signature is missing");
  SetHeader(r, "Authorization", "Bearer abc");
  CHECK(f.verifier.Begin(r).status().message() ==
        "Authorization header: the algorithm must be AWS4-HMAC-SHA256");
}

TEST_CASE("sigv4 ParseAmzDate reads the basic ISO 8601 form", "[sigv4]") {
  CHECK(ParseAmzDate(kDate).value() == kSigningTimeMs);
  CHECK(!ParseAmzDate("2015-08-30T12:36:00Z").ok());
  CHECK(!ParseAmzDate("20151330T123600Z").ok());
}

}  // namespace
}  // namespace berth::sigv4
