using Insight.Generators.Common;

namespace Insight.Generators.Data;

/// <summary>The C# expressions that write and read one stored value, built from its <see cref="ValueShape"/>.</summary>
internal static class ValueCode
{
    private const string Value = "DynamoValue";

    /// <summary>An expression of type <c>AttributeValue?</c> (null when the value is left out) for <paramref name="expression"/>.</summary>
    public static string Write(ValueShape shape, string expression, string converterField)
    {
        if (shape.IsNullable && shape.IsValueType)
        {
            var bound = "v_" + Literal.Identifier(expression);
            return $"{expression} is {{ }} {bound} ? {WriteValue(shape, bound, converterField)} : null";
        }

        if (shape.IsNullable && shape.Kind is ShapeKind.Object or ShapeKind.Converter)
        {
            return $"{expression} is null ? null : {WriteValue(shape, expression, converterField)}";
        }

        return WriteValue(shape, expression, converterField);
    }

    /// <summary>An expression of the shape's type reading attribute value <paramref name="value"/> in read context <paramref name="context"/>.</summary>
    public static string Read(ValueShape shape, string value, string context, string converterField) => shape.Kind switch
    {
        ShapeKind.String => $"{Value}.ToString({value}, {context})",
        ShapeKind.Char => $"{Value}.ToChar({value}, {context})",
        ShapeKind.Boolean => $"{Value}.ToBoolean({value}, {context})",
        ShapeKind.Number => $"{Value}.ToNumber<{shape.NumberType}>({value}, {context})",
        ShapeKind.Enum => $"({shape.TypeName}){Value}.ToNumber<{shape.NumberType}>({value}, {context})",
        ShapeKind.Guid => $"{Value}.ToGuid({value}, {context})",
        ShapeKind.DateTime => $"{Value}.ToDateTime({value}, {context})",
        ShapeKind.DateTimeOffset => $"{Value}.ToDateTimeOffset({value}, {context})",
        ShapeKind.TimeSpan => $"{Value}.ToTimeSpan({value}, {context})",
        ShapeKind.Bytes => $"{Value}.ToBytes({value}, {context})",
        ShapeKind.StringSet => Collect(shape, $"{Value}.ToStringList({value}, {context})"),
        ShapeKind.NumberSet when shape.Element!.Kind == ShapeKind.Enum =>
            Collect(shape, $"{Value}.ToNumberList<{shape.NumberType}>({value}, {context}).ConvertAll(static n => ({shape.Element.TypeName})n)"),
        ShapeKind.NumberSet => Collect(shape, $"{Value}.ToNumberList<{shape.NumberType}>({value}, {context})"),
        ShapeKind.BinarySet => Collect(shape, $"{Value}.ToBinaryList({value}, {context})"),
        ShapeKind.List => Collect(shape, $"{Value}.ToList({value}, {context}, static (element, at) => {Read(shape.Element!, "element", "at", converterField)})"),
        ShapeKind.Map => $"{Value}.ToMap({value}, {context}, static (element, at) => {Read(shape.Element!, "element", "at", converterField)})",
        ShapeKind.Object => $"{MapperName(shape.TypeName)}.FromAttributes({Value}.ToObject({value}, {context}), {context})",
        _ => $"{Value}.FromConverter({converterField}, {value}, {context})",
    };

    /// <summary>The value a missing collection reads as: empty, as DynamoDBContext leaves empty collections out.</summary>
    public static string Empty(ValueShape shape) => shape.Kind == ShapeKind.Map
        ? $"new Dictionary<string, {ElementTypeName(shape.Element!)}>()"
        : shape.Collection switch
        {
            CollectionKind.Array => $"global::System.Array.Empty<{ElementTypeName(shape.Element!)}>()",
            CollectionKind.HashSet => $"new HashSet<{ElementTypeName(shape.Element!)}>()",
            _ => $"new List<{ElementTypeName(shape.Element!)}>()",
        };

    /// <summary>The generated mapper class of a nested type: <c>global::Ns.InnerDynamoMapper</c>.</summary>
    public static string MapperName(string typeName) => typeName + "DynamoMapper";

    private static string WriteValue(ValueShape shape, string expression, string converterField) => shape.Kind switch
    {
        ShapeKind.String => $"{Value}.FromString({expression})",
        ShapeKind.Char => $"{Value}.FromChar({expression})",
        ShapeKind.Boolean => $"{Value}.FromBoolean({expression})",
        ShapeKind.Number => $"{Value}.FromNumber({expression})",
        ShapeKind.Enum => $"{Value}.FromNumber(({shape.NumberType}){expression})",
        ShapeKind.Guid => $"{Value}.FromGuid({expression})",
        ShapeKind.DateTime => $"{Value}.FromDateTime({expression})",
        ShapeKind.DateTimeOffset => $"{Value}.FromDateTimeOffset({expression})",
        ShapeKind.TimeSpan => $"{Value}.FromTimeSpan({expression})",
        ShapeKind.Bytes => $"{Value}.FromBytes({expression})",
        ShapeKind.StringSet => $"{Value}.FromStringSet({expression})",
        ShapeKind.NumberSet when shape.Element!.Kind == ShapeKind.Enum =>
            $"{Value}.FromNumberSet({expression}?.Select(static e => ({shape.NumberType})e))",
        ShapeKind.NumberSet => $"{Value}.FromNumberSet({expression})",
        ShapeKind.BinarySet => $"{Value}.FromBinarySet({expression})",
        ShapeKind.List => $"{Value}.FromList({expression}, static element => {Write(shape.Element!, "element", converterField)})",
        ShapeKind.Map => $"{Value}.FromMap({expression}, static element => {Write(shape.Element!, "element", converterField)})",
        ShapeKind.Object => $"{Value}.FromObject({MapperName(shape.TypeName)}.ToAttributes({expression}))",
        _ => $"{converterField}.ToAttributeValue({expression})",
    };

    /// <summary>Turns the List a collection is read as into the declared collection type.</summary>
    public static string Collect(ValueShape shape, string list) => shape.Collection switch
    {
        CollectionKind.Array => $"{list}.ToArray()",
        CollectionKind.HashSet => $"new HashSet<{ElementTypeName(shape.Element!)}>({list})",
        _ => list,
    };

    private static string ElementTypeName(ValueShape element) => element.TypeName + (element.IsNullable ? "?" : "");
}
