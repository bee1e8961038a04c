#!/usr/bin/env bash
# Publishes the three sample services natively for this machine, starts DynamoDB Local with each tenant's own tables,
# and runs the functions for several tenants on this machine, the way Lambda would; then prints what each tenant's
# functions answered and its tables hold. Arguments go to `insight local` (defaults: --tenants 3 --events 2000 --seed 42).
# A second run reuses the publishes of unchanged services (seconds instead of minutes).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
# shellcheck source=scripts/prerequisites.sh
source scripts/prerequisites.sh
insight_require_dotnet
insight_require_local_run_packages

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
echo "Building the insight tool ..."
dotnet build src/Insight.Cli -c Release -nologo -v quiet -clp:NoSummary
# One publish-and-zip step, the one CI uses, here for this machine's architecture so the bootstraps run here.
dotnet run --project src/Insight.Cli -c Release --no-build -- build samples --architecture host \
  --publish-dir artifacts/local --output artifacts/local-release
dotnet run --project src/Insight.Cli -c Release --no-build -- local --services-dir artifacts/local "$@"
