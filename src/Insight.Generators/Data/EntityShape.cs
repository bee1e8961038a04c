using System;
using System.Collections.Generic;
using System.Linq;
using Insight.Generators.Common;
using Insight.Generators.Diagnostics;
using Insight.Generators.Handlers;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Insight.Generators.Data;

/// <summary>
/// Reads a <c>[DynamoTable]</c> type into an <see cref="EntityGeneration"/>, or says why it cannot. Shared by the
/// generator (which skips invalid entities) and the analyzer (which reports why).
/// </summary>
internal static class EntityShape
{
    private static readonly SymbolDisplayFormat NonNullable = KnownTypes.FullyQualified.RemoveMiscellaneousOptions(SymbolDisplayMiscellaneousOptions.IncludeNullableReferenceTypeModifier);

    public static EntityGeneration? Read(INamedTypeSymbol type, AttributeData attribute, List<HandlerProblem> problems)
    {
        var location = type.Locations.FirstOrDefault();
        var name = type.Name;
        if (!type.DeclaringSyntaxReferences.Any(r => r.GetSyntax() is TypeDeclarationSyntax t && t.Modifiers.Any(m => m.ValueText == "partial")))
        {
            problems.Add(new(DiagnosticDescriptors.EntityNotPartial, location, [name]));
        }

        if (type.IsGenericType || type.ContainingType is not null || type.IsAbstract || type.IsValueType)
        {
            problems.Add(new(DiagnosticDescriptors.UnsupportedEntityShape, location, [name, "must be a top-level, non-generic, non-abstract class or record"]));
            return null;
        }

        var nested = new Dictionary<string, NestedTypeModel>(StringComparer.Ordinal);
        var properties = ReadProperties(type, problems, nested, new HashSet<string>(StringComparer.Ordinal) { type.ToDisplayString(NonNullable) });
        if (properties is null)
        {
            return null;
        }

        var symbols = StoredProperties(type).ToDictionary(p => p.Name, StringComparer.Ordinal);
        var models = properties.Value.Models;

        // Keys: a [PartitionKey]/[SortKey] property, or a [CompositeKey] template.
        var partition = ReadKey(type, "Partition", KnownTypes.PartitionKeyAttribute, symbols, models, problems);
        var sort = ReadKey(type, "Sort", KnownTypes.SortKeyAttribute, symbols, models, problems);
        if (partition is null && !problems.Any(p => p.Descriptor == DiagnosticDescriptors.InvalidKeyDeclaration))
        {
            problems.Add(new(DiagnosticDescriptors.MissingPartitionKey, location, [name]));
        }

        foreach (var key in new[] { partition, sort })
        {
            if (key?.Property is { } keyProperty && models.First(m => m.Name == keyProperty) is { } model)
            {
                if (model.Shape.IsNullable)
                {
                    problems.Add(new(DiagnosticDescriptors.NullableKey, symbols[keyProperty].Locations.FirstOrDefault() ?? location, [keyProperty, name]));
                }
                else if (!IsKeyShape(model.Shape))
                {
                    problems.Add(new(DiagnosticDescriptors.InvalidKeyDeclaration, symbols[keyProperty].Locations.FirstOrDefault() ?? location,
                        [name, $"key property '{keyProperty}' is stored as {model.Shape.Kind}; a key must be a string, number, GUID, time or binary"]));
                }
            }
        }

        var version = ReadSpecial(type, KnownTypes.VersionAttribute, symbols, models, problems,
            shape => shape.Kind == ShapeKind.Number && shape.NumberType is "int" or "long",
            "a [Version] property must be int? or long? (null until first written)", requireNullable: true);
        ReadSpecial(type, KnownTypes.TimeToLiveAttribute, symbols, models, problems,
            shape => shape.Kind is ShapeKind.DateTimeOffset or ShapeKind.DateTime || (shape.Kind == ShapeKind.Number && shape.NumberType == "long"),
            "a [TimeToLive] property must be DateTimeOffset, DateTime or long (epoch seconds)", requireNullable: false);

        var indexes = ReadIndexes(symbols, models, problems, type);
        var duplicate = models.GroupBy(m => m.AttributeName).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
        {
            var pair = duplicate.Take(2).ToArray();
            problems.Add(new(DiagnosticDescriptors.DuplicateAttributeName, location, [pair[0].Name, pair[1].Name, name, duplicate.Key]));
        }

        var table = attribute.ConstructorArguments.FirstOrDefault().Value as string ?? name;
        var entityType = Named<string>(attribute, "EntityType");
        var discriminator = Named<string>(attribute, "DiscriminatorAttribute") ?? "EntityType";
        if (entityType is not null && models.Any(m => m.AttributeName == discriminator))
        {
            problems.Add(new(DiagnosticDescriptors.DuplicateAttributeName, location, ["EntityType", models.First(m => m.AttributeName == discriminator).Name, name, discriminator]));
        }

        if (problems.Count > 0 || partition is null)
        {
            return null;
        }

        // A [TimeToLive] property is written as epoch seconds.
        var ttlName = symbols.Values.FirstOrDefault(p => HasAttribute(p, KnownTypes.TimeToLiveAttribute))?.Name;
        var finalModels = models.Select(m => m.Name == ttlName ? m with { IsTimeToLive = true } : m).ToEquatableArray();

        var entity = new EntityModel(
            Namespace: type.ContainingNamespace is { IsGlobalNamespace: false } ns ? ns.ToDisplayString() : "",
            Name: name,
            FullTypeName: type.ToDisplayString(NonNullable),
            Keyword: type.IsRecord ? "record" : "class",
            Accessibility: type.DeclaredAccessibility == Accessibility.Public ? "public" : "internal",
            TableName: table,
            EntityType: entityType,
            DiscriminatorAttribute: discriminator,
            PartitionKey: partition,
            SortKey: sort,
            Indexes: indexes,
            VersionProperty: version,
            Properties: finalModels,
            HasConstructorParameters: properties.Value.UsesConstructor,
            IsRecord: type.IsRecord);
        return new EntityGeneration(entity, nested.Values.OrderBy(n => n.FullTypeName, StringComparer.Ordinal).ToEquatableArray());
    }

