using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text;

namespace Insight.Generators.Common;

/// <summary>
/// Reads the small JSON documents the generators exchange (service manifests compiled into referenced assemblies).
/// Generators run inside the compiler on netstandard2.0 and ship no third-party dlls, so this reads plain JSON into
/// dictionaries, lists, strings, doubles, booleans and nulls.
/// </summary>
internal static class MiniJson
{
    public static object? Parse(string json)
    {
        var position = 0;
        var value = ReadValue(json, ref position);
        SkipWhitespace(json, ref position);
        return position == json.Length ? value : throw new FormatException($"Unexpected text at {position}.");
    }

    private static object? ReadValue(string json, ref int position)
    {
        SkipWhitespace(json, ref position);
        if (position >= json.Length)
        {
            throw new FormatException("Unexpected end of JSON.");
        }

        switch (json[position])
        {
            case '{':
                var map = new Dictionary<string, object?>(StringComparer.Ordinal);
                position++;
                SkipWhitespace(json, ref position);
                if (json[position] == '}')
                {
                    position++;
                    return map;
                }

                while (true)
                {
                    SkipWhitespace(json, ref position);
                    var key = ReadString(json, ref position);
                    SkipWhitespace(json, ref position);
                    Expect(json, ref position, ':');
                    map[key] = ReadValue(json, ref position);
                    SkipWhitespace(json, ref position);
                    if (json[position] == ',')
                    {
                        position++;
                        continue;
                    }

                    Expect(json, ref position, '}');
                    return map;
                }

            case '[':
                var list = new List<object?>();
                position++;
                SkipWhitespace(json, ref position);
                if (json[position] == ']')
                {
                    position++;
                    return list;
                }

                while (true)
                {
                    list.Add(ReadValue(json, ref position));
                    SkipWhitespace(json, ref position);
                    if (json[position] == ',')
                    {
                        position++;
                        continue;
                    }

                    Expect(json, ref position, ']');
                    return list;
                }

            case '"':
                return ReadString(json, ref position);
            case 't' when string.CompareOrdinal(json, position, "true", 0, 4) == 0:
                position += 4;
                return true;
            case 'f' when string.CompareOrdinal(json, position, "false", 0, 5) == 0:
                position += 5;
                return false;
            case 'n' when string.CompareOrdinal(json, position, "null", 0, 4) == 0:
                position += 4;
                return null;
            default:
                var start = position;
                while (position < json.Length && "+-0123456789.eE".IndexOf(json[position]) >= 0)
                {
                    position++;
                }

                return double.Parse(json.Substring(start, position - start), NumberStyles.Float, CultureInfo.InvariantCulture);
        }
    }

    private static string ReadString(string json, ref int position)
    {
        Expect(json, ref position, '"');
        var builder = new StringBuilder();
        while (json[position] != '"')
        {
            var c = json[position++];
            if (c != '\\')
            {
                builder.Append(c);
                continue;
            }

            var escape = json[position++];
            switch (escape)
            {
                case 'n': builder.Append('\n'); break;
                case 'r': builder.Append('\r'); break;
                case 't': builder.Append('\t'); break;
                case 'b': builder.Append('\b'); break;
                case 'f': builder.Append('\f'); break;
                case 'u':
                    builder.Append((char)int.Parse(json.Substring(position, 4), NumberStyles.HexNumber, CultureInfo.InvariantCulture));
                    position += 4;
                    break;
                default: builder.Append(escape); break;
            }
        }

        position++;
        return builder.ToString();
    }

    private static void Expect(string json, ref int position, char expected)
    {
        if (position >= json.Length || json[position] != expected)
        {
            throw new FormatException($"Expected '{expected}' at {position}.");
        }

        position++;
    }

    private static void SkipWhitespace(string json, ref int position)
    {
        while (position < json.Length && char.IsWhiteSpace(json[position]))
        {
            position++;
        }
    }
}
