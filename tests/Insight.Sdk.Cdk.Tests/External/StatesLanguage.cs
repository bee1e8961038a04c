using System.Text.Json;
using System.Text.Json.Nodes;

namespace Insight.Sdk.Cdk.Tests.External;

/// <summary>
/// Validates a state machine definition with <c>asl-validator</c>, the open Amazon States Language validator: its JSON
/// schema of every state type, transitions to states that exist, terminal states, and JSONPath and JSONata syntax.
/// </summary>
public static class StatesLanguage
{
    public const string Package = "asl-validator";

    public const string Version = "4.0.0";

    /// <summary>
    /// The validator's verdict on <paramref name="definition"/>: <c>null</c> when it is valid, else what it printed.
    /// Two things are adjusted first, both to the validator's limits and not to the definition's meaning: the partition
    /// a template fills in (<c>arn:TOKEN:</c>) becomes <c>aws</c>, and a service parameter called <c>States</c> (as
    /// Organizations' ListCreateAccountStatus takes) is renamed, because the validator takes every member of that name
    /// for a set of states.
    /// </summary>
    public static string? Problems(JsonElement definition)
    {
        var adjusted = JsonNode.Parse(definition.GetRawText().Replace("\"arn:TOKEN:", "\"arn:aws:", StringComparison.Ordinal))!;
        RenameStatesParameters(adjusted);

        return NodePackage.InScratchFolder(folder =>
        {
            var file = Path.Combine(folder, "definition.json");
            File.WriteAllText(file, adjusted.ToJsonString());
            var validator = Path.Combine(NodePackage.Modules(Package, Version), ".bin", Package);
            var (exitCode, output, error) = NodePackage.RunAllowingFailure(validator, folder, ["--json-path", file]);
            return exitCode == 0 ? null : (output + error).Replace(file, "the definition", StringComparison.Ordinal).Trim();
        });
    }

    private static void RenameStatesParameters(JsonNode? node)
    {
        switch (node)
        {
            case JsonObject state:
                foreach (var name in (string[])["Parameters", "Arguments"])
                {
                    if (state[name] is JsonObject parameters && parameters["States"] is { } states)
                    {
                        parameters.Remove("States");
                        parameters["StatesParameter"] = states;
                    }
                }

                foreach (var (_, child) in state.ToList())
                {
                    RenameStatesParameters(child);
                }

                break;
            case JsonArray items:
                foreach (var item in items)
                {
                    RenameStatesParameters(item);
                }

                break;
        }
    }
}
