// Every test binary's main. A peer that closes a TLS connection must fail the write, not
// kill the test with SIGPIPE (OpenSSL writes with plain write(2)).
#define CATCH_CONFIG_RUNNER
#include <signal.h>

#include <catch2/catch.hpp>

int main(int argc, char** argv) {
  signal(SIGPIPE, SIG_IGN);
  return Catch::Session().run(argc, argv);
}
