// Against AWS's published Signature Version 4 test suite (credentials AKIDEXAMPLE,
// 20150830T123600Z, us-east-1, service "service").
#include "common/sigv4/canonical.h"

#include <catch2/catch.hpp>

#include "common/sha256.h"

namespace berth::sigv4 {
namespace {

constexpr char kKeyId[] = "AKIDEXAMPLE";
constexpr char kSecret[] = "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY";
constexpr char kDate[] = "20150830T123600Z";
constexpr char kEmptyHash[] = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";

CanonicalInput Vanilla(const std::string& method) {
  CanonicalInput in;
  in.method = method;
  in.headers = {{"Host", "example.amazonaws.com"}, {"X-Amz-Date", kDate}};
  in.signed_headers = {"host", "x-amz-date"};
  in.payload_hash = kEmptyHash;
  return in;
}

std::string Authorization(const CanonicalInput& in) {
  return AuthorizationHeader(in, kKeyId, kSecret, kDate, "us-east-1", "service");
}

std::string Expected(const std::string& signed_headers, const std::string& signature) {
  return "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-east-1/service/aws4_request, "
         "SignedHeaders=" +
         signed_headers + ", Signature=" + signature;
}

TEST_CASE("sigv4 get-vanilla: canonical request, string to sign and signature", "[sigv4]") {
  CanonicalInput in = Vanilla("GET");
  const std::string creq = CanonicalRequest(in);
  CHECK(creq ==
        "GET\n/\n\nhost:example.amazonaws.com\nx-amz-date:20150830T123600Z\n\nhost;x-amz-date\n" +
            std::string(kEmptyHash));
  const std::string scope = CredentialScope("20150830", "us-east-1", "service");
  CHECK(scope == "20150830/us-east-1/service/aws4_request");
  CHECK(StringToSign(kDate, scope, creq) ==
        "AWS4-HMAC-SHA256\n20150830T123600Z\n20150830/us-east-1/service/aws4_request\n"
        "bb579772317eb040ac9ed261061d46c1f17a8133879d6129b6e1c25292927e63");
  CHECK(Authorization(in) ==
        Expected("host;x-amz-date",
                 "5fa00fa31553b73ebf1942676e86291e8372ff2a2260956d9b8aae1d763fbf31"));
}

TEST_CASE("sigv4 get-vanilla-query-order-key-case sorts the query", "[sigv4]") {
  CanonicalInput in = Vanilla("GET");
  in.query = {{"Param2", "value2"}, {"Param1", "value1"}};
  const std::string creq = CanonicalRequest(in);
  CHECK(creq.substr(0, creq.find("host:")) == "GET\n/\nParam1=value1&Param2=value2\n");
  CHECK(Sha256Hex(creq) == "816cd5b414d056048ba4f7c5386d6e0533120fb1fcfa93762cf0fc39e2cf19e0");
  CHECK(Authorization(in) ==
        Expected("host;x-amz-date",
                 "b97d918cfa904a5beff61c982a1b6f458b799221646efd99d3219ec94cdf2500"));
}

TEST_CASE("sigv4 post-vanilla", "[sigv4]") {
  CHECK(Authorization(Vanilla("POST")) ==
        Expected("host;x-amz-date",
                 "5da7c1a2acd57cee7505fc6676e4e544621c30862966e37dddb68e92efbe5d6b"));
}

TEST_CASE("sigv4 post-x-www-form-urlencoded signs the body's hash", "[sigv4]") {
  CanonicalInput in = Vanilla("POST");
  in.headers.emplace_back("Content-Type", "application/x-www-form-urlencoded");
  in.signed_headers = {"content-type", "host", "x-amz-date"};
  in.payload_hash = Sha256Hex("Param1=value1");
  CHECK(in.payload_hash == "9095672bbd1f56dfc5b65f3e153adc8731a4a654192329106275f4c7b24d0b6e");
  CHECK(Authorization(in) ==
        Expected("content-type;host;x-amz-date",
                 "ff11897932ad3f4e8b18135d722051e5ac45fc38421b1da7b9d196a0fe09473a"));
}

TEST_CASE("sigv4 get-header-value-trim trims and folds spaces", "[sigv4]") {
  CanonicalInput in = Vanilla("GET");
  in.headers.emplace_back("My-Header1", " value1");
  in.headers.emplace_back("My-Header2", "\"a   b   c\"");
  in.signed_headers = {"host", "my-header1", "my-header2", "x-amz-date"};
  CHECK_THAT(CanonicalRequest(in), Catch::Contains("my-header1:value1\nmy-header2:\"a b c\"\n"));
  CHECK(Authorization(in) ==
        Expected("host;my-header1;my-header2;x-amz-date",
                 "acc3ed3afb60bb290fc8d2dd0098b9911fcaa05412b367055dee359757a9c736"));
}

TEST_CASE("sigv4 post-header-value-case keeps the value's case", "[sigv4]") {
  CanonicalInput in = Vanilla("POST");
  in.headers.emplace_back("My-Header1", "VALUE1");
  in.signed_headers = {"host", "my-header1", "x-amz-date"};
  CHECK(Authorization(in) ==
        Expected("host;my-header1;x-amz-date",
                 "cdbc9802e29d2942e5e10b5bccfdd67c5f22c7c4e8ae67b53629efa58b974b7d"));
}

TEST_CASE("sigv4 get-unreserved leaves unreserved characters alone", "[sigv4]") {
  CanonicalInput in = Vanilla("GET");
  in.path = "/-._~0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
  CHECK(Authorization(in) ==
        Expected("host;x-amz-date",
                 "07ef7494c76fa4850883e2b006601f940f8a34d404d0cfa977f52a65bbf5f24f"));
}

TEST_CASE("sigv4 UriEncode encodes all but unreserved characters", "[sigv4]") {
  CHECK(UriEncode("a b/c+d~e", true) == "a%20b/c%2Bd~e");
  CHECK(UriEncode("a/b=", false) == "a%2Fb%3D");
  CHECK(UriEncode("\xe1\x88\xb4", false) == "%E1%88%B4");
}

TEST_CASE("sigv4 a signed header the request lacks changes the signature", "[sigv4]") {
  CanonicalInput in = Vanilla("GET");
  in.signed_headers.push_back("x-amz-target");
  CHECK(Authorization(in) != Authorization(Vanilla("GET")));
}

}  // namespace
}  // namespace berth::sigv4
