namespace Insight.Cli.Local;

/// <summary>Finds the Insight SDK repository a command is run in.</summary>
internal static class RepositoryRoot
{
    private const string SolutionFile = "Insight.Sdk.sln";

    /// <summary>The nearest folder at or above <paramref name="start"/> that holds the solution file; null outside the repository.</summary>
    public static string? Find(string start)
    {
        for (var folder = new DirectoryInfo(start); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, SolutionFile)))
            {
                return folder.FullName;
            }
        }

        return null;
    }
}
