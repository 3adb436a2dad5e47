#include "agent/lifecycle/secret_masker.h"

#include <catch2/catch.hpp>

namespace berth::agent {

TEST_CASE("secret values are masked, plain variables are not", "[secrets]") {
  SecretMasker masker({{"USER", "admin", false, false},
                       {"PW", "hunter2", true, false},
                       {"LONG", "hunter2hunter2", true, false},
                       {"KEY", "line one\nline two", true, false},
                       {"GONE", "", true, true}});
  CHECK(masker.Mask("user admin pw hunter2 and hunter2") == "user admin pw *** and ***");
  CHECK(masker.Mask("hunter2hunter2!") == "***!");
  CHECK(masker.Mask("a line one b") == "a *** b");
  CHECK(masker.Mask("line two") == "***");
  CHECK(masker.Mask("nothing here") == "nothing here");
}

}  // namespace berth::agent
