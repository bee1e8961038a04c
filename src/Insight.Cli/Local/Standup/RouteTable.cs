using Insight.Cli.Local.Emulation;

namespace Insight.Cli.Local.Standup;

/// <summary>A request matched to a route: the route, and the values of its path parameters.</summary>
internal sealed record RouteMatch(RoutePlan Route, IReadOnlyDictionary<string, string> PathParameters);

/// <summary>
/// Every route of one tenant's HTTP APIs, matched as API Gateway matches an HTTP API's routes: the most specific route
/// wins (literal segments over <c>{param}</c>, <c>{param}</c> over <c>{proxy+}</c>, a method over <c>ANY</c>), and
/// <c>$default</c> catches what nothing else does.
/// </summary>
internal sealed class RouteTable
{
    private readonly List<(RoutePlan Route, string Method, string[] Segments)> _routes = [];
    private readonly RoutePlan? _default;

    public RouteTable(IEnumerable<RoutePlan> routes)
    {
        foreach (var route in routes)
        {
            if (route.RouteKey == "$default")
            {
                _default = route;
                continue;
            }

            var space = route.RouteKey.IndexOf(' ', StringComparison.Ordinal);
            var method = route.RouteKey[..space].ToUpperInvariant();
            var path = route.RouteKey[(space + 1)..];
            _routes.Add((route, method, path.Trim('/').Split('/', StringSplitOptions.RemoveEmptyEntries)));
        }
    }

    /// <summary>Whether any route is served.</summary>
    public bool IsEmpty => _routes.Count == 0 && _default is null;

    /// <summary>The route answering <paramref name="method"/> <paramref name="path"/>, or null (API Gateway's 404).</summary>
    public RouteMatch? Match(string method, string path)
    {
        var segments = path.Trim('/').Split('/', StringSplitOptions.RemoveEmptyEntries).Select(Uri.UnescapeDataString).ToArray();
        RouteMatch? best = null;
        var bestScore = (-1, -1, -1);
        foreach (var (route, routeMethod, pattern) in _routes)
        {
            if (routeMethod != "ANY" && routeMethod != method.ToUpperInvariant())
            {
                continue;
            }

            if (Bind(pattern, segments) is not { } parameters)
            {
                continue;
            }

            // Literal segments first, then parameters, then a concrete method; a greedy route scores lowest.
            var literal = pattern.Count(s => !s.StartsWith('{'));
            var score = (literal, pattern.Length - (pattern.LastOrDefault()?.EndsWith("+}", StringComparison.Ordinal) == true ? 1 : 0), routeMethod == "ANY" ? 0 : 1);
            if (score.CompareTo(bestScore) > 0)
            {
                best = new RouteMatch(route, parameters);
                bestScore = score;
            }
        }

        return best ?? (_default is null ? null : new RouteMatch(_default, new Dictionary<string, string>()));
    }

    private static Dictionary<string, string>? Bind(string[] pattern, string[] segments)
    {
        var parameters = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i < pattern.Length; i++)
        {
            var part = pattern[i];
            if (part.StartsWith('{') && part.EndsWith("+}", StringComparison.Ordinal))
            {
                // A greedy parameter takes the rest of the path, at least one segment, and only at the end.
                if (i != pattern.Length - 1 || segments.Length <= i)
                {
                    return null;
                }

                parameters[part[1..^2]] = string.Join('/', segments[i..]);
                return parameters;
            }

            if (i >= segments.Length)
            {
                return null;
            }

            if (part.StartsWith('{') && part.EndsWith('}'))
            {
                parameters[part[1..^1]] = segments[i];
            }
            else if (part != segments[i])
            {
                return null;
            }
        }

        return pattern.Length == segments.Length ? parameters : null;
    }
}
