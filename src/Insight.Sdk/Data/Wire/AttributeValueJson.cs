using System.Text.Json;
using Amazon.DynamoDBv2.Model;

namespace Insight.Sdk.Data.Wire;

/// <summary>
/// Reads DynamoDB's JSON form of an item (<c>{"id":{"S":"a"},"n":{"N":"1"}}</c>) into the SDK's
/// <see cref="AttributeValue"/> dictionaries. Only the rare error answers that return an item (a failed condition with
/// <c>ReturnValuesOnConditionCheckFailure</c>, a cancelled transaction's reasons) need it; the typed tables read their
/// items with generated code.
/// </summary>
internal static class AttributeValueJson
{
    /// <summary>Reads the object the reader is on; <c>null</c> for a JSON null.</summary>
    public static Dictionary<string, AttributeValue>? ReadMap(ref Utf8JsonReader reader)
    {
        if (reader.TokenType == JsonTokenType.Null)
        {
            return null;
        }

        Expect(ref reader, JsonTokenType.StartObject);
        var map = new Dictionary<string, AttributeValue>(StringComparer.Ordinal);
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var name = reader.GetString()!;
            reader.Read();
            map[name] = ReadValue(ref reader);
        }

        return map;
    }

    private static AttributeValue ReadValue(ref Utf8JsonReader reader)
    {
        Expect(ref reader, JsonTokenType.StartObject);
        var value = new AttributeValue();
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var type = reader.GetString();
            reader.Read();
            switch (type)
            {
                case "S":
                    value.S = reader.GetString();
                    break;
                case "N":
                    value.N = reader.GetString();
                    break;
                case "B":
                    value.B = new MemoryStream(reader.GetBytesFromBase64());
                    break;
                case "BOOL":
                    value.BOOL = reader.GetBoolean();
                    break;
                case "NULL":
                    value.NULL = reader.GetBoolean();
                    break;
                case "SS":
                    value.SS = ReadList(ref reader, static (ref Utf8JsonReader r) => r.GetString()!);
                    break;
                case "NS":
                    value.NS = ReadList(ref reader, static (ref Utf8JsonReader r) => r.GetString()!);
                    break;
                case "BS":
                    value.BS = ReadList(ref reader, static (ref Utf8JsonReader r) => new MemoryStream(r.GetBytesFromBase64()));
                    break;
                case "L":
                    value.L = ReadList(ref reader, ReadValue);
                    break;
                case "M":
                    value.M = ReadMap(ref reader);
                    break;
                default:
                    reader.Skip();
                    break;
            }
        }

        return value;
    }

    private delegate T ElementReader<out T>(ref Utf8JsonReader reader);

    private static List<T> ReadList<T>(ref Utf8JsonReader reader, ElementReader<T> element)
    {
        Expect(ref reader, JsonTokenType.StartArray);
        var list = new List<T>();
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            list.Add(element(ref reader));
        }

        return list;
    }

    private static void Expect(ref Utf8JsonReader reader, JsonTokenType token)
    {
        if (reader.TokenType != token)
        {
            throw new JsonException($"Expected {token} in an item, found {reader.TokenType}.");
        }
    }
}
