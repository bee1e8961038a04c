using System.Linq;
using System.Text;
using Insight.Generators.Common;

namespace Insight.Generators.Data;

/// <summary>
/// The direct path's members: <c>WriteItem</c>/<c>ReadItem</c> on an entity and <c>WriteValue</c>/<c>ReadValue</c> on a
/// nested type's mapper, writing and reading DynamoDB's typed JSON without attribute-value dictionaries.
/// </summary>
internal static class WireEmitter
{
    private const string Json = WireCode.Json;
    private const string Reader = WireCode.Reader;
    private const string Writer = WireCode.Writer;

    public static void EmitEntityMembers(SourceWriter writer, EntityModel entity, System.Func<KeyModel, string> keyValue)
    {
        var self = entity.Name;
        EmitNames(writer, entity.Properties);
        writer.Line("/// <summary>Writes the item <see cref=\"ToItem\"/> would build, as DynamoDB's typed JSON.</summary>")
              .Line($"public static void WriteItem({Writer} writer, {self} entity)");
        using (writer.Braces())
        {
            writer.Line("writer.WriteStartObject();");
            EmitWrites(writer, entity.Properties, "entity");
            foreach (var key in new[] { entity.PartitionKey, entity.SortKey })
            {
                if (key is { IsComposite: true })
                {
                    writer.Line($"writer.WritePropertyName({Utf8(key.AttributeName)}); {Json}.WriteString(writer, {keyValue(key)}.S!);");
                }
            }

            if (entity.EntityType is not null)
            {
                writer.Line($"writer.WritePropertyName({Utf8(entity.DiscriminatorAttribute)}); {Json}.WriteString(writer, {Literal.String(entity.EntityType)});");
            }

            writer.Line("writer.WriteEndObject();");
        }

        writer.Line()
              .Line("/// <summary>Reads the entity an item in DynamoDB's typed JSON holds; validates and fails as <see cref=\"FromItem\"/> does.</summary>")
              .Line($"public static {self} ReadItem(ref {Reader} reader) => {Reader}.ReadItem(ref reader, ReadCanonicalItem, FromItem);")
              .Line()
              .Line("/// <summary>The item in the form <see cref=\"WriteItem\"/> writes; declines any other form, which FromItem then reads.</summary>")
              .Line($"private static {self} ReadCanonicalItem(ref {Reader} reader)");
        using (writer.Braces())
        {
            writer.Line("reader.EnterObject();");
            var discriminator = entity.EntityType is null ? null : entity.DiscriminatorAttribute;
            EmitReadLoop(writer, entity.Properties, discriminator, entity.EntityType);
            writer.Line("return");
            using (writer.Indented())
            {
                EntityEmitter.EmitConstruction(writer, entity.FullTypeName, entity.Properties, entity.HasConstructorParameters, Local);
            }
        }
    }

    public static void EmitNestedMembers(SourceWriter writer, NestedTypeModel nested)
    {
        EmitNames(writer, nested.Properties);
        writer.Line($"public static void WriteValue({Writer} writer, {nested.FullTypeName} value)");
        using (writer.Braces())
        {
            writer.Line($"{Json}.BeginMap(writer);");
            EmitWrites(writer, nested.Properties, "value");
            writer.Line($"{Json}.EndMap(writer);");
        }

        writer.Line()
              .Line($"public static {nested.FullTypeName} ReadValue(ref {Reader} reader)");
        using (writer.Braces())
        {
            writer.Line("reader.EnterMap();");
            EmitReadLoop(writer, nested.Properties, null, null);
            writer.Line("reader.LeaveValue();")
                  .Line("return");
            using (writer.Indented())
            {
                EntityEmitter.EmitConstruction(writer, nested.FullTypeName, nested.Properties, nested.HasConstructorParameters, Local);
            }
        }
    }

    /// <summary>The attribute names, escaped once.</summary>
    private static void EmitNames(SourceWriter writer, EquatableArray<PropertyModel> properties)
    {
        writer.Line("private static class WireNames");
        using (writer.Braces())
        {
            foreach (var property in properties)
            {
                writer.Line($"public static readonly global::System.Text.Json.JsonEncodedText {property.Name} = global::System.Text.Json.JsonEncodedText.Encode({Literal.String(property.AttributeName)});");
            }
        }

        writer.Line();
    }

