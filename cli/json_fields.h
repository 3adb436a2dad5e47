// Lenient reads of API answers: a missing or mistyped field reads as empty, so a
// renderer never throws on a controller that omits a field.
#pragma once

#include <cstdint>
#include <nlohmann/json.hpp>
#include <string>

namespace berth::cli {

// j[key] if j is an object holding a string there, otherwise "".
std::string JsonString(const nlohmann::json& j, const char* key);
// j[key] if j is an object holding a number there, otherwise `fallback`.
int64_t JsonInt(const nlohmann::json& j, const char* key, int64_t fallback = 0);
// j[key] if j is an object holding an array there, otherwise an empty array.
const nlohmann::json& JsonArray(const nlohmann::json& j, const char* key);
// j[key] if j is an object holding an object there, otherwise an empty object.
const nlohmann::json& JsonObject(const nlohmann::json& j, const char* key);

}  // namespace berth::cli
