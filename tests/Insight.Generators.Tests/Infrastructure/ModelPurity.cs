using System.Collections;
using System.Reflection;
using Microsoft.CodeAnalysis;

namespace Insight.Generators.Tests.Infrastructure;

/// <summary>
/// Walks pipeline models and fails on anything that would keep a compilation alive or break caching: symbols,
/// syntax, compilations, semantic models, locations.
/// </summary>
public static class ModelPurity
{
    /// <summary>Checks every object reachable from <paramref name="values"/>; returns what it visited.</summary>
    public static HashSet<object> AssertValueOnly(IEnumerable<object?> values)
    {
        var visited = new HashSet<object>(ReferenceEqualityComparer.Instance);
        var i = 0;
        foreach (var value in values)
        {
            AssertValueOnly(value, $"output[{i++}]", visited);
        }

        return visited;
    }

    private static void AssertValueOnly(object? value, string path, HashSet<object> visited)
    {
        if (value is null || value is string || value.GetType().IsPrimitive || value.GetType().IsEnum || !visited.Add(value))
        {
            return;
        }

        Assert.False(value is ISymbol or SyntaxNode or Compilation or Location or SemanticModel or SyntaxTree,
            $"{path} holds a {value.GetType().Name}, which keeps a compilation alive and breaks caching");

        if (value is IEnumerable items)
        {
            var i = 0;
            foreach (var item in items)
            {
                AssertValueOnly(item, $"{path}[{i++}]", visited);
            }

            return;
        }

        foreach (var field in value.GetType().GetFields(BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic))
        {
            AssertValueOnly(field.GetValue(value), $"{path}.{field.Name}", visited);
        }
    }
}
