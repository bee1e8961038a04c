using System.Globalization;
using System.Text;

namespace Insight.Generators.Common;

/// <summary>Writes values as C# and JSON literals with invariant formatting.</summary>
internal static class Literal
{
    public static string String(string? value)
    {
        if (value is null)
        {
            return "null";
        }

        var builder = new StringBuilder(value.Length + 2).Append('"');
        foreach (var c in value)
        {
            switch (c)
            {
                case '"': builder.Append("\\\""); break;
                case '\\': builder.Append("\\\\"); break;
                case '\n': builder.Append("\\n"); break;
                case '\r': builder.Append("\\r"); break;
                case '\t': builder.Append("\\t"); break;
                default:
                    if (c < ' ')
                    {
                        builder.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture));
                    }
                    else
                    {
                        builder.Append(c);
                    }

                    break;
            }
        }

        return builder.Append('"').ToString();
    }

    /// <summary>JSON strings share C#'s escapes for everything this generator writes.</summary>
    public static string Json(string? value) => String(value);

    public static string Number(int value) => value.ToString(CultureInfo.InvariantCulture);

    /// <summary>An identifier made from an expression such as <c>entity.Name</c> (<c>entity_Name</c>).</summary>
    public static string Identifier(string expression)
    {
        var builder = new StringBuilder(expression.Length);
        foreach (var c in expression)
        {
            builder.Append(char.IsLetterOrDigit(c) ? c : '_');
        }

        return builder.ToString();
    }

    /// <summary>Turns an assembly name into a valid namespace (dots kept, anything else not an identifier character becomes <c>_</c>).</summary>
    public static string Namespace(string assemblyName)
    {
        var builder = new StringBuilder(assemblyName.Length);
        var startOfPart = true;
        foreach (var c in assemblyName)
        {
            if (c == '.')
            {
                builder.Append('.');
                startOfPart = true;
                continue;
            }

            var valid = startOfPart ? char.IsLetter(c) || c == '_' : char.IsLetterOrDigit(c) || c == '_';
            builder.Append(valid ? c : '_');
            startOfPart = false;
        }

        return builder.ToString();
    }
}
