using System.Reflection;
using System.Text.Json;
using Insight.Sdk.Cdk.Platform;
using Insight.Sdk.Fleet;

namespace Insight.Sdk.Cdk.Tests.Platform;

/// <summary>
/// The sample platform stack, synthesized once per test run. Only tests in <see cref="SynthCollection"/> touch it, so
/// the one jsii runtime is never driven from two threads.
/// </summary>
public sealed class SynthesizedPlatform
{
    private static readonly Lazy<SynthesizedPlatform> Instance = new(() => new SynthesizedPlatform());

    private SynthesizedPlatform()
    {
        Settings = PlatformSettings.Load(Path.Combine(InfraProjectDirectory, "platform.json"));
        Directory = Path.Combine(Path.GetTempPath(), "insight-platform-" + Guid.NewGuid().ToString("N")[..8]);
        AppDomain.CurrentDomain.ProcessExit += (_, _) => System.IO.Directory.Delete(Directory, recursive: true);

        var (app, platform) = Infra.FleetApp.CreatePlatform(Directory, Settings);
        Description = platform.Describe();
        Json = File.ReadAllText(app.Synth().GetStackByName(platform.StackName).TemplateFullPath);
        Template = JsonDocument.Parse(Json).RootElement.Clone();
        Definition = JsonDocument.Parse(Text(Template.Resources("AWS::StepFunctions::StateMachine").Single().Properties.GetProperty("DefinitionString"))).RootElement.Clone();
    }

    public static SynthesizedPlatform Shared => Instance.Value;

    /// <summary>The folder of samples/Infra, where platform.json lives.</summary>
    public static string InfraProjectDirectory { get; } = typeof(Infra.FleetApp).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == "ProjectDirectory").Value!;

    public PlatformSettings Settings { get; }

    public string Directory { get; }

    public FleetDescription Description { get; }

    public string Json { get; }

    public JsonElement Template { get; }

    /// <summary>The vending state machine's definition, with every CloudFormation reference replaced by <c>TOKEN</c>.</summary>
    public JsonElement Definition { get; }

    /// <summary>Every state, those inside Map item processors included.</summary>
    public IEnumerable<(string Name, JsonElement State)> States() => States(Definition.GetProperty("States"));

    /// <summary>A JSONata state's expression, without its <c>{% %}</c> delimiters.</summary>
    public string JsonataExpression(string state)
    {
        var output = States().Single(s => s.Name == state).State.GetProperty("Output").GetString()!;
        Assert.StartsWith("{% ", output, StringComparison.Ordinal);
        return output[3..^3];
    }

    private static IEnumerable<(string Name, JsonElement State)> States(JsonElement states)
    {
        foreach (var state in states.EnumerateObject())
        {
            yield return (state.Name, state.Value);
            if (state.Value.TryGetProperty("ItemProcessor", out var processor))
            {
                foreach (var inner in States(processor.GetProperty("States")))
                {
                    yield return inner;
                }
            }
        }
    }

    /// <summary>A template string value, with <c>Fn::Join</c> joined and every reference replaced by <c>TOKEN</c>.</summary>
    public static string Text(JsonElement value) =>
        value.ValueKind == JsonValueKind.String ? value.GetString()!
        : value.TryGetProperty("Fn::Join", out var join) ? string.Concat(join[1].EnumerateArray().Select(Text))
        : "TOKEN";
}
