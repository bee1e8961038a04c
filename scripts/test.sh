#!/usr/bin/env bash
# Builds the solution and runs every test project. Ends with one line of totals over all of them:
#   "N passed, N failed" (", N skipped" when any were skipped).
set -uo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$root"
# shellcheck source=scripts/prerequisites.sh
source scripts/prerequisites.sh
insight_require_dotnet
insight_require_packages

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
# Insight.Testing keeps DynamoDB Local where the repository's other tests keep it, so a run fetches it once.
export INSIGHT_TOOLS_DIR="$root/.tools"
log=$(mktemp)
trap 'rm -f "$log"' EXIT

echo "Building Insight.Sdk.sln (Release) ..."
if ! dotnet build Insight.Sdk.sln -c Release -nologo > "$log" 2>&1; then
  grep -E "error|warning" "$log" | sort -u | tail -40
  echo "The build failed."
  echo "0 passed, 1 failed"
  exit 1
fi
grep -E "warning [A-Z]+[0-9]+" "$log" | sort -u || true

echo "Running tests ..."
dotnet test Insight.Sdk.sln -c Release --no-build -nologo 2>&1 | tee "$log"
status=${PIPESTATUS[0]}

read -r passed failed skipped < <(awk '
  /(Passed|Failed)! +- +Failed: +[0-9]+, +Passed: +[0-9]+, +Skipped: +[0-9]+/ {
    gsub(",", ""); for (i = 1; i <= NF; i++) {
      if ($i == "Failed:") f += $(i+1); if ($i == "Passed:") p += $(i+1); if ($i == "Skipped:") s += $(i+1)
    }
  }
  END { print p+0, f+0, s+0 }' "$log")

if [ "$status" -ne 0 ] && [ "$failed" -eq 0 ]; then
  failed=1 # the test run itself failed (a project crashed or did not build)
fi
if [ "$passed" -eq 0 ] && [ "$failed" -eq 0 ]; then
  failed=1 # no test ran: that is a failure, not a pass
fi

if [ "$skipped" -gt 0 ]; then
  echo "$passed passed, $failed failed, $skipped skipped"
else
  echo "$passed passed, $failed failed"
fi
[ "$failed" -eq 0 ]