    private static (List<PropertyModel> Models, bool UsesConstructor)? ReadProperties(
        INamedTypeSymbol type, List<HandlerProblem> problems, Dictionary<string, NestedTypeModel> nested, HashSet<string> visiting)
    {
        var stored = StoredProperties(type).ToList();
        var constructor = ChooseConstructor(type, stored);
        if (constructor is null)
        {
            problems.Add(new(DiagnosticDescriptors.UnsupportedEntityShape, type.Locations.FirstOrDefault(),
                [type.Name, "needs a public parameterless constructor, or a public constructor whose parameters are named as its properties"]));
            return null;
        }

        var models = new List<PropertyModel>();
        foreach (var property in stored)
        {
            var parameterIndex = IndexOfParameter(constructor, property.Name);
            var settable = property.SetMethod is { DeclaredAccessibility: Accessibility.Public } && !property.IsReadOnly;
            if (parameterIndex < 0 && !settable)
            {
                continue; // computed, get-only: not stored
            }

            var converter = FindAttribute(property, constructor, KnownTypes.DynamoConverterAttribute)?.ConstructorArguments.FirstOrDefault().Value as ITypeSymbol;
            var shape = converter is not null
                ? new ValueShape(ShapeKind.Converter, property.Type.ToDisplayString(NonNullable), IsNullableType(property.Type), property.Type.IsValueType, ConverterType: converter.ToDisplayString(NonNullable))
                : ReadShape(property.Type, problems, nested, visiting);
            if (shape is null)
            {
                problems.Add(new(DiagnosticDescriptors.UnsupportedPropertyType, property.Locations.FirstOrDefault(),
                    [property.Name, type.Name, property.Type.ToDisplayString()]));
                continue;
            }

            var attributeName = FindAttribute(property, constructor, KnownTypes.DynamoPropertyAttribute)?.ConstructorArguments.FirstOrDefault().Value as string ?? property.Name;
            var required = !shape.IsNullable && !shape.IsCollection && !HasDefault(constructor, parameterIndex);
            var defaultValue = HasDefault(constructor, parameterIndex) ? DefaultLiteral(constructor.Parameters[parameterIndex]) : null;
            models.Add(new PropertyModel(property.Name, attributeName, shape, required, parameterIndex, IsTimeToLive: false, defaultValue));
        }

        return (models, constructor.Parameters.Length > 0);
    }

