using Insight.Sdk;
using Insight.Sdk.Events;

namespace ScanIngest;

/// <summary>An HTTP endpoint for tools at a station to check a code before labels are printed in bulk.</summary>
[EventHandler(Trigger = Trigger.HttpApi, Route = "POST /scans/check", Scopes = ["scans:check"], MemorySize = 256, TimeoutSeconds = 5)]
public sealed partial class CheckScan(ScanRules rules)
{
    /// <summary>Judges the posted scan; a body that is not a valid scan gets a 400 naming the field.</summary>
    public Task<ScanReceipt> HandleAsync(ScanEvent scan) => Task.FromResult(rules.Judge(scan));
}
