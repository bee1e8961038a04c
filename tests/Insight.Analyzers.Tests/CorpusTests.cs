using System.Globalization;
using System.Text;
using Insight.Analyzers.Tests.Infrastructure;

namespace Insight.Analyzers.Tests;

/// <summary>
/// The drift rules scored on a corpus of their own (tests/Insight.Analyzers.Tests/Corpus): per rule family, true drift
/// written many ways and near-misses that must stay silent, each case compiled alone. Precision and recall per family
/// go to docs/rules/corpus.md.
/// </summary>
public sealed class CorpusTests
{
    private const double RequiredPrecision = 0.98;
    private const double RequiredRecall = 0.95;
    private const int RequiredCasesEach = 20;

    [Fact]
    public async Task Every_rule_family_finds_its_drift_and_stays_silent_on_near_misses()
    {
        var sets = new List<(CorpusSet Set, List<FamilyScore> Scores)>();
        foreach (var set in CorpusSet.All)
        {
            var scores = new List<FamilyScore>();
            foreach (var family in RuleFamily.All)
            {
                var outcomes = new List<CaseOutcome>();
                foreach (var corpusCase in DriftCorpus.Read(set, family))
                {
                    outcomes.Add(await DriftCorpus.RunAsync(corpusCase));
                }

                scores.Add(FamilyScore.Of(family, outcomes));
            }

            // Every finding counts for the family of its rule, whichever file's case it came from.
            var all = scores.SelectMany(s => s.Outcomes).ToList();
            sets.Add((set, scores.Select(s => s with { Outcomes = all }).ToList()));
        }

        // A case that does not compile measures nothing: the compiler's errors would decide what the analyzers see.
        var broken = sets.SelectMany(s => s.Scores).SelectMany(s => s.Outcomes).Where(o => o.CompilerErrors.Length > 0).Distinct().ToList();
        Assert.True(broken.Count == 0, string.Join("\n", broken.Select(o => $"{o.Case.File} case '{o.Case.Name}' does not compile: {string.Join("; ", o.CompilerErrors)}")));

        var reportPath = Path.Combine(DotnetBuild.RepositoryRoot, "docs", "rules", "corpus.md");
        File.WriteAllText(reportPath, Report(sets, History(reportPath)));

        foreach (var (set, scores) in sets)
        {
            foreach (var score in scores)
            {
                var name = $"{set.Name} corpus, {score.Family.Name}";
                Assert.True(score.DriftCases >= RequiredCasesEach && score.CleanCases >= RequiredCasesEach,
                    $"{name}: {score.DriftCases} drift and {score.CleanCases} near-miss cases; each needs {RequiredCasesEach}");
                Assert.True(score.Precision >= RequiredPrecision, $"{name}: precision {score.Precision:0.000} < {RequiredPrecision}\n{score.Details()}");
                Assert.True(score.Recall >= RequiredRecall, $"{name}: recall {score.Recall:0.000} < {RequiredRecall}\n{score.Details()}");
            }
        }
    }

    /// <summary>The hand-written part of the report (from its <c>## History</c> heading on), which each run keeps.</summary>
    private static string History(string reportPath)
    {
        var existing = File.Exists(reportPath) ? File.ReadAllText(reportPath) : "";
        var start = existing.IndexOf("\n" + HistoryHeading, StringComparison.Ordinal);
        return start < 0 ? "" : existing[(start + 1)..];
    }

    private const string HistoryHeading = "## History";

