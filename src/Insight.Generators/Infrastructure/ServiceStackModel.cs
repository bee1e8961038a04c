using Insight.Generators.Common;

namespace Insight.Generators.Infrastructure;

/// <summary>A service referenced by an infrastructure project, read from the manifest compiled into it.</summary>
internal sealed record ServiceStackModel(
    string ServiceName,
    string ClassPrefix,
    string InsightServiceType,
    EquatableArray<NamedResource> Functions,
    EquatableArray<NamedResource> Tables,
    EquatableArray<NamedResource> Queues,
    EquatableArray<NamedResource> Rules);

/// <summary>A resource as the manifest names it, and the property name it gets.</summary>
internal sealed record NamedResource(string Name, string Property);
