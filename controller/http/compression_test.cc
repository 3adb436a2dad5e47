#include "controller/http/compression.h"

#include <catch2/catch.hpp>

namespace berth::http {
namespace {

TEST_CASE("brotli is taken off a client's Accept-Encoding, the rest kept in order") {
  CHECK(WithoutBrotli("br, gzip, deflate") == "gzip, deflate");
  CHECK(WithoutBrotli("gzip, deflate, br, zstd") == "gzip, deflate, zstd");
  CHECK(WithoutBrotli("br;q=1.0, gzip;q=0.8") == "gzip;q=0.8");
  CHECK(WithoutBrotli("br") == "");
  CHECK(WithoutBrotli("gzip") == "gzip");
  CHECK(WithoutBrotli("") == "");
  CHECK(WithoutBrotli("brotli-ish, gzip") == "brotli-ish, gzip");
}

TEST_CASE("PreferGzip rewrites the request's header in place") {
  httplib::Request req;
  req.headers.emplace("Accept-Encoding", "gzip, deflate, br");
  PreferGzip(req);
  CHECK(req.get_header_value("Accept-Encoding") == "gzip, deflate");
  httplib::Request none;
  PreferGzip(none);
  CHECK_FALSE(none.has_header("Accept-Encoding"));
}

}  // namespace
}  // namespace berth::http