    private static ValueShape? ReadShape(ITypeSymbol type, List<HandlerProblem> problems, Dictionary<string, NestedTypeModel> nested, HashSet<string> visiting)
    {
        var nullable = IsNullableType(type);
        if (type is INamedTypeSymbol { OriginalDefinition.SpecialType: SpecialType.System_Nullable_T } wrapper)
        {
            type = wrapper.TypeArguments[0];
        }

        var name = type.ToDisplayString(NonNullable);
        var valueType = type.IsValueType;
        switch (type.SpecialType)
        {
            case SpecialType.System_String: return new(ShapeKind.String, name, nullable, valueType);
            case SpecialType.System_Char: return new(ShapeKind.Char, name, nullable, valueType);
            case SpecialType.System_Boolean: return new(ShapeKind.Boolean, name, nullable, valueType);
            case SpecialType.System_SByte or SpecialType.System_Byte or SpecialType.System_Int16 or SpecialType.System_UInt16
                or SpecialType.System_Int32 or SpecialType.System_UInt32 or SpecialType.System_Int64 or SpecialType.System_UInt64
                or SpecialType.System_Single or SpecialType.System_Double or SpecialType.System_Decimal:
                return new(ShapeKind.Number, name, nullable, valueType, NumberType: type.ToDisplayString());
            case SpecialType.System_DateTime: return new(ShapeKind.DateTime, name, nullable, valueType);
        }

        if (type.TypeKind == TypeKind.Enum && type is INamedTypeSymbol { EnumUnderlyingType: { } underlying })
        {
            return new(ShapeKind.Enum, name, nullable, valueType, NumberType: underlying.ToDisplayString());
        }

        switch (type.MetadataName())
        {
            case "System.Guid": return new(ShapeKind.Guid, name, nullable, valueType);
            case "System.DateTimeOffset": return new(ShapeKind.DateTimeOffset, name, nullable, valueType);
            case "System.TimeSpan": return new(ShapeKind.TimeSpan, name, nullable, valueType);
        }

        if (type is IArrayTypeSymbol { ElementType.SpecialType: SpecialType.System_Byte, Rank: 1 })
        {
            return new(ShapeKind.Bytes, "byte[]", nullable, valueType);
        }

        if (ReadMap(type) is { } mapValue)
        {
            var value = ReadShape(mapValue, problems, nested, visiting);
            return value is null ? null : new(ShapeKind.Map, name, nullable, valueType, Element: value);
        }

        if (ReadCollection(type) is { } collection)
        {
            var element = ReadShape(collection.Element, problems, nested, visiting);
            if (element is null || element.IsNullable)
            {
                return null;
            }

            // As DynamoDBContext stores them: scalar collections become sets, others lists.
            var kind = element.Kind switch
            {
                ShapeKind.String => ShapeKind.StringSet,
                ShapeKind.Number or ShapeKind.Enum => ShapeKind.NumberSet,
                ShapeKind.Bytes => ShapeKind.BinarySet,
                _ => ShapeKind.List,
            };
            return new(kind, name, nullable, valueType, NumberType: element.NumberType, Element: element, Collection: collection.Kind);
        }

        if (type is INamedTypeSymbol { TypeKind: TypeKind.Class or TypeKind.Struct } named && named.Locations.Any(l => l.IsInSource) && !named.IsGenericType)
        {
            if (!visiting.Add(name))
            {
                return null; // a type that contains itself has no finite stored form
            }

            if (!nested.ContainsKey(name))
            {
                var properties = ReadProperties(named, problems, nested, visiting);
                if (properties is null)
                {
                    visiting.Remove(name);
                    return null;
                }

                nested[name] = new NestedTypeModel(
                    named.ContainingNamespace is { IsGlobalNamespace: false } ns ? ns.ToDisplayString() : "",
                    named.Name, name, properties.Value.Models.ToEquatableArray(), properties.Value.UsesConstructor);
            }

            visiting.Remove(name);
            return new(ShapeKind.Object, name, nullable, valueType);
        }

        return null;
    }

