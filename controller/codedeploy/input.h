// Reading CodeDeploy request members and paging lists with nextToken.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "common/model/tags.h"
#include "controller/codedeploy/outcome.h"

namespace berth::codedeploy {

// input[key] when it is a string; empty otherwise (botocore checks types before sending).
std::string Str(const Json& input, const char* key);
// input[key] as strings (non-strings skipped); empty when absent.
std::vector<std::string> Strs(const Json& input, const char* key);
// input[key] when it is a boolean.
std::optional<bool> Bool(const Json& input, const char* key);
// True when input[key] is present and not empty (null, "", [] and {} count as absent).
bool Given(const Json& input, const char* key);

// A named exception "<member> is required".
Outcome Required(const char* exception, const char* member);
// A named exception for a member Berth does not support.
Outcome Unsupported(const char* exception, const char* member, const std::string& why);

// One page of `keys` (in list order) after the token: tokens are the last key of the
// previous page. INVALID_ARGUMENT-free: an unknown token is InvalidNextTokenException.
struct Page {
  size_t begin = 0;
  size_t end = 0;
  std::string next_token;  // empty: last page
};
std::optional<Page> PageOf(const std::vector<std::string>& keys, const std::string& token,
                           int page_size);
Outcome BadNextToken(const std::string& token);
// `out` with member `list_member` set to the page of `names` input["nextToken"] asks for,
// and "nextToken" when more follow.
Outcome NamesPage(const std::vector<std::string>& names, const Json& input, int page_size,
                  const char* list_member, Json out = Json::object());

// tags.cc: a TagList ([{"Key", "Value"}]) into `out`; an InvalidTagsToAddException
// naming a bad or repeated tag (api::CheckResourceTags' rules), an empty body otherwise.
Outcome ReadTagList(const Json& list, model::Tags* out);

// Epoch seconds, as CodeDeploy's JSON timestamps are; the member is left out for 0.
void PutEpoch(Json& j, const char* member, int64_t epoch_ms);

}  // namespace berth::codedeploy