    private static void EmitWrites(SourceWriter writer, EquatableArray<PropertyModel> properties, string source)
    {
        foreach (var property in properties)
        {
            var (condition, statements) = WireCode.WriteProperty(property.Shape, source + "." + property.Name, "WireNames." + property.Name, "writer", EntityEmitter.ConverterField(property), property.IsTimeToLive);
            if (condition is null)
            {
                foreach (var statement in statements)
                {
                    writer.Line(statement);
                }

                continue;
            }

            writer.Line($"if ({condition})");
            using (writer.Braces())
            {
                foreach (var statement in statements)
                {
                    writer.Line(statement);
                }
            }
        }
    }

    /// <summary>Reads every attribute into a local, in whatever order they come; attributes the type does not store are skipped.</summary>
    private static void EmitReadLoop(SourceWriter writer, EquatableArray<PropertyModel> properties, string? discriminator, string? entityType)
    {
        foreach (var property in properties)
        {
            writer.Line($"{EntityEmitter.PropertyType(property)} {LocalName(property)} = {(property.Shape.IsValueType ? "default" : "default!")};")
                  .Line($"var {Seen(property)} = false;");
        }

        if (discriminator is not null)
        {
            writer.Line("var seen_EntityType = false;");
        }

        // Each known attribute: its name and what reading its value takes.
        var reads = properties
            .Select(property => (Name: property.AttributeName, Statements: new[]
            {
                $"{LocalName(property)} = {WireCode.ReadProperty(property.Shape, "reader", EntityEmitter.ConverterField(property), property.IsTimeToLive)};",
                $"{Seen(property)} = true;",
            }))
            .ToList();
        if (discriminator is not null)
        {
            reads.Add((discriminator, [$"seen_EntityType = reader.IsString({Utf8(entityType!)});"]));
        }

        writer.Line("while (reader.NextMember())");
        using (writer.Braces())
        {
            writer.Line("var name = reader.ReadName();");
            if (reads.Count == 0)
            {
                writer.Line($"reader.SkipAttributeValue();");
            }
            else
            {
                // The name's length picks the few candidates to compare, so an attribute costs one or two comparisons, not one per property.
                writer.Line("switch (name.Length)");
                using (writer.Braces())
                {
                    foreach (var group in reads.GroupBy(read => Encoding.UTF8.GetByteCount(read.Name)).OrderBy(group => group.Key))
                    {
                        writer.Line($"case {group.Key}:");
                        using (writer.Indented())
                        {
                            var first = true;
                            foreach (var (name, statements) in group)
                            {
                                writer.Line($"{(first ? "" : "else ")}if (name.SequenceEqual({Utf8(name)}))");
                                using (writer.Braces())
                                {
                                    foreach (var statement in statements)
                                    {
                                        writer.Line(statement);
                                    }
                                }

                                first = false;
                            }

                            writer.Line("else");
                            using (writer.Braces())
                            {
                                writer.Line($"reader.SkipAttributeValue();");
                            }

                            writer.Line("break;");
                        }
                    }

                    writer.Line("default:");
                    using (writer.Indented())
                    {
                        writer.Line($"reader.SkipAttributeValue();")
                              .Line("break;");
                    }
                }
            }
        }

        var required = properties.Where(p => p.IsRequired).Select(Seen).ToList();
        if (discriminator is not null)
        {
            required.Add("seen_EntityType");
        }

        if (required.Count > 0)
        {
            writer.Line($"if (!({string.Join(" && ", required)})) throw {Json}.Decline();");
        }
    }

    /// <summary>How the construction reads a property: its local, or what FromItem reads an absent one as.</summary>
    private static string Local(PropertyModel property) => property.IsRequired
        ? LocalName(property)
        : $"{Seen(property)} ? {LocalName(property)} : {EntityEmitter.AbsentValue(property)}";

    private static string LocalName(PropertyModel property) => "read_" + property.Name;

    private static string Seen(PropertyModel property) => "seen_" + property.Name;

    private static string Utf8(string text) => Literal.String(text) + "u8";
}
