using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Amazon.CDK;
using Amazon.CDK.CXAPI;
using Insight.Sdk.Cdk.Cost;
using Insight.Sdk.Cdk.Templates;

namespace Insight.Sdk.Cdk.Synthesis;

/// <summary>
/// Synthesizes an app and checks every template against what a StackSet rollout to thousands of accounts needs:
/// CloudFormation's limits (resources, size, parameters, outputs) and sameness across accounts (no account or region
/// literal, no bootstrap rule, no transform, no CDK asset). A template that fails is an error at synth, not a failed
/// rollout in account 4,812.
/// </summary>
public static partial class StackSetTemplates
{
    /// <summary>CloudFormation's resource limit per template.</summary>
    public const int MaxResources = 500;

    /// <summary>From here on a template is close enough to the limit to warn.</summary>
    public const int ResourceWarning = 400;

    /// <summary>Largest template CloudFormation accepts from S3, in bytes.</summary>
    public const int MaxTemplateBytes = 1_048_576;

    /// <summary>CloudFormation's parameter limit per template.</summary>
    public const int MaxParameters = 200;

    /// <summary>CloudFormation's output limit per template.</summary>
    public const int MaxOutputs = 200;

    /// <summary>Synthesizes <paramref name="app"/> and checks each template.</summary>
    /// <exception cref="StackSetTemplateException">A template breaks a limit or a sameness rule.</exception>
    public static SynthesisResult Synthesize(App app)
    {
        CloudAssembly assembly;
        try
        {
            assembly = app.Synth();
        }
        catch (Exception exception) when (CdkResourceLimit().Match(exception.Message) is { Success: true } limit)
        {
            // The CDK refuses such a stack itself; report it in the same words as every other limit.
            throw new StackSetTemplateException([$"{limit.Groups[1].Value}: {limit.Groups[2].Value} resources; CloudFormation allows {MaxResources} per template. Split the service."]);
        }

        var warnings = new List<string>();
        var errors = new List<string>();
        foreach (var stack in assembly.Stacks)
        {
            var json = File.ReadAllText(stack.TemplateFullPath);
            var report = Check(stack.StackName, json);
            warnings.AddRange(report.Warnings);
            errors.AddRange(report.Errors);

            // What an idle account pays for the service, against the budget the service carries.
            errors.AddRange(IdleBudget.Check(CloudFormationTemplate.Parse(stack.StackName, json)));
        }

        return errors.Count > 0
            ? throw new StackSetTemplateException(errors)
            : new SynthesisResult(assembly.Directory, [.. assembly.Stacks.Select(s => s.TemplateFullPath)], warnings);
    }

    /// <summary>Checks one template; returns what is wrong (errors) and what is close to wrong (warnings).</summary>
    public static TemplateReport Check(string stackName, string templateJson)
    {
        var errors = new List<string>();
        var warnings = new List<string>();
        using var template = JsonDocument.Parse(templateJson);
        var root = template.RootElement;

        var bytes = Encoding.UTF8.GetByteCount(templateJson);
        if (bytes > MaxTemplateBytes)
        {
            errors.Add($"{stackName}: the template is {bytes:N0} bytes; CloudFormation accepts at most {MaxTemplateBytes:N0}. Split the service.");
        }

        var resources = Count(root, "Resources");
        if (resources > MaxResources)
        {
            errors.Add($"{stackName}: {resources} resources; CloudFormation allows {MaxResources} per template. Split the service.");
        }
        else if (resources >= ResourceWarning)
        {
            warnings.Add($"{stackName}: {resources} resources, close to CloudFormation's {MaxResources} per template.");
        }

        var parameters = Count(root, "Parameters");
        if (parameters > MaxParameters)
        {
            errors.Add($"{stackName}: {parameters} parameters; CloudFormation allows {MaxParameters}.");
        }

        var outputs = Count(root, "Outputs");
        if (outputs > MaxOutputs)
        {
            errors.Add($"{stackName}: {outputs} outputs; CloudFormation allows {MaxOutputs}.");
        }

        if (root.TryGetProperty("Rules", out var rules) && rules.TryGetProperty("CheckBootstrapVersion", out _))
        {
            errors.Add($"{stackName}: the template checks a CDK bootstrap version, which tenant accounts do not have.");
        }

        if (root.TryGetProperty("Transform", out _))
        {
            errors.Add($"{stackName}: the template uses a transform; StackSets with service-managed permissions deploy without macros.");
        }

        var text = root.GetRawText();
        if (AssetReference().Match(text) is { Success: true } asset)
        {
            errors.Add($"{stackName}: the template references CDK assets ({asset.Value}); function packages must come from the ArtifactBucket parameter.");
        }

        if (AccountLiteral().Match(text) is { Success: true } account)
        {
            errors.Add($"{stackName}: the template holds the account id {account.Value}; use AWS::AccountId so one template fits every account.");
        }

        if (RegionLiteral().Match(text) is { Success: true } region)
        {
            errors.Add($"{stackName}: the template holds the region {region.Value}; use AWS::Region so one template fits every region.");
        }

        return new TemplateReport(resources, bytes, errors, warnings);
    }

    private static int Count(JsonElement root, string section) =>
        root.TryGetProperty(section, out var value) && value.ValueKind == JsonValueKind.Object ? value.EnumerateObject().Count() : 0;

    [GeneratedRegex(@"Number of resources in stack '([^']+)': (\d+) is greater than allowed maximum")]
    private static partial Regex CdkResourceLimit();

    // Twelve digits standing alone: in an ARN, a host name, a bucket name or a string of their own. A run of digits
    // inside a content hash (an S3 key of a function package) or a decimal is not an account.
    [GeneratedRegex(@"(?<![0-9A-Za-z_.])[0-9]{12}(?![0-9A-Za-z_]|\.[0-9])")]
    private static partial Regex AccountLiteral();

    [GeneratedRegex(@"\b(?:us|eu|ap|sa|ca|me|af|il|mx|cn)-(?:(?:gov|iso|isob|isoe|isof)-)?(?:north|south|east|west|central|northeast|southeast|northwest|southwest)-\d{1,2}\b")]
    private static partial Regex RegionLiteral();

    [GeneratedRegex(@"cdk-[a-z0-9]{9}-assets|AssetParameters|cdk-[a-z0-9]{9}-cfn-exec")]
    private static partial Regex AssetReference();
}

/// <summary>The checks of one template.</summary>
public sealed record TemplateReport(int Resources, int Bytes, IReadOnlyList<string> Errors, IReadOnlyList<string> Warnings);

/// <summary>A synthesized app whose templates passed the checks.</summary>
public sealed record SynthesisResult(string Directory, IReadOnlyList<string> Templates, IReadOnlyList<string> Warnings);

/// <summary>One or more templates cannot be rolled out as StackSets.</summary>
public sealed class StackSetTemplateException(IReadOnlyList<string> problems)
    : Exception("The synthesized templates cannot be rolled out as StackSets:\n  " + string.Join("\n  ", problems))
{
    /// <summary>Every problem found.</summary>
    public IReadOnlyList<string> Problems { get; } = problems;
}
