using System.Collections.Generic;
using System.Collections.Immutable;
using System.Composition;
using System.Linq;
using System.Text;
using System.Threading.Tasks;
using Insight.Generators.Drift;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Editing;

namespace Insight.CodeFixes;

/// <summary>
/// Replaces a hard-coded account, region or payload tenant id with the deployment's own value: <c>tenant.AccountId</c>,
/// <c>tenant.Region</c>, <c>tenant.TenantId</c> in service code (adding a <c>TenantContext</c> parameter to
/// <c>HandleAsync</c> when it has none), <c>Aws.ACCOUNT_ID</c>/<c>Aws.REGION</c> in CDK code. A literal ARN becomes
/// an interpolated string with those values in its account and region fields. What to write comes from the
/// analyzer's diagnostic properties; a diagnostic without them has no fix.
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(TenantValueCodeFixProvider)), Shared]
public sealed class TenantValueCodeFixProvider : CodeFixProvider
{
    /// <inheritdoc/>
    public override ImmutableArray<string> FixableDiagnosticIds { get; } =
    [
        DriftRuleIds.HardCodedAccount,
        DriftRuleIds.HardCodedRegionOrName,
        DriftRuleIds.PayloadTenantId,
        DriftRuleIds.EnvironmentVariableInHandler,
    ];

    /// <summary>
    /// Fix All applies every fix of a document through one editor: the fixes in one HandleAsync share the parameter
    /// they add, and the batch fixer, which merges each fix's text changes, rejects a third copy of one insertion.
    /// </summary>
    public override FixAllProvider GetFixAllProvider() => FixAllProvider.Create(async (context, document, diagnostics) =>
    {
        var editor = await DocumentEditor.CreateAsync(document, context.CancellationToken).ConfigureAwait(false);
        var addedParameters = new Dictionary<MethodDeclarationSyntax, string>();
        foreach (var diagnostic in diagnostics.Where(d => EquivalenceKey(d.Id) == context.CodeActionEquivalenceKey).OrderBy(d => d.Location.SourceSpan.Start))
        {
            if (FixableNode(editor.OriginalRoot, diagnostic) is { } node)
            {
                Apply(editor, node, diagnostic.Properties, addedParameters);
            }
        }

        return editor.GetChangedDocument();
    });

    /// <inheritdoc/>
    public override async Task RegisterCodeFixesAsync(CodeFixContext context)
    {
        var root = await context.Document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
        foreach (var diagnostic in context.Diagnostics)
        {
            if (root is null || FixableNode(root, diagnostic) is not { } node)
            {
                continue;
            }

            var properties = diagnostic.Properties;
            var member = properties[DriftFixProperties.TenantMember]!;
            var infrastructure = properties.ContainsKey(DriftFixProperties.Infrastructure);
            var isArn = properties.ContainsKey(DriftFixProperties.ArnAccount) || properties.ContainsKey(DriftFixProperties.ArnRegion);
            var title = isArn
                ? (infrastructure ? "Build the ARN from Aws.ACCOUNT_ID and Aws.REGION" : "Build the ARN from the tenant's account and region")
                : $"Use {Describe(member, infrastructure)}";
            context.RegisterCodeFix(
                CodeAction.Create(title, async cancellationToken =>
                {
                    var editor = await DocumentEditor.CreateAsync(context.Document, cancellationToken).ConfigureAwait(false);
                    Apply(editor, node, properties, []);
                    return editor.GetChangedDocument();
                }, equivalenceKey: EquivalenceKey(diagnostic.Id)),
                diagnostic);
        }
    }

    private static string EquivalenceKey(string diagnosticId) => diagnosticId + ".TenantValue";

    /// <summary>The expression a diagnostic flags, when the analyzer said how to replace it.</summary>
    private static ExpressionSyntax? FixableNode(SyntaxNode root, Diagnostic diagnostic) =>
        diagnostic.Properties.TryGetValue(DriftFixProperties.TenantMember, out var member) && member is not null
            ? root.FindNode(diagnostic.Location.SourceSpan, getInnermostNodeForTie: true) as ExpressionSyntax
            : null;

    private static string Describe(string member, bool infrastructure) => infrastructure
        ? (member == "AccountId" ? "Aws.ACCOUNT_ID" : "Aws.REGION")
        : $"TenantContext.{member}";

