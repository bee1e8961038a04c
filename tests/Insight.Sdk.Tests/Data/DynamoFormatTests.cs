using System.Globalization;
using System.Text;
using Insight.Sdk.Data;

namespace Insight.Sdk.Tests.Data;

/// <summary>
/// The hand-written time and number formats give exactly what .NET's general formatting and parsing give for the stored
/// shapes (the formats DynamoDBContext reads), and leave every other text to the general parsers.
/// </summary>
public sealed class DynamoFormatTests
{
    private const string MillisecondFormat = "yyyy-MM-dd\\THH:mm:ss.fff\\Z";
    private const string TickFormat = "yyyy-MM-dd\\THH:mm:ss.fffffff\\Z";

    public static TheoryData<DateTime> Times()
    {
        var times = new TheoryData<DateTime>
        {
            DateTime.MinValue, DateTime.MaxValue, new(2024, 2, 29, 23, 59, 59, 999, DateTimeKind.Utc),
            new(2025, 3, 4, 5, 6, 7, 890, DateTimeKind.Utc), new DateTime(1, 1, 1, 0, 0, 0, DateTimeKind.Utc).AddTicks(1),
        };
        var random = new Random(16);
        for (var i = 0; i < 200; i++)
        {
            times.Add(new DateTime(random.NextInt64(DateTime.MinValue.Ticks, DateTime.MaxValue.Ticks), DateTimeKind.Utc));
        }

        return times;
    }

    [Theory]
    [MemberData(nameof(Times))]
    public void Times_are_written_as_the_custom_formats_write_them_and_read_back_as_TryParseExact_reads_them(DateTime time)
    {
        Span<byte> utf8 = stackalloc byte[32];
        foreach (var (digits, format) in new[] { (DynamoTime.Milliseconds, MillisecondFormat), (DynamoTime.Ticks, TickFormat) })
        {
            var expected = time.ToString(format, CultureInfo.InvariantCulture);

            Assert.Equal(expected, DynamoTime.ToString(time, digits));
            Assert.Equal(expected, Encoding.UTF8.GetString(utf8[..DynamoTime.Format(time, digits, utf8)]));

            var parsed = DateTime.ParseExact(expected, format, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal);
            Assert.True(DynamoTime.TryParse(expected.AsSpan(), digits, out var fromChars));
            Assert.True(DynamoTime.TryParse(Encoding.UTF8.GetBytes(expected).AsSpan(), digits, out var fromBytes));
            Assert.Equal((parsed, parsed.Kind), (fromChars, fromChars.Kind));
            Assert.Equal((parsed, parsed.Kind), (fromBytes, fromBytes.Kind));
        }
    }

    [Theory]
    [InlineData("2025-13-04T05:06:07.890Z")]
    [InlineData("2025-02-29T05:06:07.890Z")]
    [InlineData("0000-01-01T00:00:00.000Z")]
    [InlineData("2025-03-04T24:00:00.000Z")]
    [InlineData("2025-03-04T05:60:07.890Z")]
    [InlineData("2025-03-04T05:06:60.890Z")]
    [InlineData("2025-03-04 05:06:07.890Z")]
    [InlineData("2025-03-04T05:06:07.89Z")]
    [InlineData("2025-03-04T05:06:07.890+00:00")]
    [InlineData("2025-03-04T05:06:07,890Z")]
    [InlineData("2025-0a-04T05:06:07.890Z")]
    [InlineData("2025-03-04T05:06:07.890")]
    public void Text_in_any_other_shape_is_left_to_the_general_parser(string text)
    {
        Assert.False(DynamoTime.TryParse(text.AsSpan(), DynamoTime.Milliseconds, out _));
        Assert.False(DynamoTime.TryParse(Encoding.UTF8.GetBytes(text).AsSpan(), DynamoTime.Milliseconds, out _));
    }

    [Theory]
    [InlineData("42")]
    [InlineData("-7")]
    [InlineData(" 42 ")]
    [InlineData("4.2E1")]
    [InlineData("42.0")]
    [InlineData("42.5")]
    [InlineData("2147483648")]
    [InlineData("1e400")]
    [InlineData("0x10")]
    [InlineData("")]
    [InlineData("-0")]
    [InlineData("007")]
    [InlineData("-")]
    [InlineData("+5")]
    [InlineData("-2147483648")]
    [InlineData("-2147483649")]
    [InlineData("999999999999999999")]
    [InlineData("-999999999999999999")]
    [InlineData("9223372036854775807")]
    [InlineData("-9223372036854775808")]
    [InlineData("12a")]
    [InlineData("\u0663")]
    public void Numbers_parse_as_NumberStyles_Float_parses_them(string text)
    {
        AssertParsesAsFloat<int>(text);
        AssertParsesAsFloat<long>(text);
        AssertParsesAsFloat<byte>(text);
        AssertParsesAsFloat<ulong>(text);
        AssertParsesAsFloat<double>(text);
        AssertParsesAsFloat<decimal>(text);
    }

    private static void AssertParsesAsFloat<T>(string text)
        where T : System.Numerics.INumberBase<T>
    {
        var expected = T.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var number);

        Assert.Equal((expected, number), (DynamoValue.TryParseNumber<T>(text.AsSpan(), out var fromChars), fromChars));
        Assert.Equal((expected, number), (DynamoValue.TryParseNumber<T>(Encoding.UTF8.GetBytes(text).AsSpan(), out var fromBytes), fromBytes));
    }
}
