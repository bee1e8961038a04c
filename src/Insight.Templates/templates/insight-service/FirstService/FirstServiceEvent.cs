using System.Text.Json.Serialization;

namespace FirstService;

/// <summary>What FirstService receives from the tenant's event bus: something that happened, with an id of its own.</summary>
/// <param name="EventId">Unique per event; a redelivered event carries the same id.</param>
/// <param name="Subject">What the event is about.</param>
/// <param name="OccurredAt">When it happened.</param>
public sealed record FirstServiceEvent(string EventId, string Subject, DateTimeOffset OccurredAt);

/// <summary>JSON metadata for the service's own types, so they are read and written without reflection.</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase)]
[JsonSerializable(typeof(FirstServiceEvent))]
public sealed partial class FirstServiceJsonContext : JsonSerializerContext;
