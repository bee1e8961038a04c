using Insight.Cli.Local.Emulation;
using Insight.Cli.Local.Standup;

namespace Insight.Cli.Tests.Local.Standup;

public sealed class RouteTableTests
{
    private static RoutePlan Route(string key) => new("Orders", "api1", key, $"arn:aws:lambda:eu-central-1:111111111111:function:{key.Replace(' ', '_')}", "2.0", null);

    private static readonly RouteTable Table = new([
        Route("GET /orders/{id}"),
        Route("GET /orders/latest"),
        Route("ANY /orders/{id}"),
        Route("GET /files/{proxy+}"),
        Route("POST /orders"),
    ]);

    [Theory]
    [InlineData("GET", "/orders/latest", "GET /orders/latest")]
    [InlineData("GET", "/orders/42", "GET /orders/{id}")]
    [InlineData("DELETE", "/orders/42", "ANY /orders/{id}")]
    [InlineData("post", "/orders/", "POST /orders")]
    [InlineData("GET", "/files/a/b/c.txt", "GET /files/{proxy+}")]
    public void The_most_specific_route_answers(string method, string path, string expected) =>
        Assert.Equal(expected, Table.Match(method, path)!.Route.RouteKey);

    [Fact]
    public void Path_parameters_are_bound_unescaped_and_a_greedy_one_takes_the_rest()
    {
        Assert.Equal("a b", Table.Match("GET", "/orders/a%20b")!.PathParameters["id"]);
        Assert.Equal("a/b/c.txt", Table.Match("GET", "/files/a/b/c.txt")!.PathParameters["proxy"]);
    }

    [Fact]
    public void Nothing_matches_without_a_default_route_and_the_default_catches_the_rest()
    {
        Assert.Null(Table.Match("GET", "/files"));
        Assert.Null(Table.Match("PUT", "/orders"));
        var withDefault = new RouteTable([Route("GET /a"), Route("$default")]);
        Assert.Equal("$default", withDefault.Match("PUT", "/anything/else")!.Route.RouteKey);
        Assert.True(new RouteTable([]).IsEmpty);
    }
}
