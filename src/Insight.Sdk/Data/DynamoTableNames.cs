using System.Text;

namespace Insight.Sdk.Data;

/// <summary>
/// Physical table names, as the deployment sets them. Names are read from configuration, never discovered with
/// <c>DescribeTable</c> at start-up, which would add a network call to every cold start.
/// </summary>
public sealed class DynamoTableNames(Func<string, string?> environment)
{
    /// <summary>Names from the process environment.</summary>
    public DynamoTableNames()
        : this(Environment.GetEnvironmentVariable)
    {
    }

    /// <summary>The physical name of the table whose logical name is <paramref name="logicalName"/>.</summary>
    /// <exception cref="FunctionConfigurationException">The deployment did not set it.</exception>
    public string Resolve(string logicalName)
    {
        var variable = VariableFor(logicalName);
        var value = environment(variable);
        return string.IsNullOrWhiteSpace(value)
            ? throw new FunctionConfigurationException($"The physical name of table {logicalName} is not configured: set {variable} (the service stack sets it for every table a function uses).")
            : value;
    }

    /// <summary><c>INSIGHT_TABLE_</c> and the logical name in upper snake case (<c>ScanRecords</c> → <c>INSIGHT_TABLE_SCAN_RECORDS</c>).</summary>
    public static string VariableFor(string logicalName)
    {
        var builder = new StringBuilder("INSIGHT_TABLE_", 14 + (logicalName.Length * 2));
        for (var i = 0; i < logicalName.Length; i++)
        {
            var c = logicalName[i];
            if (char.IsUpper(c) && i > 0 && (char.IsLower(logicalName[i - 1]) || char.IsDigit(logicalName[i - 1])))
            {
                builder.Append('_');
            }

            builder.Append(char.IsLetterOrDigit(c) ? char.ToUpperInvariant(c) : '_');
        }

        return builder.ToString();
    }
}
