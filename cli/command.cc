#include "cli/command.h"

namespace berth::cli {

int Emit(Context& ctx, const nlohmann::json& object,
         const std::function<void(std::ostream&)>& render_table) {
  if (ctx.output == OutputFormat::kJson) {
    *ctx.out << object.dump(2, ' ', false, nlohmann::json::error_handler_t::replace) << "\n";
  } else {
    render_table(*ctx.out);
  }
  return 0;
}

Result<int> DeleteAndReport(Context& ctx, const std::string& path, nlohmann::json object,
                            const std::string& line) {
  RETURN_IF_ERROR(ctx.api->Delete(path).status());
  object["deleted"] = true;
  return Emit(ctx, object, [&](std::ostream& o) { o << line << "\n"; });
}

}  // namespace berth::cli
