using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Formatting;
using Microsoft.CodeAnalysis.Simplification;

namespace Insight.CodeFixes;

/// <summary>Syntax the fixes share: parameters added to a list, names that do not clash, fully qualified names that simplify.</summary>
internal static class FixSyntax
{
    /// <summary>
    /// A fully qualified name (<c>global::Amazon.CDK.Aws.ACCOUNT_ID</c>) the code action's clean-up shortens to what
    /// the file's usings allow, so a fix never depends on which usings a file has.
    /// </summary>
    public static ExpressionSyntax Qualified(string expression) =>
        SyntaxFactory.ParseExpression(expression).WithAdditionalAnnotations(Simplifier.Annotation);

    /// <summary>The shortest name of a type that binds to it at <paramref name="position"/>, or its global name when the compilation lacks it.</summary>
    public static string MinimalName(SemanticModel model, int position, string metadataName) =>
        model.Compilation.GetTypeByMetadataName(metadataName)?.ToMinimalDisplayString(model, position) ?? "global::" + metadataName;

    public static TypeSyntax QualifiedType(string typeName) =>
        SyntaxFactory.ParseTypeName("global::" + typeName).WithAdditionalAnnotations(Simplifier.Annotation, Simplifier.AddImportsAnnotation);

    /// <summary>
    /// Adds <paramref name="parameter"/> to <paramref name="list"/>: before a <c>CancellationToken</c>, which by
    /// convention comes last, or at the end.
    /// </summary>
    public static ParameterListSyntax WithParameter(ParameterListSyntax list, ParameterSyntax parameter)
    {
        var index = list.Parameters.Count;
        for (var i = 0; i < list.Parameters.Count; i++)
        {
            if (list.Parameters[i].Type is { } type && type.ToString().EndsWith("CancellationToken", System.StringComparison.Ordinal))
            {
                index = i;
                break;
            }
        }

        return list.WithParameters(list.Parameters.Insert(index, parameter)).WithAdditionalAnnotations(Formatter.Annotation);
    }

    /// <summary>
    /// <paramref name="preferred"/>, or it with a suffix when a symbol of that name is already visible at
    /// <paramref name="position"/> or is in <paramref name="taken"/>.
    /// </summary>
    public static string UniqueName(SemanticModel model, int position, string preferred, IEnumerable<string> taken)
    {
        var takenNames = new HashSet<string>(taken);
        var name = preferred;
        for (var suffix = 2; takenNames.Contains(name) || model.LookupSymbols(position, name: name).Any(); suffix++)
        {
            name = preferred + suffix;
        }

        return name;
    }

    /// <summary>Parameter names of a type's primary constructor and of all its constructors, which a new one must not repeat.</summary>
    public static IEnumerable<string> ConstructorParameterNames(TypeDeclarationSyntax type) =>
        (type.ParameterList?.Parameters ?? default).Select(p => p.Identifier.ValueText)
            .Concat(type.Members.OfType<ConstructorDeclarationSyntax>().SelectMany(c => c.ParameterList.Parameters).Select(p => p.Identifier.ValueText));
}
