#!/usr/bin/env bash
# What CI and the release pipeline run: build and test everything, publish every service natively for the architecture
# it declares and zip it under a key addressed by its content (insight build), then synthesize each service's template
# against those keys and store it under a content key of its own. artifacts/release/ is laid out as the artifact
# bucket's keys: upload it as it is (see README.md, "Releases").
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")"
dotnet tool restore
dotnet build -c Release
dotnet test -c Release --no-build
dotnet insight build
dotnet run --project infra -c Release --no-build -- cdk.out artifacts/release/release.json
