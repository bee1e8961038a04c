using System;

namespace Insight.Generators.Drift;

/// <summary>
/// Recognises AWS identities in string values: account ids, region codes, ARNs. Every check compares characters in
/// place, so the analyzers can ask about every string they meet without allocating.
/// </summary>
internal static class AwsLiterals
{
    private static readonly string[] RegionAreas = ["us", "eu", "ap", "sa", "ca", "me", "af", "il", "mx", "cn"];
    private static readonly string[] RegionDirections = ["central", "north", "south", "east", "west", "northeast", "northwest", "southeast", "southwest"];
    private static readonly string[] RegionPartitions = ["gov", "iso", "isob", "isoe", "isof"];

    /// <summary>Exactly twelve ASCII digits: the shape of an AWS account id.</summary>
    public static bool IsAccountId(string value)
    {
        if (value.Length != 12)
        {
            return false;
        }

        foreach (var c in value)
        {
            if (c is < '0' or > '9')
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>A region code such as <c>eu-central-1</c> or <c>us-gov-west-1</c>.</summary>
    public static bool IsRegion(string value) => IsRegion(value, 0, value.Length);

    /// <summary>Whether <paramref name="value"/>[start, start + length) is a region code.</summary>
    public static bool IsRegion(string value, int start, int length)
    {
        var end = start + length;
        if (length is < 9 or > 20 || end > value.Length || value[start + 2] != '-' || !IsOneOf(value, start, 2, RegionAreas))
        {
            return false;
        }

        var lastDash = value.LastIndexOf('-', end - 1, length);
        if (lastDash <= start + 3)
        {
            return false;
        }

        var digits = end - lastDash - 1;
        if (digits is < 1 or > 2 || !IsDigits(value, lastDash + 1, digits))
        {
            return false;
        }

        // Between the area and the number: a direction, optionally after a partition (us-gov-west-1, us-iso-east-1).
        var middleStart = start + 3;
        var innerDash = value.IndexOf('-', middleStart, lastDash - middleStart);
        if (innerDash >= 0)
        {
            if (!IsOneOf(value, middleStart, innerDash - middleStart, RegionPartitions))
            {
                return false;
            }

            middleStart = innerDash + 1;
        }

        return IsOneOf(value, middleStart, lastDash - middleStart, RegionDirections);
    }

    /// <summary>
    /// Finds the region and account fields of an ARN (<c>arn:partition:service:region:account:resource</c>). A field
    /// that is absent or empty has length 0.
    /// </summary>
    public static bool TryReadArn(string value, out int regionStart, out int regionLength, out int accountStart, out int accountLength)
    {
        regionStart = regionLength = accountStart = accountLength = 0;
        if (value.Length < 12 || string.CompareOrdinal(value, 0, "arn:", 0, 4) != 0)
        {
            return false;
        }

        var partitionEnd = value.IndexOf(':', 4);
        var serviceEnd = partitionEnd < 0 ? -1 : value.IndexOf(':', partitionEnd + 1);
        var regionEnd = serviceEnd < 0 ? -1 : value.IndexOf(':', serviceEnd + 1);
        if (regionEnd < 0)
        {
            return false;
        }

        regionStart = serviceEnd + 1;
        regionLength = regionEnd - regionStart;
        var accountEnd = value.IndexOf(':', regionEnd + 1);
        accountStart = regionEnd + 1;
        accountLength = (accountEnd < 0 ? value.Length : accountEnd) - accountStart;
        return true;
    }

    /// <summary>Stands for an interpolation hole when an interpolated string is read as text: a value no literal field holds.</summary>
    public const char Hole = '\u0001';

    private const string AmazonHost = ".amazonaws.com";

    /// <summary>
    /// Finds where an account id sits in an AWS endpoint URL: the first host label of
    /// <c>123456789012.dkr.ecr.eu-central-1.amazonaws.com/…</c>, or the first path segment of an SQS queue URL
    /// (<c>https://sqs.eu-central-1.amazonaws.com/123456789012/scans</c>). The field may hold anything; the caller checks it.
    /// </summary>
    public static bool TryFindUrlAccount(string value, out int start, out int length)
    {
        start = length = 0;
        var host = value.IndexOf(AmazonHost, StringComparison.OrdinalIgnoreCase);
        if (host < 0)
        {
            return false;
        }

        var scheme = value.IndexOf("://", StringComparison.Ordinal);
        var hostStart = scheme >= 0 && scheme < host ? scheme + 3 : 0;
        var firstDot = value.IndexOf('.', hostStart);
        if (firstDot > hostStart && firstDot <= host && IsAccountField(value, hostStart, firstDot - hostStart))
        {
            start = hostStart;
            length = firstDot - hostStart;
            return true;
        }

        // SQS: https://sqs.<region>.amazonaws.com/<account>/<queue> (also the legacy <region>.queue.amazonaws.com).
        var pathStart = host + AmazonHost.Length;
        var isQueue = string.CompareOrdinal(value, hostStart, "sqs.", 0, 4) == 0 || value.IndexOf(".queue", hostStart, host - hostStart, StringComparison.Ordinal) >= 0;
        if (!isQueue || pathStart >= value.Length || value[pathStart] != '/')
        {
            return false;
        }

        var segmentEnd = value.IndexOf('/', pathStart + 1);
        start = pathStart + 1;
        length = (segmentEnd < 0 ? value.Length : segmentEnd) - start;
        return length > 0;
    }

    /// <summary>Whether the account field of an endpoint URL is one interpolation hole (see <see cref="Hole"/>).</summary>
    public static bool TryFindUrlAccountHole(string value, out int start) =>
        TryFindUrlAccount(value, out start, out var length) && length == 1 && value[start] == Hole;

    private static bool IsAccountField(string value, int start, int length) =>
        (length == 12 && IsDigits(value, start, length)) || (length == 1 && value[start] == Hole);

    /// <summary>Whether [start, start + length) of <paramref name="value"/> is twelve digits.</summary>
    public static bool IsAccountId(string value, int start, int length) => length == 12 && IsDigits(value, start, length);

    /// <summary>
    /// Names that say "tenant id" however they are spelled: TenantId, tenant_id, X-Tenant-Id, tenant, SourceTenantID.
    /// Separators are skipped and case ignored; the name must end in "tenantid" or "tenant".
    /// </summary>
    public static bool IsTenantIdName(string name) => EndsWithWord(name, "tenantid") || EndsWithWord(name, "tenant");

    /// <summary>Names for a tenant's short identity: tenantCode, tenant_key, TenantSlug.</summary>
    public static bool IsTenantCodeName(string name) => EndsWithWord(name, "tenantcode") || EndsWithWord(name, "tenantkey") || EndsWithWord(name, "tenantslug");

    /// <summary>Whether <paramref name="text"/> starts as an ARN or names an AWS host: a string worth reading for an account or region.</summary>
    public static bool MayNameResource(string text) =>
        text.StartsWith("arn:", StringComparison.Ordinal) || Mentions(text, "amazonaws.com");

    /// <summary>Ordinal, case-insensitive <c>Contains</c> without allocating.</summary>
    public static bool Mentions(string name, string word) => name.IndexOf(word, StringComparison.OrdinalIgnoreCase) >= 0;

    private static bool EndsWithWord(string name, string word)
    {
        var i = name.Length - 1;
        for (var w = word.Length - 1; w >= 0; w--)
        {
            while (i >= 0 && name[i] is '_' or '-' or ' ' or '.')
            {
                i--;
            }

            if (i < 0 || char.ToLowerInvariant(name[i]) != word[w])
            {
                return false;
            }

            i--;
        }

        // The word must start one: Lieutenant ends in "tenant" and is no tenant; SourceTenant, x_tenant, custom:tenant and TENANT are.
        return i < 0 || !char.IsLetter(name[i]) || char.IsUpper(name[i + 1]);
    }

    private static bool IsDigits(string value, int start, int length)
    {
        for (var i = start; i < start + length; i++)
        {
            if (value[i] is < '0' or > '9')
            {
                return false;
            }
        }

        return true;
    }

    private static bool IsOneOf(string value, int start, int length, string[] candidates)
    {
        foreach (var candidate in candidates)
        {
            if (candidate.Length == length && string.CompareOrdinal(value, start, candidate, 0, length) == 0)
            {
                return true;
            }
        }

        return false;
    }
}
