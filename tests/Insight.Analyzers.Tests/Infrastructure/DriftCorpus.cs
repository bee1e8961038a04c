using System.Collections.Immutable;
using System.Text.RegularExpressions;
using Insight.Analyzers.Tests.Infrastructure;
using Insight.Generators.Drift;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;

namespace Insight.Analyzers.Tests.Infrastructure;

/// <summary>A rule family the corpus scores on its own: the rules that look for one kind of drift.</summary>
public sealed record RuleFamily(string Name, string Title, string File, string[] Ids)
{
    public static readonly RuleFamily[] All =
    [
        new("INS100–101", "identity literals", "IdentityLiterals", ["INS100", "INS101"]),
        new("INS102", "tenant branching", "TenantBranching", ["INS102"]),
        new("INS103", "payload tenant", "PayloadTenant", ["INS103"]),
        new("INS104–105", "wiring", "Wiring", ["INS104", "INS105"]),
        new("INS106–110", "infrastructure", "Infrastructure", ["INS106", "INS107", "INS108", "INS109", "INS110"]),
        new("INS111", "versions", "Versions", ["INS111"]),
    ];

    public static RuleFamily Of(string id) => All.Single(f => f.Ids.Contains(id));
}

/// <summary>
/// A corpus scored on its own: the rules' own corpus, written beside the analyzers, and a blind one written from the
/// rule pages only, before reading the analyzers, so its score says how the rules meet code they were not tuned on.
/// </summary>
public sealed record CorpusSet(string Name, string Title, string Folder)
{
    public static readonly CorpusSet Own = new("own", "the rules' own corpus", "Corpus");

    public static readonly CorpusSet Blind = new("blind", "the blind corpus", Path.Combine("Corpus", "Blind"));

    public static readonly CorpusSet Blind2 = new("blind2", "the second blind corpus", Path.Combine("Corpus", "Blind2"));

    public static readonly CorpusSet[] All = [Own, Blind, Blind2];
}

/// <summary>
/// One case of the corpus: a small compilation written the way a team writes code. A drift case marks each line that
/// must be reported with <c>// expect: INS1xx</c> (a project-level finding, which has no line, in its header); a clean
/// case is a near-miss that must stay silent. A line <c>// ---- file: Name.cs</c> starts another source file of the
/// same compilation, so a helper, an extension method or a constant can live in a file of its own.
/// </summary>
public sealed record CorpusCase(string File, string Name, bool IsDrift, string Project, string Code, ImmutableDictionary<string, string> Options, ImmutableArray<(int Line, string Id)> Expected);

/// <summary>What a case produced: each expected finding met or missed, each reported one expected or not.</summary>
public sealed record CaseOutcome(CorpusCase Case, ImmutableArray<(int Line, string Id)> Reported, ImmutableArray<string> CompilerErrors)
{
    public IEnumerable<(int Line, string Id)> Hits => Case.Expected.Intersect(Reported);

    public IEnumerable<(int Line, string Id)> Misses => Case.Expected.Except(Reported);

    public IEnumerable<(int Line, string Id)> FalseAlarms => Reported.Except(Case.Expected);
}

/// <summary>Reads the corpus files and runs every drift analyzer over each case, alone in its own compilation.</summary>
public static partial class DriftCorpus
{
    private static readonly string TestsFolder = Path.Combine(DotnetBuild.RepositoryRoot, "tests", "Insight.Analyzers.Tests");

    private static readonly DiagnosticAnalyzer[] Analyzers = DriftAnalyzers.All();

    /// <summary>What every service case starts with; line numbers in markers count from the case's first line.</summary>
    private const string ServicePrelude = """
        using System;
        using System.Collections.Generic;
        using System.Globalization;
        using System.Linq;
        using System.Text.Json.Serialization;
        using System.Threading;
        using System.Threading.Tasks;
        using Amazon;
        using Amazon.DynamoDBv2;
        using Amazon.DynamoDBv2.Model;
        using Insight.Sdk;
        using Insight.Sdk.Aws;
        using Insight.Sdk.Events;
        using Microsoft.Extensions.DependencyInjection;
        using Microsoft.Extensions.Logging;

        """;

    private const string InfrastructurePrelude = """
        using System;
        using System.Collections.Generic;
        using Amazon.CDK;
        using Amazon.CDK.AWS.DynamoDB;
        using Amazon.CDK.AWS.EC2;
        using Amazon.CDK.AWS.Events;
        using Amazon.CDK.AWS.IAM;
        using Amazon.CDK.AWS.Lambda;
        using Amazon.CDK.AWS.SNS;
        using Constructs;
        using Attribute = Amazon.CDK.AWS.DynamoDB.Attribute;
        using Function = Amazon.CDK.AWS.Lambda.Function;

        """;

    public static IReadOnlyList<CorpusCase> Read(CorpusSet set, RuleFamily family) =>
        [.. ReadFile(set, family.File + ".Drift.cs", isDrift: true), .. ReadFile(set, family.File + ".Clean.cs", isDrift: false)];

