using System.Collections.Generic;
using System.Collections.Immutable;
using System.Composition;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Insight.Generators.Drift;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Editing;
using Microsoft.CodeAnalysis.Formatting;

namespace Insight.CodeFixes;

/// <summary>
/// INS104: replaces <c>new AmazonDynamoDBClient(...)</c> with a constructor parameter of the client's interface
/// (<c>IAmazonDynamoDB dynamoDB</c>), reusing one the type already takes. The parameter goes on the constructor the
/// creation is in, or on the primary constructor (which a type without constructors gets).
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(InjectClientCodeFixProvider)), Shared]
public sealed class InjectClientCodeFixProvider : CodeFixProvider
{
    /// <inheritdoc/>
    public override ImmutableArray<string> FixableDiagnosticIds { get; } = [DriftRuleIds.HandBuiltClient];

    /// <summary>
    /// Fix All goes through one editor per document, so several clients built in one type share the parameter each
    /// interface gets; merged text changes would reject the third copy of one insertion.
    /// </summary>
    public override FixAllProvider GetFixAllProvider() => FixAllProvider.Create(async (context, document, diagnostics) =>
    {
        var editor = await DocumentEditor.CreateAsync(document, context.CancellationToken).ConfigureAwait(false);
        var added = new Dictionary<(SyntaxNode Owner, string Interface), string>();
        foreach (var diagnostic in diagnostics.Where(d => d.Id == DriftRuleIds.HandBuiltClient).OrderBy(d => d.Location.SourceSpan.Start))
        {
            if (Fixable(editor.OriginalRoot, diagnostic) is var (creation, serviceInterface))
            {
                Apply(editor, creation, serviceInterface, added, context.CancellationToken);
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
            if (root is null || Fixable(root, diagnostic) is not var (creation, serviceInterface))
            {
                continue;
            }

            var shortName = serviceInterface.Substring(serviceInterface.LastIndexOf('.') + 1);
            context.RegisterCodeFix(
                CodeAction.Create($"Inject {shortName} through the constructor", async cancellationToken =>
                {
                    var editor = await DocumentEditor.CreateAsync(context.Document, cancellationToken).ConfigureAwait(false);
                    Apply(editor, creation, serviceInterface, [], cancellationToken);
                    return editor.GetChangedDocument();
                }, equivalenceKey: DriftRuleIds.HandBuiltClient + ".Inject"),
                diagnostic);
        }
    }

    private static (BaseObjectCreationExpressionSyntax Creation, string Interface)? Fixable(SyntaxNode root, Diagnostic diagnostic) =>
        root.FindNode(diagnostic.Location.SourceSpan, getInnermostNodeForTie: true) is BaseObjectCreationExpressionSyntax creation
        && diagnostic.Properties.TryGetValue(DriftFixProperties.ClientInterface, out var serviceInterface) && serviceInterface is not null
        && Placement(creation) is not null
            ? (creation, serviceInterface)
            : null;

    /// <summary>Where the parameter can go: the enclosing constructor, or the type's (possibly new) primary constructor; <c>null</c> when neither works.</summary>
    private static (TypeDeclarationSyntax Type, ConstructorDeclarationSyntax? Constructor)? Placement(SyntaxNode creation)
    {
        if (creation.FirstAncestorOrSelf<TypeDeclarationSyntax>() is not { } type)
        {
            return null;
        }

        if (creation.FirstAncestorOrSelf<ConstructorDeclarationSyntax>() is { } constructor && constructor.Parent == type && !constructor.Modifiers.Any(SyntaxKind.StaticKeyword))
        {
            return (type, constructor);
        }

        // A primary-constructor parameter is visible to instance members only.
        var member = creation.FirstAncestorOrSelf<MemberDeclarationSyntax>(m => m.Parent == type);
        var isStatic = member switch
        {
            BaseMethodDeclarationSyntax method => method.Modifiers.Any(SyntaxKind.StaticKeyword),
            BasePropertyDeclarationSyntax property => property.Modifiers.Any(SyntaxKind.StaticKeyword),
            BaseFieldDeclarationSyntax field => field.Modifiers.Any(SyntaxKind.StaticKeyword) || field.Modifiers.Any(SyntaxKind.ConstKeyword),
            _ => true,
        };
        if (isStatic || type.Modifiers.Any(SyntaxKind.StaticKeyword) || type is InterfaceDeclarationSyntax)
        {
            return null;
        }

        return type.ParameterList is not null || !type.Members.OfType<ConstructorDeclarationSyntax>().Any(c => !c.Modifiers.Any(SyntaxKind.StaticKeyword))
            ? (type, null)
            : null;
    }

    /// <summary>
    /// Records the replacement of <paramref name="creation"/> by a constructor parameter, and the parameter itself
    /// unless the type already takes the interface or <paramref name="added"/> says an earlier fix added it.
    /// </summary>
    private static void Apply(DocumentEditor editor, BaseObjectCreationExpressionSyntax creation, string serviceInterface,
        Dictionary<(SyntaxNode Owner, string Interface), string> added, CancellationToken cancellationToken)
    {
        var model = editor.SemanticModel;
        var interfaceType = model.Compilation.GetTypeByMetadataName(serviceInterface);
        if (interfaceType is null || Placement(creation) is not var (type, constructor))
        {
            return;
        }

        var owner = (SyntaxNode?)constructor ?? type;
        if (!added.TryGetValue((owner, serviceInterface), out var name))
        {
            var parameters = constructor?.ParameterList ?? type.ParameterList;
            var existing = parameters?.Parameters.FirstOrDefault(p => p.Type is { } t && SymbolEqualityComparer.Default.Equals(model.GetTypeInfo(t, cancellationToken).Type, interfaceType));
            name = existing?.Identifier.ValueText
                ?? FixSyntax.UniqueName(model, creation.SpanStart, ParameterName(interfaceType.Name), FixSyntax.ConstructorParameterNames(type).Concat(added.Values));
            if (existing is null)
            {
                var parameter = SyntaxFactory.Parameter(SyntaxFactory.Identifier(name)).WithType(FixSyntax.QualifiedType(serviceInterface));
                if (parameters is not null)
                {
                    editor.ReplaceNode(parameters, (current, _) => FixSyntax.WithParameter((ParameterListSyntax)current, parameter));
                }
                else
                {
                    // No constructor yet: the type gets a primary constructor, whose parameter DI supplies.
                    editor.ReplaceNode(type, (current, _) => WithPrimaryConstructor((TypeDeclarationSyntax)current, parameter));
                }
            }

            added[(owner, serviceInterface)] = name;
        }

        editor.ReplaceNode(creation, SyntaxFactory.IdentifierName(name).WithTriviaFrom(creation));
    }

    /// <summary>The type with a primary constructor of one parameter, placed after the name and any type parameters.</summary>
    private static TypeDeclarationSyntax WithPrimaryConstructor(TypeDeclarationSyntax declaration, ParameterSyntax parameter)
    {
        if (declaration.ParameterList is { } existing)
        {
            // An earlier fix in the same batch gave the type its primary constructor.
            return declaration.WithParameterList(FixSyntax.WithParameter(existing, parameter));
        }

        SyntaxTriviaList trailing;
        if (declaration.TypeParameterList is { } typeParameters)
        {
            trailing = typeParameters.GetTrailingTrivia();
            declaration = declaration.WithTypeParameterList(typeParameters.WithoutTrailingTrivia());
        }
        else
        {
            trailing = declaration.Identifier.TrailingTrivia;
            declaration = declaration.WithIdentifier(declaration.Identifier.WithTrailingTrivia());
        }

        var list = SyntaxFactory.ParameterList(SyntaxFactory.SingletonSeparatedList(parameter)).WithTrailingTrivia(trailing);
        return declaration.WithParameterList(list.WithAdditionalAnnotations(Formatter.Annotation));
    }

    /// <summary><c>IAmazonDynamoDB</c> → <c>dynamoDB</c>, <c>IAmazonSQS</c> → <c>sqs</c>, <c>IAmazonEventBridge</c> → <c>eventBridge</c>.</summary>
    private static string ParameterName(string interfaceName)
    {
        var name = interfaceName.StartsWith("IAmazon", System.StringComparison.Ordinal) && interfaceName.Length > 7 ? interfaceName.Substring(7)
            : interfaceName.StartsWith("I", System.StringComparison.Ordinal) && interfaceName.Length > 1 ? interfaceName.Substring(1)
            : interfaceName;

        // Lower the leading capitals, except the last of a run that starts the next word (DynamoDB → dynamoDB, SQSQueue → sqsQueue).
        var upper = 0;
        while (upper < name.Length && char.IsUpper(name[upper]))
        {
            upper++;
        }

        var lowered = upper == name.Length || upper <= 1 ? upper : upper - 1;
        var result = name.Substring(0, lowered).ToLowerInvariant() + name.Substring(lowered);
        return SyntaxFacts.GetKeywordKind(result) == SyntaxKind.None ? result : "@" + result;
    }
}
