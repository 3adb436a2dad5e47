#include "controller/store/sqlite_codec.h"

#include <nlohmann/json.hpp>

namespace berth::store {
namespace {

using Json = nlohmann::json;

// Runs `decode` on the parsed `text`, turning any nlohmann exception (bad syntax, wrong
// type) into INTERNAL naming `what`.
template <typename Decode>
Status DecodeJson(const std::string& text, const char* what, Decode decode) {
  try {
    return decode(Json::parse(text));
  } catch (const Json::exception& e) {
    return Internal(std::string("store: malformed ") + what + " JSON: " + e.what());
  }
}

}  // namespace

std::string EncodeTags(const model::Tags& tags) { return Json(tags).dump(); }

Status DecodeTags(const std::string& text, model::Tags* out) {
  return DecodeJson(text, "tags", [&](const Json& json) {
    *out = json.get<model::Tags>();
    return Status::Ok();
  });
}

std::string EncodeTagSet(const model::TagSet& set) {
  Json lists = Json::array();
  for (const model::TagFilterList& list : set) {
    Json filters = Json::array();
    for (const model::TagFilter& f : list) {
      filters.push_back({{"key", f.key}, {"value", f.value}, {"type", TagFilterTypeName(f.type)}});
    }
    lists.push_back(std::move(filters));
  }
  return lists.dump();
}

Status DecodeTagSet(const std::string& text, model::TagSet* out) {
  return DecodeJson(text, "tag set", [&](const Json& json) {
    model::TagSet set;
    for (const Json& filters : json) {
      model::TagFilterList list;
      for (const Json& f : filters) {
        model::TagFilter filter;
        filter.key = f.at("key").get<std::string>();
        filter.value = f.at("value").get<std::string>();
        RETURN_IF_ERROR(DecodeEnum(f.at("type").get<std::string>(), &model::ParseTagFilterType,
                                   &filter.type, "deployment_groups.tag_set"));
        list.push_back(std::move(filter));
      }
      set.push_back(std::move(list));
    }
    *out = std::move(set);
    return Status::Ok();
  });
}

std::string EncodeLocation(const model::RevisionLocation& l) {
  return Json{{"type", RevisionTypeName(l.type)},
              {"bundleType", BundleTypeName(l.bundle_type)},
              {"sha256", l.sha256},
              {"bucket", l.bucket},
              {"key", l.key},
              {"version", l.version},
              {"etag", l.etag},
              {"repository", l.repository},
              {"commitId", l.commit_id},
              {"url", l.url}}
      .dump();
}

Status DecodeLocation(const std::string& text, model::RevisionLocation* out) {
  return DecodeJson(text, "revision location", [&](const Json& json) {
    model::RevisionLocation l;
    RETURN_IF_ERROR(DecodeEnum(json.at("type").get<std::string>(), &model::ParseRevisionType,
                               &l.type, "revision location type"));
    RETURN_IF_ERROR(DecodeEnum(json.at("bundleType").get<std::string>(), &model::ParseBundleType,
                               &l.bundle_type, "revision location bundleType"));
    l.sha256 = json.at("sha256").get<std::string>();
    l.bucket = json.at("bucket").get<std::string>();
    l.key = json.at("key").get<std::string>();
    l.version = json.at("version").get<std::string>();
    l.etag = json.at("etag").get<std::string>();
    l.repository = json.at("repository").get<std::string>();
    l.commit_id = json.at("commitId").get<std::string>();
    l.url = json.at("url").get<std::string>();
    *out = std::move(l);
    return Status::Ok();
  });
}

std::string EncodeAutoRollback(const model::AutoRollbackConfig& c) {
  return Json{{"enabled", c.enabled}, {"events", c.events}}.dump();
}

Status DecodeAutoRollback(const std::string& text, model::AutoRollbackConfig* out) {
  return DecodeJson(text, "auto rollback", [&](const Json& json) {
    out->enabled = json.at("enabled").get<bool>();
    out->events = json.at("events").get<std::vector<std::string>>();
    return Status::Ok();
  });
}

std::string EncodeAlarmConfig(const model::AlarmConfig& c) {
  return Json{{"enabled", c.enabled},
              {"ignorePollAlarmFailure", c.ignore_poll_alarm_failure},
              {"alarms", c.alarms}}
      .dump();
}

Status DecodeAlarmConfig(const std::string& text, model::AlarmConfig* out) {
  return DecodeJson(text, "alarm configuration", [&](const Json& json) {
    out->enabled = json.at("enabled").get<bool>();
    out->ignore_poll_alarm_failure = json.at("ignorePollAlarmFailure").get<bool>();
    out->alarms = json.at("alarms").get<std::vector<std::string>>();
    return Status::Ok();
  });
}

std::string EncodeTriggers(const std::vector<model::TriggerConfig>& triggers) {
  Json list = Json::array();
  for (const model::TriggerConfig& t : triggers) {
    list.push_back({{"name", t.name}, {"url", t.url}, {"events", t.events}});
  }
  return list.dump();
}

Status DecodeTriggers(const std::string& text, std::vector<model::TriggerConfig>* out) {
  return DecodeJson(text, "triggers", [&](const Json& json) {
    std::vector<model::TriggerConfig> triggers;
    for (const Json& t : json) {
      triggers.push_back({t.at("name").get<std::string>(), t.at("url").get<std::string>(),
                          t.at("events").get<std::vector<std::string>>()});
    }
    *out = std::move(triggers);
    return Status::Ok();
  });
}

std::string EncodeStringList(const std::vector<std::string>& list) { return Json(list).dump(); }

Status DecodeStringList(const std::string& text, std::vector<std::string>* out) {
  return DecodeJson(text, "string list", [&](const Json& json) {
    *out = json.get<std::vector<std::string>>();
    return Status::Ok();
  });
}

namespace {

Json HealthCheckJson(const model::HealthCheck& check) {
  return {{"url", check.url}, {"timeoutMs", check.timeout_ms}, {"intervalMs", check.interval_ms}};
}

model::HealthCheck HealthCheckFrom(const Json& json) {
  model::HealthCheck check;
  check.url = json.at("url").get<std::string>();
  check.timeout_ms = json.at("timeoutMs").get<int64_t>();
  check.interval_ms = json.at("intervalMs").get<int64_t>();
  return check;
}

}  // namespace

std::string EncodeHealthCheck(const model::HealthCheck& check) {
  return check.enabled() ? HealthCheckJson(check).dump() : "";
}

Status DecodeHealthCheck(const std::string& text, model::HealthCheck* out) {
  *out = {};
  if (text.empty()) return Status::Ok();
  return DecodeJson(text, "health check", [&](const Json& json) {
    *out = HealthCheckFrom(json);
    return Status::Ok();
  });
}

std::string EncodeHookOptions(const model::HookOptions& options) {
  if (options.empty()) return "";
  Json vars = Json::array();
  for (const model::Variable& v : options.variables) {
    vars.push_back({{"name", v.name}, {"value", v.value}});
  }
  Json json = {{"variables", vars},
               {"secrets", options.secret_names},
               {"mode", model::DeploymentModeName(options.mode)}};
  if (options.health_check.enabled()) json["healthCheck"] = HealthCheckJson(options.health_check);
  return json.dump();
}

Status DecodeHookOptions(const std::string& text, model::HookOptions* out) {
  *out = {};
  if (text.empty()) return Status::Ok();
  return DecodeJson(text, "hook options", [&](const Json& json) {
    model::HookOptions options;
    for (const Json& v : json.at("variables")) {
      options.variables.push_back(
          {v.at("name").get<std::string>(), v.at("value").get<std::string>()});
    }
    options.secret_names = json.at("secrets").get<std::vector<std::string>>();
    RETURN_IF_ERROR(DecodeEnum(json.at("mode").get<std::string>(), &model::ParseDeploymentMode,
                               &options.mode, "deployments.hook_options"));
    if (auto it = json.find("healthCheck"); it != json.end()) {
      options.health_check = HealthCheckFrom(*it);
    }
    *out = std::move(options);
    return Status::Ok();
  });
}

}  // namespace berth::store