    /// <summary>
    /// Records the replacement of <paramref name="node"/> in <paramref name="editor"/>, and the TenantContext
    /// parameter its HandleAsync needs unless <paramref name="addedParameters"/> says an earlier fix added it.
    /// </summary>
    private static void Apply(DocumentEditor editor, ExpressionSyntax node, ImmutableDictionary<string, string?> properties, Dictionary<MethodDeclarationSyntax, string> addedParameters)
    {
        var tenant = properties.TryGetValue(DriftFixProperties.TenantExpression, out var expression) ? expression : null;
        var infrastructure = properties.ContainsKey(DriftFixProperties.Infrastructure);

        if (!infrastructure && tenant is null)
        {
            // No TenantContext in scope: the handler's HandleAsync takes one; the runtime passes it.
            var method = node.FirstAncestorOrSelf<MethodDeclarationSyntax>(m => m.Identifier.ValueText == "HandleAsync");
            if (method is null || !properties.ContainsKey(DriftFixProperties.AddTenantParameter))
            {
                return;
            }

            if (!addedParameters.TryGetValue(method, out tenant))
            {
                var position = method.Body?.SpanStart ?? method.ExpressionBody?.SpanStart ?? method.SpanStart;
                tenant = FixSyntax.UniqueName(editor.SemanticModel, position, "tenant", method.ParameterList.Parameters.Select(p => p.Identifier.ValueText));
                var parameter = SyntaxFactory.Parameter(SyntaxFactory.Identifier(tenant)).WithType(FixSyntax.QualifiedType("Insight.Sdk.TenantContext"));
                editor.ReplaceNode(method.ParameterList, (current, _) => FixSyntax.WithParameter((ParameterListSyntax)current, parameter));
                addedParameters[method] = tenant;
            }
        }

        // Type names as short as this spot allows; the simplifier leaves names inside interpolations and initializers alone.
        string Value(string member) => infrastructure
            ? FixSyntax.MinimalName(editor.SemanticModel, node.SpanStart, "Amazon.CDK.Aws") + (member == "AccountId" ? ".ACCOUNT_ID" : ".REGION")
            : $"{tenant}.{member}";

        ExpressionSyntax? replacement;
        if (properties.ContainsKey(DriftFixProperties.ArnAccount) || properties.ContainsKey(DriftFixProperties.ArnRegion))
        {
            var account = properties.ContainsKey(DriftFixProperties.ArnAccount) ? Value("AccountId") : null;
            var region = properties.ContainsKey(DriftFixProperties.ArnRegion) ? Value("Region") : null;
            replacement = ArnWithValues(node, account, region);
        }
        else if (properties.ContainsKey(DriftFixProperties.RegionEndpoint))
        {
            replacement = SyntaxFactory.ParseExpression($"{FixSyntax.MinimalName(editor.SemanticModel, node.SpanStart, "Amazon.RegionEndpoint")}.GetBySystemName({Value("Region")})");
        }
        else
        {
            replacement = FixSyntax.Qualified(Value(properties[DriftFixProperties.TenantMember]!));
        }

        if (replacement is not null)
        {
            editor.ReplaceNode(node, replacement.WithTriviaFrom(node));
        }
    }

    /// <summary>
    /// The ARN in <paramref name="node"/> (a literal or an interpolated string) as an interpolated string whose account
    /// and region fields hold the given expressions; fields given as <c>null</c> stay as written.
    /// </summary>
    private static ExpressionSyntax? ArnWithValues(ExpressionSyntax node, string? account, string? region)
    {
        // The string as text with one placeholder character per existing interpolation, which is copied back as written.
        string text;
        var holes = ImmutableArray<InterpolationSyntax>.Empty;
        switch (node)
        {
            case LiteralExpressionSyntax literal when literal.IsKind(SyntaxKind.StringLiteralExpression):
                text = literal.Token.ValueText;
                break;
            case InterpolatedStringExpressionSyntax interpolated:
                holes = [.. interpolated.Contents.OfType<InterpolationSyntax>()];
                text = string.Concat(interpolated.Contents.Select(c => c is InterpolatedStringTextSyntax t ? t.TextToken.ValueText : Hole.ToString()));
                break;
            default:
                return null;
        }

        if (!AwsLiterals.TryReadArn(text, out var regionStart, out var regionLength, out var accountStart, out var accountLength))
        {
            return null;
        }

        var regionEnd = regionStart + regionLength;
        var accountEnd = accountStart + accountLength;

        var result = new StringBuilder("$\"");
        var hole = 0;
        for (var i = 0; i < text.Length; i++)
        {
            if (region is not null && i == regionStart)
            {
                result.Append('{').Append(region).Append('}');
                i = regionEnd - 1;
                continue;
            }

            if (account is not null && i == accountStart)
            {
                result.Append('{').Append(account).Append('}');
                i = accountEnd - 1;
                continue;
            }

            var c = text[i];
            if (c == Hole)
            {
                result.Append(holes[hole++].ToString());
            }
            else
            {
                AppendEscaped(result, c);
            }
        }

        return FixSyntax.Qualified(result.Append('"').ToString());
    }

    private const char Hole = '\u0001';

    private static void AppendEscaped(StringBuilder builder, char c)
    {
        switch (c)
        {
            case '{': builder.Append("{{"); break;
            case '}': builder.Append("}}"); break;
            case '"': builder.Append("\\\""); break;
            case '\\': builder.Append("\\\\"); break;
            case '\n': builder.Append("\\n"); break;
            case '\r': builder.Append("\\r"); break;
            case '\t': builder.Append("\\t"); break;
            default: builder.Append(c); break;
        }
    }
}
