using System.Text.Json.Serialization;

namespace Insight.Cli.Local.Emulation.Running;

/// <summary>Source-generated JSON for the small shapes the running account writes and reads itself.</summary>
[JsonSerializable(typeof(Dictionary<string, string>))]
[JsonSerializable(typeof(string))]
internal sealed partial class RunningJsonContext : JsonSerializerContext;
