#include "common/model/failure_budget.h"

#include <catch2/catch.hpp>

namespace berth::model {
namespace {

TEST_CASE("ParseFailureBudget reads a count or a percentage", "[budget]") {
  struct Row {
    const char* text;
    bool percent;
    int value;
  };
  for (const Row& row : std::vector<Row>{{"0", false, 0},
                                         {"3", false, 3},
                                         {"0%", true, 0},
                                         {"10%", true, 10},
                                         {"100%", true, 100}}) {
    INFO(row.text);
    Result<FailureBudget> budget = ParseFailureBudget(row.text);
    REQUIRE(budget.ok());
    CHECK(budget->percent == row.percent);
    CHECK(budget->value == row.value);
    CHECK(FailureBudgetText(*budget) == row.text);
  }
}

TEST_CASE("ParseFailureBudget refuses bad text, naming it", "[budget]") {
  struct Row {
    const char* text;
    const char* message;
  };
  const std::string shape = "\" is not a host count (3) or a percentage of the hosts (10%)";
  for (const Row& row : std::vector<Row>{
           {"", ""},
           {"-1", "-1"},
           {"3 hosts", "3 hosts"},
           {"%", "%"},
           {"1.5", "1.5"},
           {"10%%", "10%%"},
           {"9999999", "9999999"},
       }) {
    INFO(row.text);
    Result<FailureBudget> budget = ParseFailureBudget(row.text);
    REQUIRE_FALSE(budget.ok());
    CHECK(budget.status().code() == Code::kInvalidArgument);
    CHECK(budget.status().message() == "max failed hosts \"" + std::string(row.message) + shape);
  }
  Result<FailureBudget> too_much = ParseFailureBudget("101%");
  REQUIRE_FALSE(too_much.ok());
  CHECK(too_much.status().message() == "max failed hosts 101% is more than 100% of the hosts");
}

}  // namespace
}  // namespace berth::model