    private static ITypeSymbol? ReadMap(ITypeSymbol type)
    {
        if (type is not INamedTypeSymbol { IsGenericType: true, TypeArguments.Length: 2 } named || named.TypeArguments[0].SpecialType != SpecialType.System_String)
        {
            return null;
        }

        return named.ConstructedFrom.MetadataName() is "System.Collections.Generic.Dictionary`2" or "System.Collections.Generic.IDictionary`2" or "System.Collections.Generic.IReadOnlyDictionary`2"
            ? named.TypeArguments[1]
            : null;
    }

    private static (ITypeSymbol Element, CollectionKind Kind)? ReadCollection(ITypeSymbol type)
    {
        if (type is IArrayTypeSymbol { Rank: 1 } array)
        {
            return (array.ElementType, CollectionKind.Array);
        }

        if (type is not INamedTypeSymbol { IsGenericType: true, TypeArguments.Length: 1 } named)
        {
            return null;
        }

        return named.ConstructedFrom.MetadataName() switch
        {
            "System.Collections.Generic.List`1" or "System.Collections.Generic.IList`1" or "System.Collections.Generic.IReadOnlyList`1"
                or "System.Collections.Generic.ICollection`1" or "System.Collections.Generic.IReadOnlyCollection`1" or "System.Collections.Generic.IEnumerable`1"
                => (named.TypeArguments[0], CollectionKind.List),
            "System.Collections.Generic.HashSet`1" or "System.Collections.Generic.ISet`1" or "System.Collections.Generic.IReadOnlySet`1"
                => (named.TypeArguments[0], CollectionKind.HashSet),
            _ => null,
        };
    }

    private static KeyModel? ReadKey(INamedTypeSymbol type, string role, string propertyAttribute, Dictionary<string, IPropertySymbol> symbols, List<PropertyModel> models, List<HandlerProblem> problems)
    {
        var marked = symbols.Values.Where(p => HasAttribute(p, propertyAttribute)).ToList();
        var composite = type.GetAttributes()
            .Where(a => a.AttributeClass?.MetadataName() == KnownTypes.CompositeKeyAttribute && a.ConstructorArguments.Length == 3
                && (int)a.ConstructorArguments[0].Value! == (role == "Partition" ? 0 : 1))
            .ToList();

        if (marked.Count + composite.Count > 1)
        {
            problems.Add(new(DiagnosticDescriptors.InvalidKeyDeclaration, type.Locations.FirstOrDefault(), [type.Name, $"declares {marked.Count + composite.Count} {role.ToLowerInvariant()} keys; a table has one"]));
            return null;
        }

        if (marked.Count == 1)
        {
            var model = models.FirstOrDefault(m => m.Name == marked[0].Name);
            return model is null ? null : new KeyModel(model.AttributeName, model.Name, EquatableArray<KeySegment>.Empty);
        }

        if (composite.Count == 0)
        {
            return null;
        }

        var attributeName = (string)composite[0].ConstructorArguments[1].Value!;
        var format = (string)composite[0].ConstructorArguments[2].Value!;
        var segments = ParseFormat(format);
        foreach (var property in segments.Where(s => s.Property is not null).Select(s => s.Property!))
        {
            if (models.FirstOrDefault(m => m.Name == property) is not { } model || model.Shape.IsNullable || !IsKeyShape(model.Shape) || model.Shape.Kind == ShapeKind.Bytes)
            {
                problems.Add(new(DiagnosticDescriptors.InvalidKeyDeclaration, type.Locations.FirstOrDefault(),
                    [type.Name, $"composite key \"{format}\" uses {{{property}}}, which is not a stored, non-nullable string, number, GUID or time property"]));
                return null;
            }
        }

        if (models.Any(m => m.AttributeName == attributeName))
        {
            problems.Add(new(DiagnosticDescriptors.InvalidKeyDeclaration, type.Locations.FirstOrDefault(),
                [type.Name, $"composite key attribute '{attributeName}' is also a property's attribute"]));
            return null;
        }

        return new KeyModel(attributeName, null, segments.ToEquatableArray());
    }

