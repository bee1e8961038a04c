using System.Text.Json;
using Insight.Local.Emulation;
using Insight.Local.Identity;

namespace Insight.Cli.Tests.Front;

/// <summary>A run.json and issuer key as a running insight local leaves them, in a folder of its own.</summary>
internal sealed class LocalRunFixture : IDisposable
{
    public const string IssuerUrl = "http://127.0.0.1:4999/issuer";
    public const string Audience = "insight-local";

    public LocalRunFixture()
    {
        Folder = Directory.CreateTempSubdirectory("insight-front-").FullName;
        KeyFile = Path.Combine(Folder, ".insight", "local", "issuer.key");
        Issuer = LocalIssuer.LoadOrCreate(KeyFile, IssuerUrl, Audience);
        StatePath = Path.Combine(Folder, ".insight", "local", "run.json");
        var state = new LocalRunState(
            "http://127.0.0.1:4998",
            "http://127.0.0.1:4997",
            new LocalIssuerInfo(IssuerUrl, Audience, KeyFile),
            [
                new LocalTenantEndpoints("tenant-001", "111111111111", "http://127.0.0.1:5001/", "http://127.0.0.1:6001", "111111111111", new Dictionary<string, string>()),
                new LocalTenantEndpoints("tenant-002", "222222222222", "http://127.0.0.1:5002/", null, "222222222222", new Dictionary<string, string>()),
            ]);
        File.WriteAllText(StatePath, JsonSerializer.Serialize(state, LocalRunJsonContext.Default.LocalRunState));
    }

    public string Folder { get; }

    public string KeyFile { get; }

    public string StatePath { get; }

    public LocalIssuer Issuer { get; }

    public void Dispose() => Directory.Delete(Folder, recursive: true);
}
