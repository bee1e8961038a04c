using System.Collections.Generic;
using System.Linq;
using System.Threading;
using Insight.Generators.Common;
using Microsoft.CodeAnalysis;

namespace Insight.Generators.Handlers;

/// <summary>Symbols → models for the handler generator. Invalid input yields no model; the analyzer explains why.</summary>
internal static class HandlerParser
{
    public static HandlerModel? ParseHandler(GeneratorAttributeSyntaxContext context, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        if (context.TargetSymbol is not INamedTypeSymbol type || context.Attributes.Length == 0)
        {
            return null;
        }

        var attribute = context.Attributes[0];
        var kind = attribute.AttributeClass is { } attributeClass ? HandlerShape.KindOf(attributeClass.MetadataName()) : null;
        return kind is null ? null : HandlerShape.Read(type, attribute, kind.Value, new List<HandlerProblem>());
    }

    public static StartupModel? ParseStartup(GeneratorAttributeSyntaxContext context, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return context.TargetSymbol is INamedTypeSymbol type && StartupShape.Problem(type) is null
            ? new StartupModel(type.ToDisplayString(KnownTypes.FullyQualified))
            : null;
    }

    public static JsonContextModel? ParseJsonContext(GeneratorAttributeSyntaxContext context, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        if (context.TargetSymbol is not INamedTypeSymbol type || !JsonContexts.IsContext(type))
        {
            return null;
        }

        return new JsonContextModel(
            type.ToDisplayString(KnownTypes.FullyQualified),
            JsonContexts.CoveredTypes(context.Attributes).ToEquatableArray());
    }
}

/// <summary>Reading <c>[JsonSerializable]</c> contexts, shared by the generator and the analyzer.</summary>
internal static class JsonContexts
{
    public static bool IsContext(INamedTypeSymbol type)
    {
        for (var current = type.BaseType; current is not null; current = current.BaseType)
        {
            if (current.MetadataName() == KnownTypes.JsonSerializerContext)
            {
                return true;
            }
        }

        return false;
    }

    public static IEnumerable<string> CoveredTypes(IEnumerable<AttributeData> attributes) =>
        attributes
            .Where(a => a.AttributeClass?.MetadataName() == KnownTypes.JsonSerializableAttribute)
            .Select(a => a.ConstructorArguments.FirstOrDefault().Value)
            .OfType<ITypeSymbol>()
            .Select(t => HandlerShape.Ref(t).FullName)
            .OrderBy(t => t, System.StringComparer.Ordinal);
}

/// <summary>What makes a <c>[FunctionStartup]</c> class valid, shared by the generator and the analyzer.</summary>
internal static class StartupShape
{
    public const string MethodName = "ConfigureServices";

    /// <summary>Why the class cannot serve as the startup, or <c>null</c> when it can.</summary>
    public static string? Problem(INamedTypeSymbol type)
    {
        if (type.ContainingType is not null || type.DeclaredAccessibility is not (Accessibility.Public or Accessibility.Internal))
        {
            return "must be a top-level public or internal class";
        }

        var valid = type.GetMembers(MethodName).OfType<IMethodSymbol>().Any(m =>
            m.IsStatic && m.DeclaredAccessibility is Accessibility.Public or Accessibility.Internal && m.ReturnsVoid
            && m.Parameters.Length == 1 && m.Parameters[0].Type.MetadataName() == KnownTypes.ServiceCollection);
        return valid ? null : "needs a method 'public static void ConfigureServices(IServiceCollection services)'";
    }
}
