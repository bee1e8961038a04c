using System.CommandLine;
using Insight.Cli.Commands;

namespace Insight.Cli.Tests.Front;

public sealed class TokenCommandTests : IDisposable
{
    private readonly LocalRunFixture _run = new();

    public void Dispose() => _run.Dispose();

    private (int Exit, string Output, string Error) Token(params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var exit = new RootCommand { TokenCommand.Create(output, error) }.Parse(["token", .. args]).Invoke();
        return (exit, output.ToString().Trim(), error.ToString().Trim());
    }

    [Fact]
    public void Prints_a_token_the_running_local_admits_for_that_tenant_and_scope()
    {
        var (exit, token, error) = Token("--tenant", "tenant-002", "--scope", "scans:read", "--scope", "scans:check", "--lifetime", "10m", "--state", _run.StatePath);

        Assert.Equal(0, exit);
        Assert.Equal("", error);
        var check = _run.Issuer.Check("Bearer " + token, LocalRunFixture.IssuerUrl, [LocalRunFixture.Audience], ["scans:check"], DateTimeOffset.UtcNow);
        Assert.Equal(200, check.StatusCode);
        Assert.Equal("tenant-002", check.Claims["tenant_id"]);
        Assert.Equal(["scans:read", "scans:check"], check.Scopes);
        Assert.Equal(401, _run.Issuer.Check(token, LocalRunFixture.IssuerUrl, [LocalRunFixture.Audience], [], DateTimeOffset.UtcNow.AddMinutes(11)).StatusCode);
    }

    [Fact]
    public void The_tenant_claim_can_be_named()
    {
        var (exit, token, _) = Token("--tenant", "tenant-001", "--tenant-claim", "custom:tenant", "--state", _run.StatePath);

        Assert.Equal(0, exit);
        var check = _run.Issuer.Check(token, LocalRunFixture.IssuerUrl, [LocalRunFixture.Audience], [], DateTimeOffset.UtcNow);
        Assert.Equal("tenant-001", check.Claims["custom:tenant"]);
    }

    [Fact]
    public void An_unknown_tenant_is_refused_naming_the_runs_tenants()
    {
        var (exit, output, error) = Token("--tenant", "tenant-009", "--state", _run.StatePath);

        Assert.Equal(1, exit);
        Assert.Equal("", output);
        Assert.Contains("no tenant 'tenant-009'", error, StringComparison.Ordinal);
        Assert.Contains("tenant-001, tenant-002", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Without_a_running_local_it_says_how_to_start_one()
    {
        var (exit, output, error) = Token("--tenant", "tenant-001", "--state", Path.Combine(_run.Folder, "gone", "run.json"));

        Assert.Equal(1, exit);
        Assert.Equal("", output);
        Assert.Contains("No local run", error, StringComparison.Ordinal);
    }

    [Fact]
    public void A_missing_key_file_is_not_replaced_by_a_key_the_run_does_not_know()
    {
        File.Delete(_run.KeyFile);

        var (exit, _, error) = Token("--tenant", "tenant-001", "--state", _run.StatePath);

        Assert.Equal(1, exit);
        Assert.Contains("issuer's key", error, StringComparison.Ordinal);
        Assert.False(File.Exists(_run.KeyFile));
    }

    [Theory]
    [InlineData("90s", 90)]
    [InlineData("30m", 1800)]
    [InlineData("1h", 3600)]
    [InlineData("2d", 172800)]
    [InlineData("00:05:00", 300)]
    public void Lifetimes_read_as_written(string text, int seconds)
    {
        Assert.True(TokenCommand.TryParseLifetime(text, out var lifetime));
        Assert.Equal(TimeSpan.FromSeconds(seconds), lifetime);
    }

    [Theory]
    [InlineData("soon")]
    [InlineData("0s")]
    [InlineData("-1h")]
    [InlineData("1y")]
    public void Nonsense_lifetimes_are_refused(string text)
    {
        Assert.False(TokenCommand.TryParseLifetime(text, out _));
        Assert.Equal(1, Token("--tenant", "tenant-001", "--lifetime", text, "--state", _run.StatePath).Exit);
    }
}