    private static string Report(IReadOnlyList<(CorpusSet Set, List<FamilyScore> Scores)> sets, string history)
    {
        var text = new StringBuilder();
        text.AppendLine("# The drift rules' corpus: precision and recall");
        text.AppendLine();
        text.AppendLine("Written by `CorpusTests` (tests/Insight.Analyzers.Tests) each time it runs; the figures below are from the last run committed.");
        text.AppendLine("There are three corpora, scored apart. The rules' own is in `tests/Insight.Analyzers.Tests/Corpus`; the blind ones, in");
        text.AppendLine("`Corpus/Blind` and `Corpus/Blind2`, were written from these rule pages only, before reading the analyzers, the way service teams write code");
        text.AppendLine("(helpers and extension methods in other files, constants in another class, switch expressions, frozen dictionaries,");
        text.AppendLine("records, CDK parameters). Per rule family each has a `*.Drift.cs` file of true drift, each reported line marked");
        text.AppendLine("`// expect: INS1xx`, and a `*.Clean.cs` file of near-misses (barcodes, GTINs, ledger numbers, timestamps, ids in logs and");
        text.AppendLine("comments, configuration-driven checks) that must stay silent. Each case is compiled alone (a `// ---- file:` line starts");
        text.AppendLine("another file of the same compilation) against the real SDK, AWS SDK and CDK assemblies, and every drift analyzer runs on it.");
        text.AppendLine();
        text.AppendLine("A finding counts as found when a diagnostic of its rule starts on the marked line (project-level INS111 has no line);");
        text.AppendLine("every other drift diagnostic, in any case, is a false alarm of its rule's family. Precision = found / (found + false");
        text.AppendLine($"alarms); recall = found / expected. The test requires precision ≥ {RequiredPrecision:0.00} and recall ≥ {RequiredRecall:0.00} per family on both corpora,");
        text.AppendLine($"with at least {RequiredCasesEach} drift and {RequiredCasesEach} near-miss cases each.");
        foreach (var (set, scores) in sets)
        {
            text.AppendLine();
            text.AppendLine(CultureInfo.InvariantCulture, $"## {char.ToUpperInvariant(set.Title[0])}{set.Title[1..]} (`tests/Insight.Analyzers.Tests/{set.Folder.Replace('\\', '/')}`)");
            text.AppendLine();
            text.AppendLine("| family | rules | drift cases | near-miss cases | expected findings | found | missed | false alarms | precision | recall |");
            text.AppendLine("|---|---|---:|---:|---:|---:|---:|---:|---:|---:|");
            foreach (var s in scores)
            {
                text.AppendLine(CultureInfo.InvariantCulture, $"| {s.Family.Title} | {s.Family.Name} | {s.DriftCases} | {s.CleanCases} | {s.Expected} | {s.Found} | {s.Missed} | {s.FalseAlarms} | {s.Precision:0.000} | {s.Recall:0.000} |");
            }

            var notes = scores.Select(s => s.Details()).Where(d => d.Length > 0).ToList();
            text.AppendLine();
            text.AppendLine(notes.Count == 0 ? "No case was missed and no near-miss reported." : "Missed findings and false alarms:");
            foreach (var note in notes)
            {
                text.AppendLine();
                text.Append(note);
            }
        }

        if (history.Length > 0)
        {
            text.AppendLine();
            text.Append(history);
        }

        return text.ToString().Replace("\r\n", "\n", StringComparison.Ordinal);
    }

    private sealed record FamilyScore(RuleFamily Family, IReadOnlyList<CaseOutcome> Outcomes)
    {
        private IEnumerable<CaseOutcome> Own => Outcomes.Where(o => o.Case.File.StartsWith(Family.File + ".", StringComparison.Ordinal));

        public int DriftCases => Own.Count(o => o.Case.IsDrift);

        public int CleanCases => Own.Count(o => !o.Case.IsDrift);

        public int Expected => Outcomes.Sum(o => o.Case.Expected.Count(e => Family.Ids.Contains(e.Id)));

        public int Found => Outcomes.Sum(o => o.Hits.Count(e => Family.Ids.Contains(e.Id)));

        public int Missed => Expected - Found;

        public int FalseAlarms => Outcomes.Sum(o => o.FalseAlarms.Count(e => Family.Ids.Contains(e.Id)));

        public double Precision => Found + FalseAlarms == 0 ? 1 : (double)Found / (Found + FalseAlarms);

        public double Recall => Expected == 0 ? 1 : (double)Found / Expected;

        public static FamilyScore Of(RuleFamily family, IReadOnlyList<CaseOutcome> outcomes) => new(family, outcomes);

        public string Details()
        {
            var lines = new StringBuilder();
            foreach (var outcome in Outcomes)
            {
                foreach (var (line, id) in outcome.Misses.Where(e => Family.Ids.Contains(e.Id)))
                {
                    lines.AppendLine(CultureInfo.InvariantCulture, $"- missed {id} in {outcome.Case.File} `{outcome.Case.Name}`{(line > 0 ? $" line {line}" : "")}");
                }

                foreach (var (line, id) in outcome.FalseAlarms.Where(e => Family.Ids.Contains(e.Id)))
                {
                    lines.AppendLine(CultureInfo.InvariantCulture, $"- false alarm {id} in {outcome.Case.File} `{outcome.Case.Name}`{(line > 0 ? $" line {line}" : "")}");
                }
            }

            return lines.ToString();
        }
    }
}
