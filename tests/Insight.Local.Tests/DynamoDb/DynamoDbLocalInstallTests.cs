using Insight.Local.DynamoDb;

namespace Insight.Local.Tests.DynamoDb;

/// <summary>Fixtures of several test classes fetch DynamoDB Local at once into one tools folder.</summary>
public sealed class DynamoDbLocalInstallTests : IDisposable
{
    private readonly string _tools = Path.Combine(Path.GetTempPath(), "insight-dynamodb-install-" + Guid.NewGuid().ToString("N"));

    [Fact]
    public async Task Concurrent_installs_into_one_folder_all_get_the_whole_jar_and_leave_no_staging_behind()
    {
        var installs = await Task.WhenAll(Enumerable.Range(0, 3).Select(_ => Task.Run(() => DynamoDbLocal.EnsureInstalledAsync(_tools))));

        Assert.All(installs, emulator => Assert.Equal(installs[0], emulator));
        var jar = new FileInfo(Path.Combine(installs[0], "DynamoDBLocal.jar"));
        Assert.True(jar.Exists && jar.Length > 1_000_000, $"{jar.FullName} is missing or cut short");
        var home = Path.Combine(_tools, "dynamodb-local");
        Assert.Equal(["package"], Directory.GetFileSystemEntries(home).Select(Path.GetFileName));

        // Installed once, a second call finds it without fetching.
        Assert.Equal(installs[0], await DynamoDbLocal.EnsureInstalledAsync(_tools));
    }

    public void Dispose()
    {
        if (Directory.Exists(_tools))
        {
            Directory.Delete(_tools, recursive: true);
        }
    }
}
