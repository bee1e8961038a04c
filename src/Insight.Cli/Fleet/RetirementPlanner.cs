using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using Insight.Sdk.Fleet;

namespace Insight.Cli.Fleet;

/// <summary>Who retires what: the tenant, its account, where its tables go and where closures are logged.</summary>
internal sealed record RetirementRequest(
    string TenantId,
    string AccountId,
    string? ExportBucket,
    string? RetiredOrganizationalUnitId,
    string ClosureLogPath,
    FleetDescription Fleet);

/// <summary>One step of a retirement: what it does, why, the exact commands, and whether a person confirms it first.</summary>
internal sealed record RetirementStep(int Number, string Title, string Why, string Credentials, IReadOnlyList<string> Commands, bool Confirm);

/// <summary>
/// Writes the ordered, deliberately manual procedure that retires one tenant: confirm the registry, export or keep
/// the tables (they are retained when their stacks go), delete the account's stack instances from every service stack
/// set, move the account out of the tenants unit, mark the registry, close the account and log the closure. It calls
/// no AWS API; a person runs the commands, confirming each destructive step.
/// </summary>
internal static partial class RetirementPlanner
{
    /// <summary>What is wrong with <paramref name="request"/>.</summary>
    public static IReadOnlyList<string> Problems(RetirementRequest request)
    {
        var problems = new List<string>();
        if (!TenantId.IsValid(request.TenantId))
        {
            problems.Add($"--tenant {request.TenantId} is not a tenant id ({TenantId.Description}).");
        }

        if (!AccountPattern().IsMatch(request.AccountId))
        {
            problems.Add($"--account {request.AccountId} is not a 12-digit account id.");
        }

        if (request.ExportBucket is { } bucket && !BucketPattern().IsMatch(bucket))
        {
            problems.Add($"--export-bucket {bucket} is not an S3 bucket name.");
        }

        if (request.RetiredOrganizationalUnitId is { } unit && !UnitPattern().IsMatch(unit))
        {
            problems.Add($"--retired-ou {unit} is not an organizational unit id (ou-…).");
        }

        if (request.Fleet.Regions.Count == 0)
        {
            problems.Add("The fleet description names no regions; synthesize the platform with its region set.");
        }

        return problems;
    }

