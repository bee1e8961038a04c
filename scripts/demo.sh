#!/usr/bin/env bash
# Publishes the three sample services natively, starts DynamoDB Local with each tenant's own tables, and runs the
# functions for several tenants on this machine, the way Lambda would; then prints what each tenant's functions
# answered and its tables hold. Arguments go to `insight local` (defaults: --tenants 3 --events 2000 --seed 42).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
# shellcheck source=scripts/prerequisites.sh
source scripts/prerequisites.sh
insight_require_dotnet
insight_require_packages

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
dotnet run --project src/Insight.Cli -c Release -- local "$@"
