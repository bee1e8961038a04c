using System.Globalization;
using System.Text.Json;

namespace Insight.Local.Events;

/// <summary>
/// The JSONPath subset EventBridge accepts in a target's <c>InputPath</c> and <c>InputPathsMap</c>: <c>$</c>,
/// member steps (<c>$.detail.state</c>, <c>$.detail['odd key']</c>) and array indexes (<c>$.resources[0]</c>).
/// </summary>
internal sealed class EventJsonPath
{
    private readonly IReadOnlyList<object> _steps; // string member names and int indexes

    private EventJsonPath(IReadOnlyList<object> steps) => _steps = steps;

    /// <summary>Parses the path; returns the reason it is refused, or null with the path.</summary>
    public static string? TryParse(string text, out EventJsonPath? path)
    {
        path = null;
        if (string.IsNullOrEmpty(text) || text[0] != '$')
        {
            return $"\"{text}\" is not a JSON path: it must start with '$'";
        }

        var steps = new List<object>();
        var i = 1;
        while (i < text.Length)
        {
            if (text[i] == '.')
            {
                var start = ++i;
                while (i < text.Length && text[i] is not ('.' or '['))
                {
                    i++;
                }

                if (i == start)
                {
                    return $"\"{text}\" has an empty member name at position {start}";
                }

                var name = text[start..i];
                if (name == "*")
                {
                    return $"\"{text}\": wildcards are not supported, name one member";
                }

                steps.Add(name);
            }
            else if (text[i] == '[')
            {
                var close = text.IndexOf(']', i);
                if (close < 0)
                {
                    return $"\"{text}\" has an unclosed '[' at position {i}";
                }

                var inside = text[(i + 1)..close];
                if (inside.Length >= 2 && inside[0] is '\'' or '"' && inside[^1] == inside[0])
                {
                    steps.Add(inside[1..^1]);
                }
                else if (int.TryParse(inside, NumberStyles.None, CultureInfo.InvariantCulture, out var index))
                {
                    steps.Add(index);
                }
                else
                {
                    return $"\"{text}\": [{inside}] is neither an array index nor a quoted member name";
                }

                i = close + 1;
            }
            else
            {
                return $"\"{text}\" has an unexpected '{text[i]}' at position {i}";
            }
        }

        path = new EventJsonPath(steps);
        return null;
    }

    /// <summary>The value at this path, or null when the event has nothing there.</summary>
    public JsonElement? Resolve(JsonElement root)
    {
        var current = root;
        foreach (var step in _steps)
        {
            if (step is string name)
            {
                if (current.ValueKind != JsonValueKind.Object || !current.TryGetProperty(name, out current))
                {
                    return null;
                }
            }
            else
            {
                var index = (int)step;
                if (current.ValueKind != JsonValueKind.Array || index >= current.GetArrayLength())
                {
                    return null;
                }

                current = current[index];
            }
        }

        return current;
    }
}
