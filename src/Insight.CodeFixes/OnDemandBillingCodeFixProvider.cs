using System.Collections.Generic;
using System.Collections.Immutable;
using System.Composition;
using System.Linq;
using System.Threading.Tasks;
using Insight.Generators.Drift;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Formatting;

namespace Insight.CodeFixes;

/// <summary>
/// INS106: switches a DynamoDB table to on-demand billing. In the props' initializer, <c>BillingMode.PROVISIONED</c>
/// becomes <c>PAY_PER_REQUEST</c> (<c>"PROVISIONED"</c> on a CfnTable likewise), <c>Billing.Provisioned(...)</c>
/// becomes <c>Billing.OnDemand()</c>, and the read and write capacities go; table props that would then fall back to
/// CDK's provisioned default get <c>BillingMode = BillingMode.PAY_PER_REQUEST</c>.
/// </summary>
/// <remarks>
/// The analyzer reports one diagnostic per props object, and each fix touches only its own initializer, so the batch
/// fixer's merge of text changes is all Fix All needs.
/// </remarks>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(OnDemandBillingCodeFixProvider)), Shared]
public sealed class OnDemandBillingCodeFixProvider : CodeFixProvider
{
    private const string OnDemand = "PAY_PER_REQUEST";
    private static readonly string[] CapacitySettings = ["ReadCapacity", "WriteCapacity", "ProvisionedThroughput"];

    /// <inheritdoc/>
    public override ImmutableArray<string> FixableDiagnosticIds { get; } = [DriftRuleIds.ProvisionedBilling];

    /// <inheritdoc/>
    public override FixAllProvider GetFixAllProvider() => WellKnownFixAllProviders.BatchFixer;

    /// <inheritdoc/>
    public override async Task RegisterCodeFixesAsync(CodeFixContext context)
    {
        var root = await context.Document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
        foreach (var diagnostic in context.Diagnostics)
        {
            var node = root?.FindNode(diagnostic.Location.SourceSpan, getInnermostNodeForTie: true);
            var addBillingMode = diagnostic.Properties.ContainsKey(DriftFixProperties.AddBillingMode);
            var target = node switch
            {
                BaseObjectCreationExpressionSyntax creation when addBillingMode => creation,
                AssignmentExpressionSyntax { Parent: InitializerExpressionSyntax initializer } => initializer,
                AssignmentExpressionSyntax { Parent: ExpressionStatementSyntax } assignment => assignment,
                _ => (SyntaxNode?)null,
            };
            if (root is null || target is null)
            {
                continue;
            }

            context.RegisterCodeFix(
                CodeAction.Create("Bill the table on demand (PAY_PER_REQUEST)", _ => Task.FromResult(Fix(context.Document, root, target, addBillingMode)),
                    equivalenceKey: DriftRuleIds.ProvisionedBilling + ".OnDemand"),
                diagnostic);
        }
    }

    private static Document Fix(Document document, SyntaxNode root, SyntaxNode target, bool addBillingMode) => target switch
    {
        BaseObjectCreationExpressionSyntax creation => document.WithSyntaxRoot(root.ReplaceNode(creation, WithInitializer(creation, WithOnDemandBilling(creation.Initializer)))),
        InitializerExpressionSyntax initializer => document.WithSyntaxRoot(root.ReplaceNode(initializer, OnDemandInitializer(initializer, addBillingMode))),
        AssignmentExpressionSyntax assignment => FixStatement(document, root, assignment),
        _ => document,
    };

    private static BaseObjectCreationExpressionSyntax WithInitializer(BaseObjectCreationExpressionSyntax creation, InitializerExpressionSyntax initializer) =>
        creation.Initializer is null
            ? creation.WithInitializer(initializer).WithAdditionalAnnotations(Formatter.Annotation)
            : creation.WithInitializer(initializer);

    /// <summary>Rewrites every billing setting of one props initializer, so the fixes of its several settings agree.</summary>
    private static InitializerExpressionSyntax OnDemandInitializer(InitializerExpressionSyntax initializer, bool addBillingMode)
    {
        var kept = new List<SyntaxNodeOrToken>();
        var elements = initializer.Expressions.GetWithSeparators();
        for (var i = 0; i < elements.Count; i += 2)
        {
            var expression = (ExpressionSyntax)elements[i].AsNode()!;
            if (expression is AssignmentExpressionSyntax { Left: IdentifierNameSyntax { Identifier.ValueText: var name } } assignment)
            {
                if (CapacitySettings.Contains(name))
                {
                    continue;
                }

                expression = OnDemandAssignment(assignment, name);
            }

            kept.Add(expression);
            if (i + 1 < elements.Count)
            {
                kept.Add(elements[i + 1]);
            }
        }

        // Removing the last settings must not leave a trailing comma the initializer did not have.
        var expressions = initializer.Expressions;
        if (expressions.SeparatorCount < expressions.Count && kept.Count > 0 && kept[kept.Count - 1].IsToken)
        {
            kept.RemoveAt(kept.Count - 1);
            kept[kept.Count - 1] = kept[kept.Count - 1].AsNode()!.WithTrailingTrivia(expressions[expressions.Count - 1].GetTrailingTrivia());
        }

        var rewritten = initializer.WithExpressions(SyntaxFactory.SeparatedList<ExpressionSyntax>(kept));
        return addBillingMode ? WithOnDemandBilling(rewritten) : rewritten;
    }

