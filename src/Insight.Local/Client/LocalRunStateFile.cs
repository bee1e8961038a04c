using System.Text.Json;
using System.Text.RegularExpressions;
using Insight.Local.Emulation;

namespace Insight.Local.Client;

/// <summary>
/// Where a running <c>insight local</c> left its <see cref="LocalRunState"/>, and reading it: the tools and scenarios
/// that drive a local run (<c>insight send</c>, <c>insight token</c>, a team's check script) all find it the same way.
/// </summary>
public static class LocalRunStateFile
{
    /// <summary>The environment variable <c>insight local -- &lt;command&gt;</c> sets to the state file's path.</summary>
    public const string EnvironmentVariable = "INSIGHT_LOCAL_STATE";

    /// <summary>The state file's path relative to the monorepo root.</summary>
    public static readonly string RelativePath = Path.Combine(".insight", "local", "run.json");

    /// <summary>
    /// The state file to use: <paramref name="explicitPath"/> when given, else <see cref="EnvironmentVariable"/> when
    /// set, else <c>.insight/local/run.json</c> in <paramref name="startFolder"/> or the nearest folder above it.
    /// </summary>
    /// <returns>The path, or null when no local run can be found.</returns>
    public static string? Locate(string? explicitPath, string startFolder)
    {
        if (!string.IsNullOrEmpty(explicitPath))
        {
            return Path.GetFullPath(explicitPath);
        }

        if (Environment.GetEnvironmentVariable(EnvironmentVariable) is { Length: > 0 } fromEnvironment)
        {
            return Path.GetFullPath(fromEnvironment);
        }

        for (var folder = new DirectoryInfo(Path.GetFullPath(startFolder)); folder is not null; folder = folder.Parent)
        {
            var candidate = Path.Combine(folder.FullName, RelativePath);
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        return null;
    }

    /// <summary>Reads a state file.</summary>
    /// <exception cref="LocalRunNotFoundException">The file is missing (the run has stopped) or is not a run's state.</exception>
    public static LocalRunState Read(string path)
    {
        string text;
        try
        {
            text = File.ReadAllText(path);
        }
        catch (Exception exception) when (exception is FileNotFoundException or DirectoryNotFoundException)
        {
            throw new LocalRunNotFoundException($"No local run: {path} does not exist (insight local writes it while it runs and deletes it when it stops).", exception);
        }

        try
        {
            return JsonSerializer.Deserialize(text, LocalRunJsonContext.Default.LocalRunState)
                ?? throw new LocalRunNotFoundException($"{path} holds no local run's state.");
        }
        catch (JsonException exception)
        {
            throw new LocalRunNotFoundException($"{path} is not a local run's state: {exception.Message}", exception);
        }
    }

    /// <summary>Finds (see <see cref="Locate"/>) and reads the state of the running local.</summary>
    /// <exception cref="LocalRunNotFoundException">No running local can be found.</exception>
    public static LocalRunState Load(string? explicitPath, string startFolder) =>
        Read(Locate(explicitPath, startFolder) ?? throw new LocalRunNotFoundException(
            $"No local run: no {RelativePath.Replace('\\', '/')} at or above {Path.GetFullPath(startFolder)} and {EnvironmentVariable} is not set. Start one with `insight local` in the monorepo (or pass --state)."));

    /// <summary>The tenant of a run, or an exception naming the tenants the run has.</summary>
    /// <exception cref="LocalRunNotFoundException">The run has no such tenant.</exception>
    public static LocalTenantEndpoints Tenant(this LocalRunState state, string tenantId)
    {
        ArgumentNullException.ThrowIfNull(state);
        return state.Tenants.FirstOrDefault(tenant => tenant.TenantId == tenantId)
            ?? throw new LocalRunNotFoundException(
                $"The local run has no tenant '{tenantId}'; its tenants are {string.Join(", ", state.Tenants.Select(tenant => tenant.TenantId))}.");
    }

    /// <summary>
    /// The physical name the run gave <paramref name="service"/>'s table <paramref name="table"/>: a logical id of the
    /// service's template, or the table's name as the service's manifest has it (the service's stack gives that table
    /// the logical id <c>Service{table}Table{hash}</c>).
    /// </summary>
    /// <exception cref="LocalRunNotFoundException">The tenant has no such table, or several match; the message lists the tenant's tables.</exception>
    public static string PhysicalTableName(this LocalTenantEndpoints tenant, string service, string table)
    {
        ArgumentNullException.ThrowIfNull(tenant);
        if (tenant.Tables.TryGetValue($"{service}/{table}", out var byLogicalId))
        {
            return byLogicalId;
        }

        var stackLayout = new Regex($"^Service{Regex.Escape(table)}Table[0-9A-F]{{8}}$", RegexOptions.CultureInvariant);
        var matches = tenant.Tables.Where(entry => entry.Key.StartsWith(service + "/", StringComparison.Ordinal) && stackLayout.IsMatch(entry.Key[(service.Length + 1)..])).ToList();
        return matches.Count == 1
            ? matches[0].Value
            : throw new LocalRunNotFoundException(
                $"{tenant.TenantId} has {(matches.Count == 0 ? "no" : "more than one")} table {table} of {service} in the local run; its tables are {string.Join(", ", tenant.Tables.Keys.Order(StringComparer.Ordinal))}.");
    }
}

/// <summary>No running <c>insight local</c> (or no such tenant in it) could be found; the message says what to do.</summary>
public sealed class LocalRunNotFoundException : Exception
{
    /// <summary>Creates the exception.</summary>
    public LocalRunNotFoundException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with its cause.</summary>
    public LocalRunNotFoundException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Creates the exception.</summary>
    public LocalRunNotFoundException()
    {
    }
}
