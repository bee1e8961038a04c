#!/usr/bin/env bash
# Build, test, publish every service natively for Graviton, and synthesize the templates the StackSets deploy.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")"
dotnet build -c Release
dotnet test -c Release --no-build
for service in services/*/; do
  name=$(basename "$service")
  case "$name" in *.Tests) continue ;; esac
  dotnet publish "$service" -c Release -r linux-arm64 -p:PublishAot=true -p:CppCompilerAndLinker=clang -p:LinkerFlavor=lld -o "artifacts/$name/arm64"
done
dotnet run --project infra -c Release -- cdk.out
