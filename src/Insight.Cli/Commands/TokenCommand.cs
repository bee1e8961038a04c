using System.CommandLine;
using System.Globalization;
using Insight.Local.Client;
using Insight.Local.Identity;
using Insight.Sdk;

namespace Insight.Cli.Commands;

/// <summary>
/// <c>insight token</c>: a JWT for one tenant of the running <c>insight local</c>, signed by its local issuer, for
/// calling that tenant's HTTP routes (<c>curl -H "Authorization: Bearer $(insight token --tenant t --scope s)"</c>).
/// </summary>
internal static class TokenCommand
{
    /// <summary>The command, writing the token to <paramref name="output"/> and problems to <paramref name="error"/> (standard output and error by default).</summary>
    public static Command Create(TextWriter? output = null, TextWriter? error = null)
    {
        var tenant = new Option<string>("--tenant") { Description = "The tenant the token is for (a tenant of the running local)", Required = true };
        var scopes = new Option<string[]>("--scope") { Description = "A scope to grant; repeat for several", DefaultValueFactory = _ => [] };
        var lifetime = new Option<string>("--lifetime") { Description = "How long the token is valid: 90s, 30m, 1h, 2d or hh:mm:ss", DefaultValueFactory = _ => "1h" };
        var tenantClaim = new Option<string>("--tenant-claim") { Description = "The claim that carries the tenant (the services' TenantClaim parameter)", DefaultValueFactory = _ => TenantContext.DefaultTenantClaim };
        var subject = new Option<string>("--subject") { Description = "The token's sub claim", DefaultValueFactory = _ => "local-user" };
        var state = new Option<string?>("--state") { Description = $"The local run's state file (default: ${LocalRunStateFile.EnvironmentVariable}, else .insight/local/run.json at or above this folder)" };

        var command = new Command("token", "Print a signed JWT for a tenant of the running insight local, to call its HTTP routes")
        {
            tenant, scopes, lifetime, tenantClaim, subject, state,
        };
        command.SetAction(parse => Run(
            output ?? Console.Out, error ?? Console.Error, parse.GetValue(state), parse.GetValue(tenant)!, parse.GetValue(scopes) ?? [],
            parse.GetValue(lifetime)!, parse.GetValue(tenantClaim)!, parse.GetValue(subject)!));
        return command;
    }

    private static int Run(TextWriter output, TextWriter error, string? statePath, string tenantId, string[] scopes, string lifetimeText, string tenantClaim, string subject)
    {
        if (!TryParseLifetime(lifetimeText, out var lifetime))
        {
            error.WriteLine($"--lifetime '{lifetimeText}' is not a duration: write 90s, 30m, 1h, 2d or hh:mm:ss.");
            return 1;
        }

        try
        {
            var run = LocalRunStateFile.Load(statePath, Environment.CurrentDirectory);
            var tenant = run.Tenant(tenantId);

            // A new key here would sign tokens the running local cannot check: the run must have written it.
            if (!File.Exists(run.Issuer.KeyFile))
            {
                error.WriteLine($"The local issuer's key {run.Issuer.KeyFile} is missing; restart insight local.");
                return 1;
            }

            var issuer = LocalIssuer.LoadOrCreate(run.Issuer.KeyFile, run.Issuer.IssuerUrl, run.Issuer.Audience);
            output.WriteLine(issuer.Issue(tenantClaim, tenant.TenantId, scopes, lifetime, subject));
            return 0;
        }
        catch (Exception exception) when (exception is LocalRunNotFoundException or ArgumentException)
        {
            error.WriteLine(exception.Message);
            return 1;
        }
    }

    /// <summary>Reads 90s, 30m, 1h, 2d, or a TimeSpan (hh:mm:ss); false for anything else or a duration that is not positive.</summary>
    internal static bool TryParseLifetime(string text, out TimeSpan lifetime)
    {
        lifetime = default;
        text = text.Trim();
        if (text.Length >= 2 && long.TryParse(text.AsSpan(0, text.Length - 1), NumberStyles.None, CultureInfo.InvariantCulture, out var amount))
        {
            lifetime = char.ToLowerInvariant(text[^1]) switch
            {
                's' => TimeSpan.FromSeconds(amount),
                'm' => TimeSpan.FromMinutes(amount),
                'h' => TimeSpan.FromHours(amount),
                'd' => TimeSpan.FromDays(amount),
                _ => default,
            };
        }
        else if (TimeSpan.TryParse(text, CultureInfo.InvariantCulture, out var span))
        {
            lifetime = span;
        }

        return lifetime > TimeSpan.Zero;
    }
}