    public static async Task<CaseOutcome> RunAsync(CorpusCase corpusCase)
    {
        var infrastructure = corpusCase.Project == "infrastructure";
        var prelude = infrastructure ? InfrastructurePrelude : ServicePrelude;
        var preludeLines = prelude.Count(c => c == '\n');
        var references = DriftVerifier.References(infrastructure ? TestProject.Infrastructure : TestProject.Service);
        if (corpusCase.Project == "test")
        {
            references = references.Add(MetadataReference.CreateFromFile(typeof(FactAttribute).Assembly.Location));
        }

        var trees = SourceFiles(corpusCase.Code)
            .Select(file => CSharpSyntaxTree.ParseText(prelude + file.Text, new CSharpParseOptions(LanguageVersion.Latest), path: $"/{corpusCase.File}/{corpusCase.Name}/{file.Name}"));
        var compilation = CSharpCompilation.Create("CorpusService", trees, references,
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable));
        var errors = compilation.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error).Select(d => d.ToString()).ToImmutableArray();

        var options = new AnalyzerOptions([], new CaseOptions(corpusCase.Options));
        var diagnostics = await compilation.WithAnalyzers([.. Analyzers], options).GetAnalyzerDiagnosticsAsync();
        var reported = diagnostics
            .Select(d => (Line: d.Location.IsInSource ? d.Location.GetLineSpan().StartLinePosition.Line + 1 - preludeLines : 0, d.Id))
            .Distinct()
            .ToImmutableArray();
        return new CaseOutcome(corpusCase, reported, errors);
    }

    /// <summary>
    /// The case's source files. Each keeps the case's line numbers: the lines of the other files are left blank, so a
    /// diagnostic's line in any file is its line in the case.
    /// </summary>
    private static IEnumerable<(string Name, string Text)> SourceFiles(string code)
    {
        var lines = code.Split('\n');
        var starts = lines.Select((text, index) => (text, index)).Where(l => FileHeader().IsMatch(l.text)).Select(l => l.index).Prepend(0).ToList();
        for (var i = 0; i < starts.Count; i++)
        {
            var end = i + 1 < starts.Count ? starts[i + 1] : lines.Length;
            var name = i == 0 ? "Case.cs" : FileHeader().Match(lines[starts[i]]).Groups["name"].Value;
            var own = lines.Select((text, index) => index >= starts[i] && index < end ? text : "");
            yield return (name, string.Join('\n', own));
        }
    }

    private static IEnumerable<CorpusCase> ReadFile(CorpusSet set, string file, bool isDrift)
    {
        var path = Path.Combine(TestsFolder, set.Folder, file);
        var defaultProject = file.StartsWith("Infrastructure", StringComparison.Ordinal) ? "infrastructure" : "service";
        var lines = File.ReadAllLines(path);
        var starts = lines.Select((text, index) => (text, index)).Where(l => CaseHeader().IsMatch(l.text)).Select(l => l.index).ToList();
        for (var i = 0; i < starts.Count; i++)
        {
            var end = i + 1 < starts.Count ? starts[i + 1] : lines.Length;
            var caseLines = lines[starts[i]..end];
            var name = CaseHeader().Match(caseLines[0]).Groups["name"].Value;
            var project = defaultProject;
            var options = ImmutableDictionary.CreateBuilder<string, string>();
            var expected = ImmutableArray.CreateBuilder<(int, string)>();
            for (var line = 0; line < caseLines.Length; line++)
            {
                var text = caseLines[line];
                if (Directive().Match(text) is { Success: true } directive && line < 4)
                {
                    var value = directive.Groups["value"].Value.Trim();
                    switch (directive.Groups["key"].Value)
                    {
                        case "project":
                            project = value;
                            break;
                        case "options":
                            foreach (var option in value.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
                            {
                                var equals = option.IndexOf('=', StringComparison.Ordinal);
                                options[option[..equals].Trim()] = option[(equals + 1)..].Trim();
                            }

                            break;
                        case "expect":
                            expected.AddRange(value.Split(',', StringSplitOptions.TrimEntries).Select(id => (0, id)));
                            break;
                    }

                    continue;
                }

                foreach (Match marker in Marker().Matches(text))
                {
                    expected.AddRange(marker.Groups["ids"].Value.Split(',', StringSplitOptions.TrimEntries).Select(id => (line + 1, id)));
                }
            }

            var corpusCase = new CorpusCase(file, name, isDrift, project, string.Join('\n', caseLines) + "\n", options.ToImmutable(), expected.ToImmutable());
            if (isDrift != (corpusCase.Expected.Length > 0))
            {
                throw new InvalidDataException($"{file}: case '{name}' {(isDrift ? "marks no expected finding" : "is a near-miss but marks a finding")}");
            }

            yield return corpusCase;
        }
    }

    [GeneratedRegex(@"^// ==== case: (?<name>[\w-]+)\s*$")]
    private static partial Regex CaseHeader();

    [GeneratedRegex(@"^// ---- file: (?<name>[\w.-]+)\s*$")]
    private static partial Regex FileHeader();

    [GeneratedRegex(@"^// (?<key>project|options|expect): (?<value>.*)$")]
    private static partial Regex Directive();

    [GeneratedRegex(@"(?://|/\*) expect: (?<ids>INS1\d\d(?:, ?INS1\d\d)*)")]
    private static partial Regex Marker();

    /// <summary>The build properties and .editorconfig keys a case sets, as the compiler hands them to analyzers.</summary>
    private sealed class CaseOptions(ImmutableDictionary<string, string> values) : AnalyzerConfigOptionsProvider
    {
        private readonly Options _options = new(values);

        public override AnalyzerConfigOptions GlobalOptions => _options;

        public override AnalyzerConfigOptions GetOptions(SyntaxTree tree) => Options.Empty;

        public override AnalyzerConfigOptions GetOptions(AdditionalText textFile) => Options.Empty;

        private sealed class Options(ImmutableDictionary<string, string> values) : AnalyzerConfigOptions
        {
            public static readonly Options Empty = new(ImmutableDictionary<string, string>.Empty);

            public override bool TryGetValue(string key, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out string? value) => values.TryGetValue(key, out value);
        }
    }
}
