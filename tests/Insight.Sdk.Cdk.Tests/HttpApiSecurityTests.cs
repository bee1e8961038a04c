using System.Text.Json;
using Insight.Sdk.Manifest;

namespace Insight.Sdk.Cdk.Tests;

/// <summary>Every HTTP route of every sample service, as synthesized: authenticated, scoped, throttled and logged.</summary>
[Collection(SynthCollection.Name)]
public sealed class HttpApiSecurityTests(SynthesizedFleet fleet)
{
    private IEnumerable<(string Service, JsonElement Template)> ServiceTemplates() =>
        fleet.Result.Templates
            .Where(path => path.EndsWith(".template.json", StringComparison.Ordinal))
            .Select(path => (Path.GetFileName(path).Replace(".template.json", "", StringComparison.Ordinal), JsonDocument.Parse(File.ReadAllText(path)).RootElement.Clone()))
            .Where(t => t.Item2.Resources("AWS::ApiGatewayV2::Api").Any());

    [Fact]
    public void Every_route_has_the_tenant_jwt_authorizer_with_its_handlers_scopes_or_a_declared_reason()
    {
        var manifests = new[] { typeof(ScanIngest.InsightService), typeof(Productivity.InsightService), typeof(Ergonomics.InsightService) }
            .Select(t => ServiceManifest.FromAssembly(t.Assembly)!)
            .ToDictionary(m => m.Service);
        var routesSeen = 0;
        foreach (var (service, template) in ServiceTemplates())
        {
            var authorizers = template.Resources("AWS::ApiGatewayV2::Authorizer").ToList();
            var authorizer = Assert.Single(authorizers);
            Assert.Equal("JWT", authorizer.Properties.GetProperty("AuthorizerType").GetString());
            Assert.Equal("JwtIssuer", authorizer.Properties.GetProperty("JwtConfiguration").GetProperty("Issuer").Target());
            Assert.Equal("JwtAudience", authorizer.Properties.GetProperty("JwtConfiguration").GetProperty("Audience")[0].Target());

            foreach (var (id, route) in template.Resources("AWS::ApiGatewayV2::Route"))
            {
                routesSeen++;
                var routeKey = route.GetProperty("RouteKey").GetString()!;
                var function = manifests[service].Functions.Single(f => f.Route == routeKey);
                if (function.IsAnonymous)
                {
                    Assert.Equal("NONE", route.GetProperty("AuthorizationType").GetString());
                    continue;
                }

                Assert.Equal("JWT", route.GetProperty("AuthorizationType").GetString());
                Assert.Equal(authorizer.Id, route.GetProperty("AuthorizerId").Target());
                var scopes = route.TryGetProperty("AuthorizationScopes", out var s) ? s.EnumerateArray().Select(x => x.GetString()!).ToList() : [];
                Assert.Equal(function.Scopes ?? [], scopes);
                Assert.NotEmpty(scopes);
            }
        }

        Assert.Equal(manifests.Values.SelectMany(m => m.Functions).Count(f => f.Route is not null), routesSeen);
    }

    [Fact]
    public void Every_stage_throttles_with_the_tenant_parameters_and_logs_access_without_tokens()
    {
        var stages = 0;
        foreach (var (service, template) in ServiceTemplates())
        {
            var (_, stage) = Assert.Single(template.Resources("AWS::ApiGatewayV2::Stage"));
            stages++;
            var throttle = stage.GetProperty("DefaultRouteSettings");
            Assert.Equal("ApiRateLimit", throttle.GetProperty("ThrottlingRateLimit").Target());
            Assert.Equal("ApiBurstLimit", throttle.GetProperty("ThrottlingBurstLimit").Target());

            var logs = stage.GetProperty("AccessLogSettings");
            var logGroup = template.Resource(logs.GetProperty("DestinationArn").GetProperty("Fn::GetAtt")[0].GetString()!);
            Assert.True(logGroup.GetProperty("Properties").TryGetProperty("RetentionInDays", out _), $"{service}'s access log group keeps logs forever");
            var format = logs.GetProperty("Format").GetString()!;
            Assert.Contains("$context.requestId", format, StringComparison.Ordinal);
            Assert.DoesNotContain("header", format, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain("authorizer.claims", format, StringComparison.Ordinal);

            var api = Assert.Single(template.Resources("AWS::ApiGatewayV2::Api"));
            Assert.False(api.Properties.TryGetProperty("CorsConfiguration", out _), $"{service} allows CORS though no handler declares it");
        }

        Assert.Equal(3, stages);
    }

    [Fact]
    public void Http_functions_learn_the_tenant_claim_from_the_parameter()
    {
        foreach (var (_, template) in ServiceTemplates())
        {
            var functions = template.Resources("AWS::Lambda::Function").ToList();
            Assert.Contains(functions, f => f.Properties.GetProperty("Environment").GetProperty("Variables").TryGetProperty(TenantContext.TenantClaimVariable, out var v) && v.Target() == "TenantClaim");
        }
    }
}
