namespace Insight.Sdk.Hosting;

/// <summary>
/// The function's environment variables as the host reads them (the process environment on Lambda, a substitute in
/// tests), so every component reads configuration the same way.
/// </summary>
public sealed class FunctionEnvironment(Func<string, string?> read)
{
    /// <summary>The value of <paramref name="name"/>, or <c>null</c>.</summary>
    public string? Read(string name) => read(name);
}