    /// <summary>The steps, in the order they must run.</summary>
    public static IReadOnlyList<RetirementStep> Steps(RetirementRequest request)
    {
        var fleet = request.Fleet;
        var tenant = request.TenantId;
        var account = request.AccountId;
        var platform = $"--profile \"$PLATFORM_PROFILE\"{(fleet.HomeRegion is { } home ? $" --region {home}" : string.Empty)}";
        var management = "--profile \"$MANAGEMENT_PROFILE\"";
        var key = Shell.Quote("{\"tenantId\":{\"S\":\"" + tenant + "\"}}");
        var steps = new List<(string Title, string Why, string Credentials, IReadOnlyList<string> Commands, bool Confirm)>
        {
            (
                $"Confirm the registry maps {tenant} to {account}",
                "Every later step is about this account; a wrong pair would retire another tenant's data.",
                "platform account",
                [
                    $"registered=$(aws dynamodb get-item {platform} --table-name {fleet.RegistryTable} --key {key} --consistent-read --query 'Item.accountId.S' --output text)",
                    $"[ \"$registered\" = \"{account}\" ] || {{ echo \"The registry maps {tenant} to $registered, not {account}: stopping.\" >&2; exit 1; }}",
                ],
                false),
            (
                "Mark the tenant as retiring in the registry",
                "Vending and operators see the tenant is on its way out; the condition keeps the registry and this runbook in step.",
                "platform account",
                [RegistryStatus(platform, fleet.RegistryTable, key, account, "RETIRING")],
                false),
            request.ExportBucket is { } bucket
                ? (
                    $"Export every table of the account to s3://{bucket}",
                    "The tables are retained when their stacks are deleted (RetainOnDelete), but closing the account ends them after the 90-day post-closure period; a point-in-time export (every table has recovery enabled) keeps the data. The bucket's policy must let the account write.",
                    "the tenant account, through the platform role (assumed from the management account)",
                    [.. ExportCommands(request, platform, management, bucket)],
                    false)
                : (
                    "Keep the tables (no export requested)",
                    "The tables are retained when their stacks are deleted (RetainOnDelete) and stay in the account until it is closed; AWS deletes a closed account's resources after the 90-day post-closure period. Pass --export-bucket to export them first.",
                    "none",
                    ["echo 'Tables are kept in the account, not exported.'"],
                    false),
            (
                "Delete the account's stack instances from every service stack set",
                "Stops and removes the tenant's functions, rules and queues, one stack set operation per service (stacks deleted, tables retained).",
                "platform account (StackSets administrator)",
                [.. fleet.StackSets.Select(stackSet =>
                    $"operation=$(aws cloudformation delete-stack-instances {platform} --stack-set-name {stackSet} "
                    + $"--deployment-targets OrganizationalUnitIds={fleet.TenantsOrganizationalUnitId},Accounts={account},AccountFilterType=INTERSECTION "
                    + $"--regions {string.Join(' ', fleet.Regions)} --no-retain-stacks --operation-preferences FailureToleranceCount=0,MaxConcurrentCount=1 "
                    + $"--call-as {fleet.CallAs} --query OperationId --output text) && wait_for_operation {stackSet} \"$operation\"")],
                true),
        };
        if (request.RetiredOrganizationalUnitId is { } retired)
        {
            steps.Add((
                $"Move the account out of the tenants unit into {retired}",
                "Automatic deployment and every later rollout target the tenants unit; outside it the account gets no new stack instances.",
                "management account",
                [
                    $"aws organizations move-account {management} --account-id {account} --source-parent-id {fleet.TenantsOrganizationalUnitId} --destination-parent-id {retired}",
                ],
                false));
        }

        steps.Add((
            "Mark the tenant as retired in the registry",
            "The registry keeps the tenant's history: which account served it and when it was retired.",
            "platform account",
            [RegistryStatus(platform, fleet.RegistryTable, key, account, "RETIRED")],
            false));
        steps.Add((
            $"Close account {account} and log the closure",
            "Closing counts against the organization's closure quota for 30 days; the log line lets the next retirement count it.",
            "management account",
            [
                $"aws organizations close-account {management} --account-id {account}",
                ClosureLog.AppendCommand(request.ClosureLogPath, account, tenant),
                $"aws organizations describe-account {management} --account-id {account} --query Account.Status --output text",
            ],
            true));

        return [.. steps.Select((s, i) => new RetirementStep(i + 1, s.Title, s.Why, s.Credentials, s.Commands, s.Confirm))];
    }

    /// <summary>The runbook: a bash script that runs the steps in order and asks before each destructive one.</summary>
    public static string Script(RetirementRequest request, IReadOnlyList<RetirementStep> steps, ClosureDecision decision, DateTimeOffset writtenAt)
    {
        var account = request.AccountId;
        var script = new StringBuilder();
        var home = request.Fleet.HomeRegion is { } region ? $" --region {region}" : string.Empty;
        script.Append(CultureInfo.InvariantCulture, $$"""
            #!/usr/bin/env bash
            # Retires tenant {{request.TenantId}} (account {{account}}). Written by `insight fleet retire` on {{writtenAt:yyyy-MM-dd HH:mm}} UTC.
            # {{decision.Reason}}
            # Run it yourself: it asks for the account id before each destructive step.
            set -euo pipefail
            : "${PLATFORM_PROFILE:?set PLATFORM_PROFILE to an AWS CLI profile for the platform (StackSets administrator) account}"
            : "${MANAGEMENT_PROFILE:?set MANAGEMENT_PROFILE to an AWS CLI profile for the management account of the organization}"
            confirm() {
              read -r -p "$1 Type the account id ({{account}}) to continue: " answer
              [ "$answer" = "{{account}}" ] || { echo "Stopped before: $1" >&2; exit 1; }
            }
            wait_for_operation() {
              while true; do
                status=$(aws cloudformation describe-stack-set-operation --profile "$PLATFORM_PROFILE"{{home}} \
                  --stack-set-name "$1" --operation-id "$2" --call-as {{request.Fleet.CallAs}} --query StackSetOperation.Status --output text)
                case "$status" in
                  SUCCEEDED) echo "$1: operation $2 succeeded"; return 0 ;;
                  FAILED|STOPPED) echo "$1: operation $2 $status; list-stack-instances shows why" >&2; return 1 ;;
                  *) sleep 30 ;;
                esac
              done
            }

            """);
        foreach (var step in steps)
        {
            script.Append(CultureInfo.InvariantCulture, $"\n# Step {step.Number}: {step.Title}\n# {step.Why}\n# Credentials: {step.Credentials}\n");
            script.Append(CultureInfo.InvariantCulture, $"echo {Shell.Quote($"== Step {step.Number}: {step.Title}")}\n");
            if (step.Confirm)
            {
                script.Append(CultureInfo.InvariantCulture, $"confirm {Shell.Quote($"{step.Title}.")}\n");
            }

            foreach (var command in step.Commands)
            {
                script.Append(command).Append('\n');
            }
        }

        script.Append(CultureInfo.InvariantCulture, $"\necho {Shell.Quote($"Tenant {request.TenantId} retired; account {account} is closing (PENDING_CLOSURE, then SUSPENDED).")}\n");
        return script.ToString();
    }

