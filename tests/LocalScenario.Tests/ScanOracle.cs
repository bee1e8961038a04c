using System.Text;
using System.Text.Json;
using Insight.Sdk.Events;
using Insight.Sdk.Hosting;
using Insight.Sdk.Serialization;

namespace LocalScenario.Tests;

/// <summary>
/// Judges a wire scan without the generator's own labels: the contract through the SDK's reader, the check digit
/// through the EAN-13 rule as printed on the standard (weights 1, 3, 1, … from the left over all thirteen digits).
/// </summary>
internal static class ScanOracle
{
    public static bool BreaksContract(string json)
    {
        try
        {
            Dispatch.Read(Encoding.UTF8.GetBytes(json), InsightJsonContext.Default.ScanEvent, nameof(ScanEvent));
            return false;
        }
        catch (Exception exception) when (exception is ContractViolationException or InvalidPayloadException)
        {
            return true;
        }
    }

    public static bool IsMisreadEan13(string json)
    {
        var (symbology, code) = SymbologyAndCode(json);
        return symbology == "EAN-13" && !HasValidEan13CheckDigit(code);
    }

    public static bool HasValidEan13CheckDigit(string code) =>
        code.Length == 13
        && code.All(char.IsAsciiDigit)
        && code.Select((digit, index) => (digit - '0') * (index % 2 == 0 ? 1 : 3)).Sum() % 10 == 0;

    public static (string? Symbology, string Code) SymbologyAndCode(string json)
    {
        using var scan = JsonDocument.Parse(json);
        var root = scan.RootElement;
        return (root.TryGetProperty("scan_decode_symbology", out var symbology) ? symbology.GetString() : null, root.GetProperty("scan_code").GetString()!);
    }

    public static T Field<T>(string json, string name)
    {
        using var scan = JsonDocument.Parse(json);
        return scan.RootElement.GetProperty(name).Deserialize<T>()!;
    }
}
