using Insight.Generators.Common;

namespace Insight.Generators.Data;

/// <summary>
/// The C# that writes and reads one stored value as DynamoDB's typed JSON (<c>Insight.Sdk.Data.Wire.DynamoJson</c>), in
/// the same formats and with the same left-out rules as <see cref="ValueCode"/>.
/// </summary>
internal static class WireCode
{
    public const string Json = "global::Insight.Sdk.Data.Wire.DynamoJson";
    public const string Reader = "global::Insight.Sdk.Data.Wire.DynamoItemReader";
    public const string Writer = "global::System.Text.Json.Utf8JsonWriter";

    /// <summary>
    /// The statements writing property <paramref name="expression"/> under <paramref name="name"/> with writer
    /// <paramref name="writer"/>, and the condition under which they run (<c>null</c>: always); a value that is left out
    /// (null, an empty collection) writes nothing.
    /// </summary>
    public static (string? Condition, string[] Statements) WriteProperty(ValueShape shape, string expression, string name, string writer, string converterField, bool timeToLive)
    {
        var (present, bound) = Presence(shape, expression, "v_" + Literal.Identifier(expression));
        if (!timeToLive && WriteMember(shape, bound, name, writer) is { } member)
        {
            return (present, [member]);
        }

        var value = timeToLive && shape.Kind != ShapeKind.Number
            ? $"{Json}.WriteEpochSeconds({writer}, {(shape.Kind == ShapeKind.DateTime ? $"new global::System.DateTimeOffset({bound}.ToUniversalTime())" : bound)});"
            : WriteValue(shape, bound, writer, converterField, 1);
        return (present, [$"{writer}.WritePropertyName({name});", value]);
    }

    /// <summary>A scalar's name and value in one call, which writes them as one piece where the writer allows; <c>null</c> for other shapes.</summary>
    private static string? WriteMember(ValueShape shape, string value, string name, string writer) => shape.Kind switch
    {
        ShapeKind.String => $"{Json}.WriteString({writer}, {name}, {value});",
        ShapeKind.Boolean => $"{Json}.WriteBoolean({writer}, {name}, {value});",
        ShapeKind.Number => $"{Json}.WriteNumber({writer}, {name}, {value});",
        ShapeKind.Enum => $"{Json}.WriteNumber({writer}, {name}, ({shape.NumberType}){value});",
        ShapeKind.Guid => $"{Json}.WriteGuid({writer}, {name}, {value});",
        ShapeKind.DateTime => $"{Json}.WriteDateTime({writer}, {name}, {value});",
        ShapeKind.DateTimeOffset => $"{Json}.WriteDateTimeOffset({writer}, {name}, {value});",
        _ => null,
    };

    /// <summary>An expression of the shape's type reading the value the reader <paramref name="reader"/> is on.</summary>
    public static string ReadProperty(ValueShape shape, string reader, string converterField, bool timeToLive) =>
        timeToLive && shape.Kind != ShapeKind.Number
            ? $"{reader}.ReadEpochSeconds()" + (shape.Kind == ShapeKind.DateTime ? ".UtcDateTime" : "")
            : Read(shape, reader, converterField, 1);

    private static (string? Condition, string Bound) Presence(ValueShape shape, string expression, string bound)
    {
        if (shape.IsCollection)
        {
            return ($"{expression} is {{ }} {bound} && {Json}.HasElements({bound})", bound);
        }

        return shape.IsValueType && !shape.IsNullable ? (null, expression) : ($"{expression} is {{ }} {bound}", bound);
    }

    /// <summary>A statement writing an element of a list or map: NULL when left out, as <c>DynamoValue.FromList</c> stores it.</summary>
    private static string WriteElement(ValueShape shape, string element, string writer, string converterField, int depth)
    {
        var (present, bound) = Presence(shape, element, "b" + depth);
        var value = WriteValue(shape, bound, writer, converterField, depth + 1);
        return present is null ? value : $"if ({present}) {{ {value} }} else {{ {Json}.WriteNull({writer}); }}";
    }

