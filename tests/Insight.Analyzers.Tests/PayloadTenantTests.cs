using Insight.Analyzers.Tests.Infrastructure;
using Insight.CodeFixes;
using Insight.Generators.Drift;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Testing;

namespace Insight.Analyzers.Tests;

/// <summary>INS103: the tenant read from the event payload instead of the deployment.</summary>
public sealed class PayloadTenantTests
{
    private const string OrderEvent = """
        public sealed record OrderEvent(string OrderId, string TenantId, OrderEvent.Customer Buyer)
        {
            public sealed record Customer(string Name, string Tenant);
        }

        public sealed class Orders
        {
            public Task SaveAsync(string tenantId, string orderId) => Task.CompletedTask;
        }


        """;

    [Fact]
    public async Task The_payloads_tenant_becomes_the_deployments_tenant()
    {
        await DriftVerifier.FixAsync<PayloadTenantAnalyzer, TenantValueCodeFixProvider>(
            Sources.Service + OrderEvent + """
            [EventHandler]
            public sealed partial class SaveOrder(Orders orders)
            {
                public Task HandleAsync(OrderEvent order, TenantContext tenant) => orders.SaveAsync({|INS103:order.TenantId|}, order.OrderId);
            }
            """,
            Sources.Service + OrderEvent + """
            [EventHandler]
            public sealed partial class SaveOrder(Orders orders)
            {
                public Task HandleAsync(OrderEvent order, TenantContext tenant) => orders.SaveAsync(tenant.TenantId, order.OrderId);
            }
            """);
    }

    [Fact]
    public async Task Fix_all_adds_one_tenant_parameter_for_every_read()
    {
        await DriftVerifier.FixAsync<PayloadTenantAnalyzer, TenantValueCodeFixProvider>(
            Sources.Service + OrderEvent + """
            [EventHandler]
            public sealed partial class SaveOrder(Orders orders)
            {
                public async Task HandleAsync(OrderEvent order, CancellationToken cancellationToken)
                {
                    var key = $"{{|INS103:order.TenantId|}}#{order.OrderId}";
                    await orders.SaveAsync({|INS103:order.TenantId|}, key);
                    await orders.SaveAsync({|INS103:order.Buyer.Tenant|}, order.OrderId);
                }
            }
            """,
            Sources.Service + OrderEvent + """
            [EventHandler]
            public sealed partial class SaveOrder(Orders orders)
            {
                public async Task HandleAsync(OrderEvent order, TenantContext tenant, CancellationToken cancellationToken)
                {
                    var key = $"{tenant.TenantId}#{order.OrderId}";
                    await orders.SaveAsync(tenant.TenantId, key);
                    await orders.SaveAsync(tenant.TenantId, order.OrderId);
                }
            }
            """);
    }

    [Fact]
    public async Task Headers_query_parameters_and_authorization_by_payload_are_reported()
    {
        await DriftVerifier.AnalyzeAsync<PayloadTenantAnalyzer>(Sources.Service + OrderEvent + """
            [EventHandler(Trigger = Trigger.HttpApi, Route = "GET /orders")]
            public sealed partial class ListOrders(Orders orders)
            {
                public async Task<HttpApiResponse> HandleAsync(HttpApiRequest request)
                {
                    var fromHeader = {|INS103:request.Headers?["x-tenant-id"]|};
                    var fromQuery = {|INS103:request.QueryStringParameters!.GetValueOrDefault("tenant_id")|};
                    await orders.SaveAsync(fromHeader ?? fromQuery ?? "", "");
                    return new HttpApiResponse { StatusCode = 200 };
                }
            }

            [EventHandler]
            public sealed partial class Approve
            {
                public Task HandleAsync(OrderEvent order)
                {
                    if ({|INS103:order.TenantId|} == "acme")
                    {
                        return Task.CompletedTask;
                    }

                    throw new UnauthorizedAccessException();
                }
            }
            """);
    }

    [Fact]
    public async Task The_rule_is_an_error_by_default()
    {
        await DriftVerifier.AnalyzeAsync<PayloadTenantAnalyzer>(Sources.Service + OrderEvent + """
            [EventHandler]
            public sealed partial class SaveOrder(Orders orders)
            {
                public Task HandleAsync(OrderEvent order) => orders.SaveAsync({|#0:order.TenantId|}, order.OrderId);
            }
            """,
            expected: new DiagnosticResult(DriftRuleIds.PayloadTenantId, DiagnosticSeverity.Error).WithLocation(0).WithArguments("order.TenantId"));
    }