    private static string RegistryStatus(string platform, string table, string key, string account, string status) =>
        $"aws dynamodb update-item {platform} --table-name {table} --key {key} "
        + "--update-expression 'SET #status = :status, #changed = :now' --condition-expression 'accountId = :account' "
        + $"--expression-attribute-names '{{\"#status\":\"status\",\"#changed\":\"{status.ToLowerInvariant()}At\"}}' "
        + $"--expression-attribute-values \"$(printf '{{\":status\":{{\"S\":\"{status}\"}},\":account\":{{\"S\":\"{account}\"}},\":now\":{{\"S\":\"%s\"}}}}' \"$(date -u +%Y-%m-%dT%H:%M:%SZ)\")\"";

    private static IEnumerable<string> ExportCommands(RetirementRequest request, string platform, string management, string bucket)
    {
        var fleet = request.Fleet;
        var account = request.AccountId;
        var exports = $"exports-{request.TenantId}-{account}.txt";
        yield return $"read -r TENANT_KEY TENANT_SECRET TENANT_TOKEN < <(aws sts assume-role {management} --role-arn arn:aws:iam::{account}:role/{fleet.PlatformRoleName} "
            + $"--role-session-name retire-{request.TenantId} --query 'Credentials.[AccessKeyId,SecretAccessKey,SessionToken]' --output text)";
        yield return "as_tenant() { AWS_ACCESS_KEY_ID=\"$TENANT_KEY\" AWS_SECRET_ACCESS_KEY=\"$TENANT_SECRET\" AWS_SESSION_TOKEN=\"$TENANT_TOKEN\" \"$@\"; }";
        yield return $": > {exports}";
        foreach (var stackSet in fleet.StackSets)
        {
            foreach (var region in fleet.Regions)
            {
                yield return $"stack=$(aws cloudformation describe-stack-instance {platform} --stack-set-name {stackSet} --stack-instance-account {account} "
                    + $"--stack-instance-region {region} --call-as {fleet.CallAs} --query StackInstance.StackId --output text)";
                yield return $"for table in $(as_tenant aws cloudformation list-stack-resources --region {region} --stack-name \"$stack\" "
                    + "--query \"StackResourceSummaries[?ResourceType=='AWS::DynamoDB::Table'].PhysicalResourceId\" --output text); do "
                    + $"as_tenant aws dynamodb export-table-to-point-in-time --region {region} --table-arn \"arn:aws:dynamodb:{region}:{account}:table/$table\" "
                    + $"--s3-bucket {bucket} --s3-prefix \"insight-retired/{request.TenantId}/{account}/{stackSet}/$table\" "
                    + $"--query ExportDescription.ExportArn --output text | tee -a {exports}; done";
            }
        }

        yield return $"while read -r export; do until [ \"$(as_tenant aws dynamodb describe-export --region \"$(cut -d: -f4 <<< \"$export\")\" --export-arn \"$export\" "
            + $"--query ExportDescription.ExportStatus --output text)\" = COMPLETED ]; do sleep 60; done; echo \"exported: $export\"; done < {exports}";
    }

    [GeneratedRegex("^[0-9]{12}$")]
    private static partial Regex AccountPattern();

    [GeneratedRegex("^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$")]
    private static partial Regex BucketPattern();

    [GeneratedRegex("^ou-[0-9a-z]{4,32}-[a-z0-9]{8,32}$")]
    private static partial Regex UnitPattern();
}

/// <summary>Quoting for the shell commands the runbooks contain.</summary>
internal static class Shell
{
    /// <summary><paramref name="text"/> as one single-quoted shell word.</summary>
    public static string Quote(string text) => "'" + text.Replace("'", "'\\''", StringComparison.Ordinal) + "'";
}
