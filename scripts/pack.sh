#!/usr/bin/env bash
# Packs Insight.Sdk, Insight.Sdk.Cdk, Insight.Local, Insight.Testing, Insight.Cli (the `insight` tool) and Insight.Templates
# into one folder.
#
#   bash scripts/pack.sh [folder]            a local pack: 0.1.0-local.<UTC stamp>, new on every pack
#   bash scripts/pack.sh --release [folder]  a release pack: 0.1.0-rel.<commit time>.g<commit>, from the checked-out commit
#
# The folder defaults to artifacts/packages of this repository; a relative folder is taken from where the script is
# run. Every pack gets a version of its own, so a re-pack is never shadowed by an earlier pack that a machine's global
# packages folder already holds. The version is printed and written to <folder>/insight.version; the templates in the
# pack pin exactly that version.
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)

release=false
if [ "${1:-}" = "--release" ]; then
  release=true
  shift
fi
out=${1:-$root/artifacts/packages}
mkdir -p "$out"
out=$(cd "$out" && pwd)

if $release; then
  commit=$(git -C "$root" rev-parse HEAD)
  if [ -n "$(git -C "$root" status --porcelain --untracked-files=no)" ]; then
    echo "A release pack is made from a clean checkout: commit or stash the changes first." >&2
    exit 1
  fi
  time=$(TZ=UTC git -C "$root" show -s --format=%cd --date=format-local:%Y%m%d%H%M%S HEAD)
  version_properties=(-p:InsightCommit="$commit" -p:InsightCommitTime="$time")
else
  version_properties=(-p:InsightPackStamp="$(date -u +%Y%m%d%H%M%S%3N)")
fi

# Built apart from the source tree's bin/ and obj/, so a pack never races a build or test run of the same projects.
build=$(mktemp -d)
trap 'rm -rf "$build"' EXIT
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
echo "Packing the Insight packages into $out ..."
dotnet pack "$root/Insight.Sdk.sln" -c Release -o "$out" --artifacts-path "$build" -nologo "${version_properties[@]}" > "$build/pack.log" 2>&1 \
  || { grep -E "error|warning" "$build/pack.log" | sort -u | tail -40 >&2; echo "dotnet pack failed." >&2; exit 1; }

version=$(dotnet msbuild "$root/src/Insight.Sdk/Insight.Sdk.csproj" -getProperty:Version "${version_properties[@]}")
for package in Insight.Sdk Insight.Sdk.Cdk Insight.Local Insight.Testing Insight.Cli Insight.Templates; do
  [ -f "$out/$package.$version.nupkg" ] || { echo "$out/$package.$version.nupkg was not written." >&2; exit 1; }
done
echo "$version" > "$out/insight.version"
echo "Packed version $version into $out"
