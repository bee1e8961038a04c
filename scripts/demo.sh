#!/usr/bin/env bash
# The local fleet, end to end: `insight local` stands up the sample monorepo's tenant accounts on this machine from
# the templates samples/Infra synthesizes (tables in DynamoDB Local, each function as its native bootstrap, rules,
# queues, schedules, one HTTP port per tenant), and runs samples/LocalScenario against them. The scenario puts every
# tenant's scans, metric samples and ergonomics measures on its bus, waits until the run has settled them, asks the
# routes with tokens from the local issuer, reads each tenant's tables, prints the report and exits non-zero unless
# every event of every service is accounted for.
#   bash scripts/demo.sh [--tenants N (3)] [--events E (2000, scans per tenant)] [--seed S (42)]
# A second run reuses the publishes of unchanged services (seconds instead of minutes).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

tenants=3 events=2000 seed=42
while [ $# -gt 0 ]; do
  case "$1" in
    --tenants) tenants="$2"; shift 2 ;;
    --events) events="$2"; shift 2 ;;
    --seed) seed="$2"; shift 2 ;;
    *) echo "usage: scripts/demo.sh [--tenants N] [--events E] [--seed S]" >&2; exit 2 ;;
  esac
done

# shellcheck source=scripts/prerequisites.sh
source scripts/prerequisites.sh
insight_require_dotnet
insight_require_local_run_packages

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
# The tool is built apart from the sources' obj/ and bin/: the samples' native publish builds the same SDK projects
# with other properties, and sharing their outputs would make each side rebuild the other's, and republish.
echo "Building the insight tool and the scenario ..."
dotnet build src/Insight.Cli -c Release -nologo -v quiet -clp:ErrorsOnly --artifacts-path artifacts/insight-tool
dotnet build samples/LocalScenario -c Release -nologo -v quiet -clp:ErrorsOnly --artifacts-path artifacts/local-scenario
insight=(dotnet artifacts/insight-tool/bin/Insight.Cli/release/insight.dll)

# Time runs 60 times faster locally: a poison message's five receives (360 s visibility each) take 30 s, not 30 min.
"${insight[@]}" local --infra samples/Infra --tenants "$tenants" --seed "$seed" --time-scale 60 -- \
  dotnet artifacts/local-scenario/bin/LocalScenario/release/LocalScenario.dll --events "$events" --seed "$seed"
