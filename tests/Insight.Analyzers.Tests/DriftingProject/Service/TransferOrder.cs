using System.Text.Json.Serialization;
using Insight.Sdk;

namespace Drifting;

/// <summary>An order moved between stations; the sender claims a tenant.</summary>
public sealed record OrderTransferred(
    [property: JsonPropertyName("order_id")] string OrderId,
    [property: JsonPropertyName("tenant_id")] string TenantId);

/// <summary>JSON metadata for the service's own event.</summary>
[JsonSerializable(typeof(OrderTransferred))]
[JsonSerializable(typeof(string))]
public sealed partial class DriftingJsonContext : JsonSerializerContext;

/// <summary>Keys its storage by the tenant the payload names, which is what INS103 is for.</summary>
[EventHandler]
public sealed partial class TransferOrder
{
    /// <summary>Handles one transfer.</summary>
    public Task<string> HandleAsync(OrderTransferred transfer) =>
        Task.FromResult($"{transfer.TenantId}#{transfer.OrderId}"); // expect: error INS103
}
