namespace Insight.Cli.Local;

/// <summary>A local run cannot go on; the message says why and what to do, so it is shown as it is.</summary>
internal sealed class LocalRunException(string message) : Exception(message);
