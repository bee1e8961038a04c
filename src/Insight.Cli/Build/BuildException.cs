namespace Insight.Cli.Build;

/// <summary>A build cannot go on; the message says why and what to do.</summary>
internal sealed class BuildException(string message) : Exception(message);
