namespace LocalScenario.Streams;

/// <summary>GS1 check digits, as printed at the end of every EAN/UPC/GTIN barcode.</summary>
internal static class Gs1
{
    /// <summary>GS1 mod-10 over the data digits: weights 3 and 1 alternate from the rightmost data digit.</summary>
    public static char CheckDigit(ReadOnlySpan<char> dataDigits)
    {
        var sum = 0;
        for (var i = 0; i < dataDigits.Length; i++)
        {
            var digit = dataDigits[dataDigits.Length - 1 - i] - '0';
            sum += i % 2 == 0 ? digit * 3 : digit;
        }

        return (char)('0' + ((10 - (sum % 10)) % 10));
    }
}
