using System.Globalization;
using System.Text.Json;
using Insight.Sdk.Cdk.Templates;

namespace Insight.Sdk.Cdk.Cost;

/// <summary>
/// What one tenant account may pay for a service per month while nobody uses it. The service's template carries it
/// (template metadata <see cref="MetadataKey"/>), and synthesis fails naming the resources when the template costs more.
/// SQS polling is left out unless <paramref name="IncludesQueuePolling"/>: it is reported on its own line and by rule
/// INS012, where the handler declares the queue.
/// </summary>
/// <param name="MonthlyUsd">The budget in US dollars per account and month.</param>
/// <param name="IncludesQueuePolling">Whether SQS polling counts against the budget.</param>
public sealed record IdleBudget(double MonthlyUsd = IdleBudget.DefaultMonthlyUsd, bool IncludesQueuePolling = false)
{
    /// <summary>The default budget: five cents per account and month.</summary>
    public const double DefaultMonthlyUsd = 0.05;

    /// <summary>The template metadata entry that holds a service's budget.</summary>
    public const string MetadataKey = "Insight::IdleBudget";

    /// <summary>The budget as template metadata.</summary>
    public IDictionary<string, object> ToMetadata() => new Dictionary<string, object>
    {
        ["MonthlyUsd"] = MonthlyUsd,
        ["IncludesQueuePolling"] = IncludesQueuePolling,
    };

    /// <summary>The budget a template carries, or null when it carries none.</summary>
    public static IdleBudget? Of(CloudFormationTemplate template) =>
        template.Metadata(MetadataKey) is { ValueKind: JsonValueKind.Object } budget
            ? new IdleBudget(
                budget.TryGetProperty("MonthlyUsd", out var usd) ? usd.GetDouble() : DefaultMonthlyUsd,
                budget.TryGetProperty("IncludesQueuePolling", out var polling) && polling.GetBoolean())
            : null;

    /// <summary>
    /// The problems of a template over its budget (none when it carries no budget or stays within it), each naming the
    /// resources that cost something, most expensive first.
    /// </summary>
    public static IReadOnlyList<string> Check(CloudFormationTemplate template, IdleAssumptions? assumptions = null, PriceTable? prices = null)
    {
        if (Of(template) is not { } budget)
        {
            return [];
        }

        var cost = IdleCostModel.Estimate(template, assumptions ?? new IdleAssumptions(), prices);
        var counted = cost.Lines.Where(l => l.MonthlyUsd > 0 && (budget.IncludesQueuePolling || l.Category != CostCategory.QueuePolling)).ToList();
        var total = counted.Sum(l => l.MonthlyUsd);
        if (total <= budget.MonthlyUsd)
        {
            return [];
        }

        var resources = counted
            .GroupBy(l => l.LogicalId)
            .Select(g => (Id: g.Key, Usd: g.Sum(l => l.MonthlyUsd), What: string.Join("; ", g.Select(l => l.What))))
            .OrderByDescending(r => r.Usd)
            .Select(r => string.Create(CultureInfo.InvariantCulture, $"{r.Id} ${r.Usd:0.000} ({r.What})"));
        return
        [
            string.Create(CultureInfo.InvariantCulture, $"{template.Name}: an idle tenant account pays ${total:0.000} a month for it{(budget.IncludesQueuePolling ? string.Empty : " (SQS polling not counted)")}, over its idle budget of ${budget.MonthlyUsd:0.000} (InsightServiceOptions.IdleBudget). Resources: {string.Join(", ", resources)}. Remove them, or raise the budget if the cost is meant."),
        ];
    }
}
