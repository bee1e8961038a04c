using System.Runtime.CompilerServices;
using System.Text;
using DiffPlex.DiffBuilder;
using DiffPlex.DiffBuilder.Model;

namespace Insight.Testing;

/// <summary>
/// Verify-style snapshots: the approved text lives in <c>Snapshots/NAME.verified.EXT</c> beside the test file; a
/// mismatch writes <c>NAME.received.EXT</c> and fails with a line diff. Accept a change by renaming the received
/// file, or by running once with INSIGHT_ACCEPT_SNAPSHOTS=1 (never set in CI).
/// </summary>
public static class Snapshot
{
    public static void Verify(string actual, string name, string extension = "cs", [CallerFilePath] string testFile = "")
    {
        var folder = Path.Combine(Path.GetDirectoryName(testFile)!, "Snapshots");
        var verified = Path.Combine(folder, $"{name}.verified.{extension}");
        var received = Path.Combine(folder, $"{name}.received.{extension}");
        actual = Normalize(actual);

        var expected = File.Exists(verified) ? Normalize(File.ReadAllText(verified)) : null;
        if (expected == actual)
        {
            File.Delete(received);
            return;
        }

        Directory.CreateDirectory(folder);
        if (Environment.GetEnvironmentVariable("INSIGHT_ACCEPT_SNAPSHOTS") == "1" && Environment.GetEnvironmentVariable("CI") is null)
        {
            File.WriteAllText(verified, actual);
            return;
        }

        File.WriteAllText(received, actual);
        var message = expected is null
            ? $"No approved snapshot {verified}; the output was written to {received}."
            : $"Snapshot {name} differs; the output was written to {received}.\n{Diff(expected, actual)}";
        Assert.Fail(message);
    }

    private static string Normalize(string text) => text.Replace("\r\n", "\n").TrimStart('\uFEFF');

    private static string Diff(string expected, string actual)
    {
        var diff = InlineDiffBuilder.Diff(expected, actual);
        var builder = new StringBuilder();
        foreach (var line in diff.Lines)
        {
            var prefix = line.Type switch
            {
                ChangeType.Inserted => "+ ",
                ChangeType.Deleted => "- ",
                _ => null,
            };
            if (prefix is not null)
            {
                builder.Append(prefix).AppendLine(line.Text);
            }
        }

        return builder.ToString();
    }
}
