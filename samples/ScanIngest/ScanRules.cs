using Insight.Sdk.Events;

namespace ScanIngest;

/// <summary>
/// Checks a scanned code against the rules of its symbology. A wrong GS1 check digit means the scanner
/// misread the label or the label is damaged: the scan counts as an error, not as work done.
/// </summary>
public sealed class ScanRules
{
    /// <summary>Judges one scan.</summary>
    public ScanReceipt Judge(ScanEvent scan)
    {
        var reason = Problem(scan.Symbology, scan.ScanCode);
        return new ScanReceipt(scan.EventId, scan.DeviceSerial, reason is null ? ScanVerdict.Accepted : ScanVerdict.Rejected, reason);
    }

    private static string? Problem(string? symbology, string code)
    {
        var gtinLength = symbology?.ToUpperInvariant() switch
        {
            "EAN-13" or "EAN13" => 13,
            "EAN-8" or "EAN8" => 8,
            "UPC-A" or "UPCA" => 12,
            _ => 0,
        };
        if (gtinLength == 0)
        {
            return null;
        }

        if (code.Length != gtinLength || !code.All(char.IsAsciiDigit))
        {
            return $"{symbology} needs {gtinLength} digits";
        }

        return Gs1CheckDigit(code.AsSpan(0, gtinLength - 1)) == code[^1] - '0' ? null : $"{symbology} check digit is wrong";
    }

    /// <summary>GS1 mod-10: weights 3 and 1 alternate from the rightmost data digit.</summary>
    private static int Gs1CheckDigit(ReadOnlySpan<char> digits)
    {
        var sum = 0;
        for (var i = 0; i < digits.Length; i++)
        {
            var digit = digits[digits.Length - 1 - i] - '0';
            sum += i % 2 == 0 ? digit * 3 : digit;
        }

        return (10 - (sum % 10)) % 10;
    }
}
