using System.Globalization;

namespace LocalScenario;

/// <summary>What the scenario is asked to do.</summary>
/// <param name="EventsPerTenant">Scans put on each tenant's bus; the metric samples and ergonomics measures come from the same shifts.</param>
/// <param name="Seed">Seed of every tenant's streams.</param>
/// <param name="StatePath">The local run's state file, or null to find it (<c>INSIGHT_LOCAL_STATE</c>, else <c>.insight/local/run.json</c> above this folder).</param>
/// <param name="SettleTimeout">How long to wait for the run to settle every event.</param>
/// <param name="TenantClaim">The claim the services read the tenant from (their TenantClaim parameter).</param>
internal sealed record ScenarioOptions(int EventsPerTenant, int Seed, string? StatePath, TimeSpan SettleTimeout, string TenantClaim)
{
    /// <summary>The usage line.</summary>
    public const string Usage = "usage: LocalScenario [--events N (2000)] [--seed S (42)] [--state run.json] [--settle-timeout minutes (15)] [--tenant-claim tenant_id]";

    /// <summary>Reads the command line; throws <see cref="ArgumentException"/> naming what is wrong.</summary>
    public static ScenarioOptions Parse(IReadOnlyList<string> args)
    {
        var options = new ScenarioOptions(2000, 42, null, TimeSpan.FromMinutes(15), "tenant_id");
        for (var index = 0; index < args.Count; index++)
        {
            var name = args[index];
            var value = index + 1 < args.Count ? args[++index] : throw new ArgumentException($"{name} needs a value. {Usage}");
            options = name switch
            {
                "--events" => options with { EventsPerTenant = PositiveNumber(name, value) },
                "--seed" => options with { Seed = int.TryParse(value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var seed) ? seed : throw new ArgumentException($"--seed must be a whole number, got \"{value}\".") },
                "--state" => options with { StatePath = value },
                "--settle-timeout" => options with { SettleTimeout = TimeSpan.FromMinutes(PositiveNumber(name, value)) },
                "--tenant-claim" => options with { TenantClaim = value },
                _ => throw new ArgumentException($"Unknown option {name}. {Usage}"),
            };
        }

        return options;
    }

    private static int PositiveNumber(string name, string value) =>
        int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var number) && number > 0
            ? number
            : throw new ArgumentException($"{name} must be a whole number above 0, got \"{value}\".");
}
