using System.Text.Json;
using System.Text.Json.Serialization;

namespace Insight.Sdk.Cdk.Cost;

/// <summary>One AWS list price, with the page it was read from and when.</summary>
public sealed record Price(
    [property: JsonPropertyName("id")] string Id,
    [property: JsonPropertyName("description")] string Description,
    [property: JsonPropertyName("usd")] double Usd,
    [property: JsonPropertyName("unit")] string Unit,
    [property: JsonPropertyName("source")] string Source,
    [property: JsonPropertyName("checked")] string Checked,
    [property: JsonPropertyName("note")] string? Note = null,
    [property: JsonPropertyName("freePerMonth")] double FreePerMonth = 0);

/// <summary>
/// The prices the idle cost model applies, kept in the repository (<c>Cost/prices.json</c>, embedded) so a change of
/// price is a reviewed commit with its source and date.
/// </summary>
public sealed class PriceTable
{
    private readonly Dictionary<string, Price> _prices;

    private PriceTable(PriceFile file)
    {
        Region = file.Region;
        HoursPerMonth = file.HoursPerMonth;
        Note = file.Note;
        _prices = file.Prices.ToDictionary(p => p.Id, StringComparer.Ordinal);
    }

    /// <summary>The table shipped with the library.</summary>
    public static PriceTable Default { get; } = Read(typeof(PriceTable).Assembly.GetManifestResourceStream("Insight.Sdk.Cdk.Cost.prices.json")
        ?? throw new InvalidDataException("The embedded price table Insight.Sdk.Cdk.Cost.prices.json is missing."));

    /// <summary>The region the prices are for.</summary>
    public string Region { get; }

    /// <summary>Hours in a billing month, as AWS's monthly figures count them.</summary>
    public double HoursPerMonth { get; }

    /// <summary>What the prices are and how free tiers count.</summary>
    public string Note { get; }

    /// <summary>Every price.</summary>
    public IEnumerable<Price> All => _prices.Values;

    /// <summary>The price with <paramref name="id"/>.</summary>
    /// <exception cref="KeyNotFoundException">The table has no such price.</exception>
    public Price this[string id] => _prices.TryGetValue(id, out var price) ? price : throw new KeyNotFoundException($"The price table has no price {id}.");

    /// <summary>Reads a price table in the format of <c>prices.json</c>.</summary>
    /// <exception cref="InvalidDataException">The table is malformed.</exception>
    public static PriceTable Read(Stream json)
    {
        var file = JsonSerializer.Deserialize<PriceFile>(json) ?? throw new InvalidDataException("The price table is empty.");
        var incomplete = file.Prices.Where(p => p.Usd < 0 || !p.Source.StartsWith("https://", StringComparison.Ordinal) || p.Checked.Length != 10).Select(p => p.Id).ToList();
        return incomplete.Count > 0
            ? throw new InvalidDataException($"Prices without a non-negative amount, an https source and a checked date: {string.Join(", ", incomplete)}.")
            : new PriceTable(file);
    }

    private sealed record PriceFile(
        [property: JsonPropertyName("region")] string Region,
        [property: JsonPropertyName("hoursPerMonth")] double HoursPerMonth,
        [property: JsonPropertyName("note")] string Note,
        [property: JsonPropertyName("prices")] IReadOnlyList<Price> Prices);
}
