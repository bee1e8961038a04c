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
        var scores = new List<FamilyScore>();
        foreach (var family in RuleFamily.All)
        {
            var outcomes = new List<CaseOutcome>();
            foreach (var corpusCase in DriftCorpus.Read(family))
            {
                outcomes.Add(await DriftCorpus.RunAsync(corpusCase));
            }

            scores.Add(FamilyScore.Of(family, outcomes));
        }

        // A case that does not compile measures nothing: the compiler's errors would decide what the analyzers see.
        var broken = scores.SelectMany(s => s.Outcomes).Where(o => o.CompilerErrors.Length > 0).ToList();
        Assert.True(broken.Count == 0, string.Join("\n", broken.Select(o => $"{o.Case.File} case '{o.Case.Name}' does not compile: {string.Join("; ", o.CompilerErrors)}")));

        // Every finding counts for the family of its rule, whichever file's case it came from.
        var all = scores.SelectMany(s => s.Outcomes).ToList();
        var final = scores.Select(s => s with { Outcomes = all }).ToList();
        File.WriteAllText(Path.Combine(DotnetBuild.RepositoryRoot, "docs", "rules", "corpus.md"), Report(final));

        foreach (var score in final)
        {
            Assert.True(score.DriftCases >= RequiredCasesEach && score.CleanCases >= RequiredCasesEach,
                $"{score.Family.Name}: {score.DriftCases} drift and {score.CleanCases} near-miss cases; each needs {RequiredCasesEach}");
            Assert.True(score.Precision >= RequiredPrecision, $"{score.Family.Name}: precision {score.Precision:0.000} < {RequiredPrecision}\n{score.Details()}");
            Assert.True(score.Recall >= RequiredRecall, $"{score.Family.Name}: recall {score.Recall:0.000} < {RequiredRecall}\n{score.Details()}");
        }
    }

    private static string Report(IReadOnlyList<FamilyScore> scores)
    {
        var text = new StringBuilder();
        text.AppendLine("# The drift rules' corpus: precision and recall");
        text.AppendLine();
        text.AppendLine("Written by `CorpusTests` (tests/Insight.Analyzers.Tests) each time it runs; the figures below are from the last run committed.");
        text.AppendLine("The corpus is in `tests/Insight.Analyzers.Tests/Corpus`: per rule family a `*.Drift.cs` file of true drift written");
        text.AppendLine("the many ways teams write it, each reported line marked `// expect: INS1xx`, and a `*.Clean.cs` file of near-misses");
        text.AppendLine("(barcodes, GTINs, ledger numbers, timestamps, ids in logs and comments, configuration-driven checks) that must stay");
        text.AppendLine("silent. Each case is compiled alone against the real SDK, AWS SDK and CDK assemblies, and every drift analyzer runs on it.");
        text.AppendLine();
        text.AppendLine("A finding counts as found when a diagnostic of its rule starts on the marked line (project-level INS111 has no line);");
        text.AppendLine("every other drift diagnostic, in any case, is a false alarm of its rule's family. Precision = found / (found + false");
        text.AppendLine($"alarms); recall = found / expected. The test requires precision ≥ {RequiredPrecision:0.00} and recall ≥ {RequiredRecall:0.00} per family, with at least");
        text.AppendLine($"{RequiredCasesEach} drift and {RequiredCasesEach} near-miss cases each.");
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