    private static List<KeySegment> ParseFormat(string format)
    {
        var segments = new List<KeySegment>();
        var position = 0;
        while (position < format.Length)
        {
            var open = format.IndexOf('{', position);
            if (open < 0)
            {
                segments.Add(new KeySegment(format.Substring(position), null));
                break;
            }

            var close = format.IndexOf('}', open);
            if (close < 0)
            {
                segments.Add(new KeySegment(format.Substring(position), null));
                break;
            }

            if (open > position)
            {
                segments.Add(new KeySegment(format.Substring(position, open - position), null));
            }

            segments.Add(new KeySegment(null, format.Substring(open + 1, close - open - 1)));
            position = close + 1;
        }

        return segments;
    }

    private static EquatableArray<IndexModel> ReadIndexes(Dictionary<string, IPropertySymbol> symbols, List<PropertyModel> models, List<HandlerProblem> problems, INamedTypeSymbol type)
    {
        var partitions = new Dictionary<string, string>(StringComparer.Ordinal);
        var sorts = new Dictionary<string, (string Property, bool Global)>(StringComparer.Ordinal);
        foreach (var property in symbols.Values)
        {
            foreach (var attribute in property.GetAttributes())
            {
                var indexName = attribute.ConstructorArguments.FirstOrDefault().Value as string;
                switch (attribute.AttributeClass?.MetadataName())
                {
                    case KnownTypes.GlobalIndexPartitionKeyAttribute when indexName is not null: partitions[indexName] = property.Name; break;
                    case KnownTypes.GlobalIndexSortKeyAttribute when indexName is not null: sorts[indexName] = (property.Name, true); break;
                    case KnownTypes.LocalIndexSortKeyAttribute when indexName is not null: sorts[indexName] = (property.Name, false); break;
                }
            }
        }

        var indexes = new List<IndexModel>();
        foreach (var pair in partitions)
        {
            indexes.Add(new IndexModel(pair.Key, true, pair.Value, sorts.TryGetValue(pair.Key, out var sort) ? sort.Property : null));
        }

        foreach (var pair in sorts.Where(s => !partitions.ContainsKey(s.Key)))
        {
            var (index, sort) = (pair.Key, pair.Value);
            if (sort.Global)
            {
                problems.Add(new(DiagnosticDescriptors.InvalidKeyDeclaration, type.Locations.FirstOrDefault(), [type.Name, $"global index '{index}' has a sort key but no [GlobalIndexPartitionKey]"]));
            }
            else
            {
                indexes.Add(new IndexModel(index, false, "", sort.Property));
            }
        }

        foreach (var property in indexes.SelectMany(i => new[] { i.PartitionProperty, i.SortProperty }).Where(p => !string.IsNullOrEmpty(p)))
        {
            if (models.FirstOrDefault(m => m.Name == property) is not { } model)
            {
                problems.Add(new(DiagnosticDescriptors.InvalidKeyDeclaration, type.Locations.FirstOrDefault(), [type.Name, $"index key property '{property}' is not stored (it is computed or ignored)"]));
            }
            else if (!IsKeyShape(model.Shape))
            {
                problems.Add(new(DiagnosticDescriptors.InvalidKeyDeclaration, type.Locations.FirstOrDefault(), [type.Name, $"index key property '{property}' is stored as {model.Shape.Kind}; a key must be a string, number, GUID, time or binary"]));
            }
        }

        return indexes.OrderBy(i => i.Name, StringComparer.Ordinal).ToEquatableArray();
    }

    private static string? ReadSpecial(INamedTypeSymbol type, string attribute, Dictionary<string, IPropertySymbol> symbols, List<PropertyModel> models, List<HandlerProblem> problems,
        Func<ValueShape, bool> valid, string rule, bool requireNullable)
    {
        var marked = symbols.Values.Where(p => HasAttribute(p, attribute)).ToList();
        if (marked.Count == 0)
        {
            return null;
        }

        var model = models.FirstOrDefault(m => m.Name == marked[0].Name);
        if (marked.Count > 1 || model is null || !valid(model.Shape) || (requireNullable && !model.Shape.IsNullable))
        {
            problems.Add(new(DiagnosticDescriptors.InvalidSpecialProperty, marked[0].Locations.FirstOrDefault(), [type.Name, marked[0].Name, marked.Count > 1 ? "only one property may carry it" : rule]));
            return null;
        }

        return model.Name;
    }

