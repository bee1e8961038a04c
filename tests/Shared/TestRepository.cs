namespace Insight.Testing;

/// <summary>The repository the tests run from: the folder above the test's output that holds Insight.Sdk.sln.</summary>
public static class TestRepository
{
    public static string Root { get; } = Find();

    private static string Find()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Insight.Sdk.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("Cannot find Insight.Sdk.sln above the test's folder.");
    }
}
