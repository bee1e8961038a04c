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
# The tool is built apart from the sources' obj/ and bin/: the samples' native publish builds the same SDK projects
# with other properties, and sharing their outputs would make each side rebuild the other's, and republish.
echo "Building the insight tool ..."
dotnet build src/Insight.Cli -c Release -nologo -v quiet -clp:ErrorsOnly --artifacts-path artifacts/insight-tool
insight=(dotnet artifacts/insight-tool/bin/Insight.Cli/release/insight.dll)

# One publish-and-zip step, the one CI uses, here for this machine's architecture so the bootstraps run here.
"${insight[@]}" build samples --architecture host --publish-dir artifacts/local --output artifacts/local-release
"${insight[@]}" local --services-dir artifacts/local "$@"