    private static string WriteValue(ValueShape shape, string value, string writer, string converterField, int depth)
    {
        var w = "w" + depth;
        var e = "e" + depth;
        return shape.Kind switch
        {
            ShapeKind.String => $"{Json}.WriteString({writer}, {value});",
            ShapeKind.Char => $"{Json}.WriteChar({writer}, {value});",
            ShapeKind.Boolean => $"{Json}.WriteBoolean({writer}, {value});",
            ShapeKind.Number => $"{Json}.WriteNumber({writer}, {value});",
            ShapeKind.Enum => $"{Json}.WriteNumber({writer}, ({shape.NumberType}){value});",
            ShapeKind.Guid => $"{Json}.WriteGuid({writer}, {value});",
            ShapeKind.DateTime => $"{Json}.WriteDateTime({writer}, {value});",
            ShapeKind.DateTimeOffset => $"{Json}.WriteDateTimeOffset({writer}, {value});",
            ShapeKind.TimeSpan => $"{Json}.WriteTimeSpan({writer}, {value});",
            ShapeKind.Bytes => $"{Json}.WriteBytes({writer}, {value});",
            ShapeKind.StringSet => $"{Json}.WriteStringSet({writer}, {value});",
            ShapeKind.NumberSet when shape.Element!.Kind == ShapeKind.Enum => $"{Json}.WriteNumberSet({writer}, {value}.Select(static n => ({shape.NumberType})n));",
            ShapeKind.NumberSet => $"{Json}.WriteNumberSet({writer}, {value});",
            ShapeKind.BinarySet => $"{Json}.WriteBinarySet({writer}, {value});",
            ShapeKind.List => $"{Json}.WriteList({writer}, {value}, static ({w}, {e}) => {{ {WriteElement(shape.Element!, e, w, converterField, depth)} }});",
            ShapeKind.Map => $"{Json}.WriteMap({writer}, {value}, static ({w}, {e}) => {{ {WriteElement(shape.Element!, e, w, converterField, depth)} }});",
            ShapeKind.Object => $"{ValueCode.MapperName(shape.TypeName)}.WriteValue({writer}, {value});",
            _ => $"{Json}.WriteValue({writer}, {converterField}.ToAttributeValue({value}));",
        };
    }

    private static string Read(ValueShape shape, string reader, string converterField, int depth)
    {
        var r = "r" + depth;
        var element = $"static (ref {Reader} {r}) => {(shape.Element is null ? "" : Read(shape.Element, r, converterField, depth + 1))}";
        return shape.Kind switch
        {
            ShapeKind.String => $"{reader}.ReadString()",
            ShapeKind.Char => $"{reader}.ReadChar()",
            ShapeKind.Boolean => $"{reader}.ReadBoolean()",
            ShapeKind.Number => $"{reader}.ReadNumber<{shape.NumberType}>()",
            ShapeKind.Enum => $"({shape.TypeName}){reader}.ReadNumber<{shape.NumberType}>()",
            ShapeKind.Guid => $"{reader}.ReadGuid()",
            ShapeKind.DateTime => $"{reader}.ReadDateTime()",
            ShapeKind.DateTimeOffset => $"{reader}.ReadDateTimeOffset()",
            ShapeKind.TimeSpan => $"{reader}.ReadTimeSpan()",
            ShapeKind.Bytes => $"{reader}.ReadBytes()",
            // A set read straight into the HashSet it is stored as, without a list to copy from.
            ShapeKind.StringSet when shape.Collection == CollectionKind.HashSet && !shape.Element!.IsNullable => $"{reader}.ReadStringSet()",
            ShapeKind.NumberSet when shape.Collection == CollectionKind.HashSet && shape.Element!.Kind == ShapeKind.Number && !shape.Element.IsNullable =>
                $"{reader}.ReadNumberSet<{shape.NumberType}>()",
            ShapeKind.StringSet => ValueCode.Collect(shape, $"{reader}.ReadStringList()"),
            ShapeKind.NumberSet when shape.Element!.Kind == ShapeKind.Enum =>
                ValueCode.Collect(shape, $"{reader}.ReadNumberList<{shape.NumberType}>().ConvertAll(static n => ({shape.Element.TypeName})n)"),
            ShapeKind.NumberSet => ValueCode.Collect(shape, $"{reader}.ReadNumberList<{shape.NumberType}>()"),
            ShapeKind.BinarySet => ValueCode.Collect(shape, $"{reader}.ReadBinaryList()"),
            ShapeKind.List => ValueCode.Collect(shape, $"{reader}.ReadList({element})"),
            ShapeKind.Map => $"{reader}.ReadMap({element})",
            ShapeKind.Object => $"{ValueCode.MapperName(shape.TypeName)}.ReadValue(ref {reader})",
            _ => $"{reader}.ReadConverted({converterField})",
        };
    }
}