    private static bool IsKeyShape(ValueShape shape) =>
        shape.Kind is ShapeKind.String or ShapeKind.Number or ShapeKind.Enum or ShapeKind.Guid or ShapeKind.DateTime or ShapeKind.DateTimeOffset or ShapeKind.TimeSpan or ShapeKind.Bytes or ShapeKind.Char;

    /// <summary>Public instance properties with a getter, minus ignored ones, base types first.</summary>
    private static IEnumerable<IPropertySymbol> StoredProperties(INamedTypeSymbol type)
    {
        var chain = new List<INamedTypeSymbol>();
        for (var current = type; current is not null && current.SpecialType != SpecialType.System_Object; current = current.BaseType)
        {
            chain.Insert(0, current);
        }

        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var level in chain)
        {
            foreach (var property in level.GetMembers().OfType<IPropertySymbol>())
            {
                if (property.IsStatic || property.IsIndexer || property.DeclaredAccessibility != Accessibility.Public || property.GetMethod is null
                    || property.Name == "EqualityContract" || HasAttribute(property, KnownTypes.DynamoIgnoreAttribute) || !seen.Add(property.Name))
                {
                    continue;
                }

                yield return property;
            }
        }
    }

    private static IMethodSymbol? ChooseConstructor(INamedTypeSymbol type, List<IPropertySymbol> properties)
    {
        var candidates = type.InstanceConstructors
            .Where(c => c.DeclaredAccessibility == Accessibility.Public && !IsCopyConstructor(c, type))
            .Where(c => c.Parameters.All(p => properties.Any(prop => string.Equals(prop.Name, p.Name, StringComparison.OrdinalIgnoreCase))))
            .OrderByDescending(c => c.Parameters.Length)
            .ToList();
        return candidates.FirstOrDefault();
    }

    private static bool IsCopyConstructor(IMethodSymbol constructor, INamedTypeSymbol type) =>
        constructor.Parameters.Length == 1 && SymbolEqualityComparer.Default.Equals(constructor.Parameters[0].Type, type);

    private static int IndexOfParameter(IMethodSymbol constructor, string propertyName)
    {
        for (var i = 0; i < constructor.Parameters.Length; i++)
        {
            if (string.Equals(constructor.Parameters[i].Name, propertyName, StringComparison.OrdinalIgnoreCase))
            {
                return i;
            }
        }

        return -1;
    }

    /// <summary>The C# text of a parameter's default value, used when its attribute is absent.</summary>
    private static string DefaultLiteral(IParameterSymbol parameter) =>
        parameter.ExplicitDefaultValue switch
        {
            null => "default",
            string text => Literal.String(text),
            bool flag => flag ? "true" : "false",
            var value when parameter.Type.TypeKind == TypeKind.Enum => $"({parameter.Type.ToDisplayString(NonNullable)}){System.Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture)}",
            var value => $"({parameter.Type.WithNullableAnnotation(NullableAnnotation.NotAnnotated).ToDisplayString(NonNullable)}){System.Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture)}",
        };

    private static bool HasDefault(IMethodSymbol constructor, int parameterIndex) =>
        parameterIndex >= 0 && constructor.Parameters[parameterIndex].HasExplicitDefaultValue;

    private static bool IsNullableType(ITypeSymbol type) =>
        type.NullableAnnotation == NullableAnnotation.Annotated || type is INamedTypeSymbol { OriginalDefinition.SpecialType: SpecialType.System_Nullable_T };

    private static AttributeData? FindAttribute(IPropertySymbol property, IMethodSymbol constructor, string attribute) =>
        property.GetAttributes().FirstOrDefault(a => a.AttributeClass?.MetadataName() == attribute)
        ?? constructor.Parameters.FirstOrDefault(p => string.Equals(p.Name, property.Name, StringComparison.OrdinalIgnoreCase))?
            .GetAttributes().FirstOrDefault(a => a.AttributeClass?.MetadataName() == attribute);

    private static bool HasAttribute(IPropertySymbol property, string attribute) =>
        property.GetAttributes().Any(a => a.AttributeClass?.MetadataName() == attribute);

    private static T? Named<T>(AttributeData attribute, string name)
        where T : class => attribute.NamedArguments.FirstOrDefault(a => a.Key == name).Value.Value as T;
}
