# Writes OUT: a C++ file defining berth::bootstrap::InstallScriptTemplate() from FILE
# (controller/bootstrap/install.sh).
file(READ ${FILE} script)
if(script MATCHES "\\)berthsh\"")
  message(FATAL_ERROR "${FILE} contains the raw-string delimiter )berthsh\"")
endif()
set(content "// Generated from controller/bootstrap/install.sh. Do not edit.\n")
string(APPEND content "#include \"controller/bootstrap/install_script.h\"\n\n")
string(APPEND content "namespace berth::bootstrap {\n")
string(APPEND content "std::string_view InstallScriptTemplate() {\n")
string(APPEND content "  return R\"berthsh(${script})berthsh\";\n}\n")
string(APPEND content "}  // namespace berth::bootstrap\n")
file(WRITE ${OUT} "${content}")
