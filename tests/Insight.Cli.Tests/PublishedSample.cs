using Insight.Cli.Local;

namespace Insight.Cli.Tests;

/// <summary>
/// The three samples published natively for the tests that run them, the way <c>insight local</c> publishes them.
/// Intermediate files go to a folder of this test project's own under artifacts/, so the publishes cannot collide
/// with another test project publishing the same samples, and a later run publishes incrementally.
/// </summary>
public sealed class PublishedSample : IAsyncLifetime
{
    private readonly string _root = Path.Combine(RepositoryFolder, "artifacts", "cli-tests");

    public static string RepositoryFolder { get; } = RepositoryRoot.Find(AppContext.BaseDirectory)
        ?? throw new InvalidOperationException("Cannot find Insight.Sdk.sln above the test's folder.");

    public string Folder => Path.Combine(_root, "publish");

    public async Task InitializeAsync()
    {
        foreach (var name in SampleServices.Names)
        {
            var result = await ServicePublisher
                .PublishAsync(Path.Combine(RepositoryFolder, "samples", name), Path.Combine(Folder, name), Path.Combine(_root, "build"), CancellationToken.None)
                .WaitAsync(TimeSpan.FromMinutes(10));
            if (!result.Succeeded)
            {
                throw new InvalidOperationException($"dotnet publish of {name} failed:\n{result.Output}");
            }
        }
    }

    public Task DisposeAsync() => Task.CompletedTask;
}