    private static AssignmentExpressionSyntax OnDemandAssignment(AssignmentExpressionSyntax assignment, string name)
    {
        var value = assignment.Right;
        ExpressionSyntax? onDemand = name switch
        {
            "BillingMode" when value is MemberAccessExpressionSyntax { Name.Identifier.ValueText: "PROVISIONED" } member =>
                member.WithName(SyntaxFactory.IdentifierName(OnDemand).WithTriviaFrom(member.Name)),
            "BillingMode" when value is LiteralExpressionSyntax { Token.ValueText: "PROVISIONED" } literal =>
                SyntaxFactory.LiteralExpression(SyntaxKind.StringLiteralExpression, SyntaxFactory.Literal(OnDemand)).WithTriviaFrom(literal),
            "Billing" when value is InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax { Name.Identifier.ValueText: "Provisioned" } member } invocation =>
                invocation.WithExpression(member.WithName(SyntaxFactory.IdentifierName("OnDemand").WithTriviaFrom(member.Name)))
                    .WithArgumentList(SyntaxFactory.ArgumentList().WithTriviaFrom(invocation.ArgumentList)),
            _ => null,
        };
        return onDemand is null ? assignment : assignment.WithRight(onDemand);
    }

    /// <summary>Adds <c>BillingMode = BillingMode.PAY_PER_REQUEST</c>, written as the initializer's other settings are.</summary>
    private static InitializerExpressionSyntax WithOnDemandBilling(InitializerExpressionSyntax? initializer)
    {
        var billing = SyntaxFactory.AssignmentExpression(
            SyntaxKind.SimpleAssignmentExpression,
            SyntaxFactory.IdentifierName("BillingMode"),
            FixSyntax.Qualified("global::Amazon.CDK.AWS.DynamoDB.BillingMode." + OnDemand));

        if (initializer is null)
        {
            return SyntaxFactory.InitializerExpression(SyntaxKind.ObjectInitializerExpression, SyntaxFactory.SingletonSeparatedList<ExpressionSyntax>(billing));
        }

        var expressions = initializer.Expressions;
        if (expressions.Count == 0)
        {
            return initializer.WithExpressions(expressions.Add(billing.WithLeadingTrivia(SyntaxFactory.Space).WithTrailingTrivia(SyntaxFactory.Space)));
        }

        // On a line of its own with the others' indentation, or inline after a comma and a space.
        var last = expressions[expressions.Count - 1];
        var multiline = initializer.OpenBraceToken.TrailingTrivia.Any(t => t.IsKind(SyntaxKind.EndOfLineTrivia));
        var list = expressions.GetWithSeparators();
        if (expressions.SeparatorCount == expressions.Count)
        {
            // A trailing comma stays trailing: the new setting goes after it and gets one of its own.
            var comma = list[list.Count - 1].AsToken();
            billing = billing.WithLeadingTrivia(multiline ? last.GetLeadingTrivia() : default);
            list = list.Add(billing).Add(SyntaxFactory.Token(SyntaxKind.CommaToken).WithTrailingTrivia(comma.TrailingTrivia));
        }
        else
        {
            // The last setting's line end (or space) moves behind the new setting.
            var trailing = last.GetTrailingTrivia();
            billing = billing.WithLeadingTrivia(multiline ? last.GetLeadingTrivia() : SyntaxFactory.TriviaList(SyntaxFactory.Space)).WithTrailingTrivia(trailing);
            var comma = SyntaxFactory.Token(SyntaxKind.CommaToken).WithTrailingTrivia(multiline ? trailing : default);
            list = list.Replace(last, last.WithoutTrailingTrivia()).Add(comma).Add(billing);
        }

        return initializer.WithExpressions(SyntaxFactory.SeparatedList<ExpressionSyntax>(list));
    }

    /// <summary><c>props.BillingMode = BillingMode.PROVISIONED;</c> is switched; <c>props.ReadCapacity = 5;</c> goes.</summary>
    private static Document FixStatement(Document document, SyntaxNode root, AssignmentExpressionSyntax assignment)
    {
        var name = assignment.Left switch
        {
            MemberAccessExpressionSyntax member => member.Name.Identifier.ValueText,
            IdentifierNameSyntax identifier => identifier.Identifier.ValueText,
            _ => "",
        };
        if (CapacitySettings.Contains(name) && assignment.Parent is ExpressionStatementSyntax statement)
        {
            return document.WithSyntaxRoot(root.RemoveNode(statement, SyntaxRemoveOptions.KeepNoTrivia)!);
        }

        return document.WithSyntaxRoot(root.ReplaceNode(assignment, OnDemandAssignment(assignment, name)));
    }
}
