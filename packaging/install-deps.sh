#!/usr/bin/env bash
# Installs the Debian packages Berth builds and tests with. Idempotent; quiet when
# everything is already present.
set -euo pipefail

PACKAGES=(
  build-essential cmake ninja-build ccache pkg-config git
  libgrpc++-dev protobuf-compiler-grpc libprotobuf-dev protobuf-compiler
  libyaml-cpp-dev libsqlite3-dev libcurl4-openssl-dev libssl-dev libcli11-dev catch2
  libgit2-dev libarchive-dev nlohmann-json3-dev libspdlog-dev libcpp-httplib-dev libjemalloc-dev
  libtinyxml2-dev zlib1g-dev
  python3 curl zip unzip tar gzip procps openssl tzdata
  dpkg-dev help2man lintian
  prometheus-cpp-dev prometheus
  # The dashboard's browser test (tests/integration/dashboard_test.cc).
  chromium chromium-driver python3-selenium
)

missing=()
for p in "${PACKAGES[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$p")
  fi
done
[ ${#missing[@]} -eq 0 ] && exit 0

SUDO=""
if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi
echo "install-deps: installing ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
