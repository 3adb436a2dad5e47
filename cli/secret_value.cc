#include "cli/secret_value.h"

#include <termios.h>
#include <unistd.h>

#include <iostream>
#include <iterator>

namespace berth::cli {
namespace {

// Turns the terminal's echo off for its lifetime.
class NoEcho {
 public:
  NoEcho() : ok_(::tcgetattr(STDIN_FILENO, &saved_) == 0) {
    if (!ok_) return;
    termios quiet = saved_;
    quiet.c_lflag &= ~static_cast<tcflag_t>(ECHO);
    ::tcsetattr(STDIN_FILENO, TCSAFLUSH, &quiet);
  }
  ~NoEcho() {
    if (ok_) ::tcsetattr(STDIN_FILENO, TCSAFLUSH, &saved_);
  }
  NoEcho(const NoEcho&) = delete;
  NoEcho& operator=(const NoEcho&) = delete;

 private:
  termios saved_{};
  bool ok_;
};

}  // namespace

Result<std::string> ReadSecretValue(std::istream& in, std::ostream& prompt_out,
                                    const std::string& name) {
  std::string value;
  if (&in == &std::cin && ::isatty(STDIN_FILENO)) {
    prompt_out << "Value of secret " << name << ": " << std::flush;
    NoEcho quiet;
    std::getline(in, value);
    prompt_out << "\n";
  } else {
    value.assign(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
    if (!value.empty() && value.back() == '\n') value.pop_back();
    if (!value.empty() && value.back() == '\r') value.pop_back();
  }
  if (value.empty()) {
    return InvalidArgument("no value for secret " + name +
                           ": give it on stdin (echo -n VALUE | berth secret set " + name + ")");
  }
  return value;
}

}  // namespace berth::cli
