using System.Buffers.Text;
using System.Text;
using System.Text.Json;
using Insight.Local.Identity;

namespace Insight.Cli.Tests.Identity;

public sealed class LocalIssuerTests : IDisposable
{
    private const string Issuer = "http://127.0.0.1:4100/issuer";
    private const string Audience = "insight-local";
    private static readonly string[] Audiences = [Audience];
    private static readonly string[] ReadScope = ["scans:read"];

    private readonly string _folder = Directory.CreateTempSubdirectory("local-issuer-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private string KeyFile => Path.Combine(_folder, "keys", "issuer.pem");

    private LocalIssuer NewIssuer() => LocalIssuer.LoadOrCreate(KeyFile, Issuer, Audience);

    private static JwtCheck CheckNow(LocalIssuer issuer, string? header, IReadOnlyList<string>? scopes = null) =>
        issuer.Check(header, Issuer, Audiences, scopes ?? ReadScope, DateTimeOffset.UtcNow);

    [Fact]
    public void A_token_with_a_required_scope_passes_with_its_claims_and_scopes()
    {
        var issuer = NewIssuer();
        var token = issuer.Issue("custom:tenant", "tenant-007", ["scans:read", "scans:check"], TimeSpan.FromHours(1));

        var check = CheckNow(issuer, "Bearer " + token);

        Assert.Equal(200, check.StatusCode);
        Assert.True(check.Allowed);
        Assert.Null(check.Reason);
        Assert.Equal("tenant-007", check.Claims["custom:tenant"]);
        Assert.Equal(Issuer, check.Claims["iss"]);
        Assert.Equal(Audience, check.Claims["aud"]);
        Assert.Equal("local-user", check.Claims["sub"]);
        Assert.Equal("scans:read scans:check", check.Claims["scope"]);
        Assert.Equal(["scans:read", "scans:check"], check.Scopes);
    }

    [Fact]
    public void The_token_is_an_RS256_JWT_with_the_registered_claims()
    {
        var issuer = NewIssuer();
        var before = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        var parts = issuer.Issue("tenant", "t1", ["a:b"], TimeSpan.FromMinutes(30), subject: "robot").Split('.');

        using var header = JsonDocument.Parse(Base64Url.DecodeFromChars(parts[0]));
        using var payload = JsonDocument.Parse(Base64Url.DecodeFromChars(parts[1]));
        Assert.Equal("RS256", header.RootElement.GetProperty("alg").GetString());
        Assert.Equal("JWT", header.RootElement.GetProperty("typ").GetString());
        Assert.Equal("robot", payload.RootElement.GetProperty("sub").GetString());
        var issuedAt = payload.RootElement.GetProperty("iat").GetInt64();
        Assert.InRange(issuedAt, before, before + 5);
        Assert.Equal(issuedAt + 1800, payload.RootElement.GetProperty("exp").GetInt64());
        Assert.Equal("t1", payload.RootElement.GetProperty("tenant").GetString());
    }

    [Fact]
    public void The_bearer_prefix_is_optional()
    {
        var issuer = NewIssuer();
        var token = issuer.Issue("tenant", "t1", ReadScope, TimeSpan.FromMinutes(5));
        Assert.Equal(200, CheckNow(issuer, token).StatusCode);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("Bearer ")]
    public void A_missing_token_is_401(string? header)
    {
        var check = CheckNow(NewIssuer(), header);
        Assert.Equal(401, check.StatusCode);
        Assert.Empty(check.Claims);
        Assert.Empty(check.Scopes);
    }

    [Theory]
    [InlineData("Bearer not-a-jwt")]
    [InlineData("Bearer a.b")]
    [InlineData("Bearer a.b.c.d")]
    [InlineData("Bearer !!!.???.###")]
    [InlineData("Bearer ..")]
    public void A_malformed_token_is_401(string header)
    {
        var check = CheckNow(NewIssuer(), header);
        Assert.Equal(401, check.StatusCode);
        Assert.NotNull(check.Reason);
    }

    [Fact]
    public void A_tampered_payload_is_401()
    {
        var issuer = NewIssuer();
        var parts = issuer.Issue("tenant", "tenant-001", ReadScope, TimeSpan.FromHours(1)).Split('.');
        var claims = Encoding.UTF8.GetString(Base64Url.DecodeFromChars(parts[1])).Replace("tenant-001", "tenant-002", StringComparison.Ordinal);
        var forged = parts[0] + "." + Base64Url.EncodeToString(Encoding.UTF8.GetBytes(claims)) + "." + parts[2];

        var check = CheckNow(issuer, forged);

        Assert.Equal(401, check.StatusCode);
        Assert.Contains("signature", check.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void A_tampered_signature_is_401()
    {
        var issuer = NewIssuer();
        var parts = issuer.Issue("tenant", "tenant-001", ReadScope, TimeSpan.FromHours(1)).Split('.');
        var signature = Base64Url.DecodeFromChars(parts[2]);
        signature[10] ^= 0x01;

        var check = CheckNow(issuer, $"{parts[0]}.{parts[1]}.{Base64Url.EncodeToString(signature)}");

        Assert.Equal(401, check.StatusCode);
    }

    [Fact]
    public void A_token_signed_by_another_key_is_401()
    {
        var issuer = NewIssuer();
        var stranger = LocalIssuer.LoadOrCreate(Path.Combine(_folder, "other.pem"), Issuer, Audience);
        var token = stranger.Issue("tenant", "tenant-001", ReadScope, TimeSpan.FromHours(1));

        Assert.Equal(401, CheckNow(issuer, token).StatusCode);
        Assert.Equal(200, CheckNow(stranger, token).StatusCode);
    }

    [Fact]
    public void An_unsigned_token_claiming_alg_none_is_401()
    {
        var issuer = NewIssuer();
        var parts = issuer.Issue("tenant", "tenant-001", ReadScope, TimeSpan.FromHours(1)).Split('.');
        var none = Base64Url.EncodeToString("""{"alg":"none","typ":"JWT"}"""u8);

        Assert.Equal(401, CheckNow(issuer, $"{none}.{parts[1]}.{parts[2]}").StatusCode);
    }

    [Fact]
    public void An_expired_token_is_401_beyond_a_few_seconds_of_skew()
    {
        var issuer = NewIssuer();
        var token = issuer.Issue("tenant", "tenant-001", ReadScope, TimeSpan.FromMinutes(1));
        var now = DateTimeOffset.UtcNow;

        Assert.Equal(200, issuer.Check(token, Issuer, Audiences, ReadScope, now.AddSeconds(58)).StatusCode);
        Assert.Equal(200, issuer.Check(token, Issuer, Audiences, ReadScope, now.AddSeconds(61)).StatusCode);
        var expired = issuer.Check(token, Issuer, Audiences, ReadScope, now.AddSeconds(70));
        Assert.Equal(401, expired.StatusCode);
        Assert.Contains("expired", expired.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void A_token_issued_in_the_future_is_401()
    {
        var issuer = NewIssuer();
        var token = issuer.Issue("tenant", "tenant-001", ReadScope, TimeSpan.FromHours(1));

        var check = issuer.Check(token, Issuer, Audiences, ReadScope, DateTimeOffset.UtcNow.AddMinutes(-1));

        Assert.Equal(401, check.StatusCode);
        Assert.Contains("iat", check.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Another_issuer_is_401()
    {
        var issuer = NewIssuer();
        var token = issuer.Issue("tenant", "tenant-001", ReadScope, TimeSpan.FromHours(1));

        var check = issuer.Check(token, "https://login.example.com/", Audiences, ReadScope, DateTimeOffset.UtcNow);

        Assert.Equal(401, check.StatusCode);
        Assert.Contains("issuer", check.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Another_audience_is_401_and_one_of_several_is_enough()
    {
        var issuer = NewIssuer();
        var token = issuer.Issue("tenant", "tenant-001", ReadScope, TimeSpan.FromHours(1));

        Assert.Equal(401, issuer.Check(token, Issuer, ["someone-else"], ReadScope, DateTimeOffset.UtcNow).StatusCode);
        Assert.Equal(401, issuer.Check(token, Issuer, [], ReadScope, DateTimeOffset.UtcNow).StatusCode);
        Assert.Equal(200, issuer.Check(token, Issuer, ["someone-else", Audience], ReadScope, DateTimeOffset.UtcNow).StatusCode);
    }

    [Fact]
    public void A_valid_token_without_any_required_scope_is_403()
    {
        var issuer = NewIssuer();
        var token = issuer.Issue("tenant", "tenant-001", ["productivity:read"], TimeSpan.FromHours(1));

        var check = CheckNow(issuer, token, ["scans:read", "scans:check"]);

        Assert.Equal(403, check.StatusCode);
        Assert.Equal("tenant-001", check.Claims["tenant"]);
        Assert.Equal(["productivity:read"], check.Scopes);
    }

    [Fact]
    public void One_of_the_required_scopes_is_enough_and_a_route_without_scopes_takes_any_valid_token()
    {
        var issuer = NewIssuer();
        var token = issuer.Issue("tenant", "tenant-001", ["scans:check"], TimeSpan.FromHours(1));
        var scopeless = issuer.Issue("tenant", "tenant-001", [], TimeSpan.FromHours(1));

        Assert.Equal(200, CheckNow(issuer, token, ["scans:read", "scans:check"]).StatusCode);
        Assert.Equal(200, CheckNow(issuer, scopeless, []).StatusCode);
        Assert.Equal(403, CheckNow(issuer, scopeless, ReadScope).StatusCode);
    }

    [Fact]
    public void The_key_file_is_kept_owner_only_and_shared_by_every_issuer_loaded_from_it()
    {
        var first = NewIssuer();
        var second = NewIssuer();

        Assert.True(File.Exists(KeyFile));
        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(KeyFile));
        }

        Assert.Contains("PRIVATE KEY", File.ReadAllText(KeyFile), StringComparison.Ordinal);
        var token = first.Issue("tenant", "tenant-001", ReadScope, TimeSpan.FromHours(1));
        Assert.Equal(200, CheckNow(second, token).StatusCode);
    }

    [Fact]
    public void Issuing_refuses_a_tenant_claim_the_issuer_writes_itself_and_scopes_with_spaces()
    {
        var issuer = NewIssuer();
        Assert.Throws<ArgumentException>(() => issuer.Issue("sub", "tenant-001", ReadScope, TimeSpan.FromHours(1)));
        Assert.Throws<ArgumentException>(() => issuer.Issue("tenant", "tenant-001", ["a b"], TimeSpan.FromHours(1)));
        Assert.Throws<ArgumentOutOfRangeException>(() => issuer.Issue("tenant", "tenant-001", ReadScope, TimeSpan.Zero));
    }
}