    [Fact]
    public async Task Logging_and_checking_against_the_deployment_are_left_alone()
    {
        await DriftVerifier.AnalyzeAsync<PayloadTenantAnalyzer>(Sources.Service + OrderEvent + """
            [EventHandler]
            public sealed partial class SaveOrder(Orders orders, ILogger<SaveOrder> log)
            {
                public Task HandleAsync(OrderEvent order, TenantContext tenant)
                {
                    log.LogInformation("Order {Order} claims tenant {Tenant}", order.OrderId, order.TenantId);
                    LogClaim(log, order.TenantId);
                    if (order.TenantId != tenant.TenantId || !string.Equals(order.TenantId, tenant.TenantId, StringComparison.Ordinal))
                    {
                        throw new UnauthorizedAccessException(nameof(order.TenantId));
                    }

                    return orders.SaveAsync(tenant.TenantId, order.OrderId);
                }

                private static void LogClaim(ILogger logger, string claimed) => logger.LogDebug("claimed {Tenant}", claimed);
            }

            public static class NotAHandler
            {
                public static string Tenant(OrderEvent order) => order.TenantId;
            }
            """);
    }

    [Fact]
    public async Task Tenants_of_payload_collections_and_property_patterns_are_reported()
    {
        await DriftVerifier.AnalyzeAsync<PayloadTenantAnalyzer>(Sources.Service + """
            public sealed record Line(string TenantId, string Sku);
            public sealed record Shipment(string Id, IReadOnlyList<Line> Lines);

            public sealed class Billing
            {
                public Task ChargeAsync(IEnumerable<string> tenants) => Task.CompletedTask;

                public Task ChargeAsync(string tenant) => Task.CompletedTask;
            }

            [EventHandler]
            public sealed partial class Charge(Billing billing)
            {
                public async Task HandleAsync(Shipment shipment)
                {
                    await billing.ChargeAsync(shipment.Lines.Select(l => {|INS103:l.TenantId|}));
                    foreach (var line in shipment.Lines)
                    {
                        await billing.ChargeAsync({|INS103:line.TenantId|});
                    }

                    if (shipment.Lines[0] is { {|INS103:TenantId|}: var owner })
                    {
                        await billing.ChargeAsync(owner);
                    }
                }
            }
            """);
    }

    [Fact]
    public async Task A_local_or_pattern_variable_only_checked_against_the_deployment_is_left_alone()
    {
        await DriftVerifier.AnalyzeAsync<PayloadTenantAnalyzer>(Sources.Service + OrderEvent + """
            [EventHandler(Trigger = Trigger.HttpApi, Route = "GET /orders")]
            public sealed partial class ListOrders(ILogger<ListOrders> log)
            {
                public Task<HttpApiResponse> HandleAsync(HttpApiRequest request, TenantContext tenant)
                {
                    if (request.Headers?.GetValueOrDefault("x-tenant-id") is { } asked && asked != tenant.TenantId)
                    {
                        return Task.FromResult(new HttpApiResponse { StatusCode = 403 });
                    }

                    var claimed = request.QueryStringParameters?.GetValueOrDefault("tenant");
                    log.LogInformation("Claimed {Tenant}", claimed);
                    return Task.FromResult(new HttpApiResponse { StatusCode = claimed is null || claimed == tenant.TenantId ? 200 : 403 });
                }
            }

            [EventHandler]
            public sealed partial class SaveOrder(Orders orders)
            {
                public Task HandleAsync(OrderEvent order, TenantContext tenant)
                {
                    var key = $"{{|INS103:order.TenantId|}}#{order.OrderId}";
                    return orders.SaveAsync(tenant.TenantId, key);
                }
            }
            """);
    }

    [Fact]
    public async Task Tenant_keys_after_a_colon_or_slash_are_tenant_keys_and_words_ending_in_tenant_are_not()
    {
        await DriftVerifier.AnalyzeAsync<PayloadTenantAnalyzer>(Sources.Service + OrderEvent + """
            public sealed record Handover(string Station, string Lieutenant);

            [EventHandler(Trigger = Trigger.HttpApi, Route = "GET /profile")]
            public sealed partial class Profile(Orders orders)
            {
                public async Task<HttpApiResponse> HandleAsync(HttpApiRequest request)
                {
                    await orders.SaveAsync({|INS103:request.Headers?["custom:tenant_id"]|} ?? "", "");
                    return new HttpApiResponse { StatusCode = 200 };
                }
            }

            [EventHandler]
            public sealed partial class Relieve
            {
                private readonly Dictionary<string, string> _onDuty = new();

                public Task HandleAsync(Handover handover)
                {
                    _onDuty[handover.Station] = handover.Lieutenant;
                    return Task.CompletedTask;
                }
            }
            """);
    }
}
