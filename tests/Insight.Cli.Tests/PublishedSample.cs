using Insight.Cli.Local;

namespace Insight.Cli.Tests;

/// <summary>
/// The ScanIngest sample published natively once for the tests that run it, the way <c>insight local</c> publishes
/// it. Intermediate files go to a folder of the fixture's own, so this publish cannot collide with another test
/// project publishing the same sample at the same time.
/// </summary>
public sealed class PublishedSample : IAsyncLifetime
{
    private readonly string _root = Path.Combine(Path.GetTempPath(), "insight-cli-tests-" + Guid.NewGuid().ToString("N")[..8]);

    public static string RepositoryFolder { get; } = RepositoryRoot.Find(AppContext.BaseDirectory)
        ?? throw new InvalidOperationException("Cannot find Insight.Sdk.sln above the test's folder.");

    public string Folder => Path.Combine(_root, "publish");

    public async Task InitializeAsync()
    {
        var result = await ServicePublisher
            .PublishAsync(Path.Combine(RepositoryFolder, "samples", "ScanIngest"), Folder, Path.Combine(_root, "build"), CancellationToken.None)
            .WaitAsync(TimeSpan.FromMinutes(10));
        if (!result.Succeeded)
        {
            throw new InvalidOperationException($"dotnet publish failed:\n{result.Output}");
        }
    }

    public Task DisposeAsync()
    {
        Directory.Delete(_root, recursive: true);
        return Task.CompletedTask;
    }
}
