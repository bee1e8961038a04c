using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text.RegularExpressions;

namespace Insight.Local.Events;

/// <summary>An IPv4 or IPv6 CIDR block, checked the way aws/event-ruler checks <c>{"cidr": ...}</c>.</summary>
internal sealed partial class IpAddressRange
{
    private readonly byte[] _low;
    private readonly byte[] _high;

    private IpAddressRange(byte[] low, byte[] high)
    {
        _low = low;
        _high = high;
    }

    /// <summary>Parses <c>address/bits</c>; returns the reason it is not a block, or null with the range.</summary>
    public static string? TryParse(string cidr, out IpAddressRange? range)
    {
        range = null;
        var parts = cidr.Split('/');
        if (parts.Length != 2)
        {
            return "a CIDR block needs exactly one '/' (e.g. \"10.0.0.0/24\")";
        }

        if (!int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var bits))
        {
            return "the mask bits after '/' must be a non-negative integer";
        }

        if (TryParseAddress(parts[0]) is not { } address)
        {
            return $"\"{parts[0]}\" is not an IPv4 or IPv6 address";
        }

        // aws/event-ruler (CIDR.cidr) refuses a mask that fixes every bit: /32 for IPv4, /128 for IPv6.
        var width = address.Length * 8;
        if (bits >= width)
        {
            return address.Length == 4 ? "IPv4 mask bits must be less than 32" : "IPv6 mask bits must be less than 128";
        }

        var low = (byte[])address.Clone();
        var high = (byte[])address.Clone();
        for (var bit = bits; bit < width; bit++)
        {
            var mask = (byte)(0x80 >> (bit % 8));
            low[bit / 8] &= (byte)~mask;
            high[bit / 8] |= mask;
        }

        range = new IpAddressRange(low, high);
        return null;
    }

    /// <summary>The address bytes when <paramref name="text"/> is an IPv4 or IPv6 literal (no host names, no zone ids).</summary>
    public static byte[]? TryParseAddress(string text)
    {
        if (!(IPv4Literal().IsMatch(text) || IPv6Literal().IsMatch(text)) || !IPAddress.TryParse(text, out var address))
        {
            return null;
        }

        return address.AddressFamily is AddressFamily.InterNetwork or AddressFamily.InterNetworkV6
            ? address.GetAddressBytes()
            : null;
    }

    public bool Contains(string text)
    {
        if (TryParseAddress(text) is not { } address || address.Length != _low.Length)
        {
            return false;
        }

        return address.AsSpan().SequenceCompareTo(_low) >= 0 && address.AsSpan().SequenceCompareTo(_high) <= 0;
    }

    // The shapes aws/event-ruler treats as IP literals (Constants.IPv4_REGEX / IPv6_REGEX).
    [GeneratedRegex("^[0-9]{1,3}\\.[0-9]{1,3}\\.[0-9]{1,3}\\.[0-9]{1,3}$", RegexOptions.CultureInvariant)]
    private static partial Regex IPv4Literal();

    [GeneratedRegex("^[0-9a-fA-F:]*:[0-9a-fA-F:]*$", RegexOptions.CultureInvariant)]
    private static partial Regex IPv6Literal();
}
