using Insight.Generators.Drift;

namespace Insight.Analyzers.Tests;

/// <summary>The recognisers every drift rule relies on, checked directly.</summary>
public sealed class AwsLiteralsTests
{
    [Theory]
    [InlineData("123456789012", true)]
    [InlineData("000000000000", true)]
    [InlineData("12345678901", false)]
    [InlineData("1234567890123", false)]
    [InlineData("12345678901a", false)]
    public void Account_ids_are_twelve_digits(string value, bool isAccount) => Assert.Equal(isAccount, AwsLiterals.IsAccountId(value));

    [Theory]
    [InlineData("eu-central-1", true)]
    [InlineData("us-east-1", true)]
    [InlineData("ap-southeast-2", true)]
    [InlineData("us-gov-west-1", true)]
    [InlineData("cn-northwest-1", true)]
    [InlineData("il-central-1", true)]
    [InlineData("eu-central", false)]
    [InlineData("xx-central-1", false)]
    [InlineData("eu-middle-1", false)]
    [InlineData("eu-central-1a", false)]
    [InlineData("station-east-1", false)]
    [InlineData("eu-1", false)]
    public void Regions_are_recognised_by_area_direction_and_number(string value, bool isRegion) => Assert.Equal(isRegion, AwsLiterals.IsRegion(value));

    [Theory]
    [InlineData("arn:aws:sns:eu-central-1:123456789012:alerts", "eu-central-1", "123456789012")]
    [InlineData("arn:aws:iam::123456789012:role/ingest", "", "123456789012")]
    [InlineData("arn:aws:s3:::scan-archive/2026", "", "")]
    [InlineData("arn:aws:iam::aws:policy/ReadOnlyAccess", "", "aws")]
    [InlineData("arn:aws:sqs:eu-central-1:123456789012", "eu-central-1", "123456789012")]
    public void ARNs_give_their_region_and_account(string arn, string region, string account)
    {
        Assert.True(AwsLiterals.TryReadArn(arn, out var regionStart, out var regionLength, out var accountStart, out var accountLength));
        Assert.Equal(region, arn.Substring(regionStart, regionLength));
        Assert.Equal(account, arn.Substring(accountStart, accountLength));
    }

    [Theory]
    [InlineData("order 123456789012")]
    [InlineData("arn:aws")]
    [InlineData("urn:aws:sns:eu-central-1:123456789012:alerts")]
    public void Other_strings_are_not_ARNs(string value) => Assert.False(AwsLiterals.TryReadArn(value, out _, out _, out _, out _));

    [Theory]
    [InlineData("TenantId", true)]
    [InlineData("tenant_id", true)]
    [InlineData("X-Tenant-Id", true)]
    [InlineData("tenant", true)]
    [InlineData("SourceTenantID", true)]
    [InlineData("TenantName", false)]
    [InlineData("Intent", false)]
    [InlineData("Id", false)]
    public void Tenant_id_names_are_recognised_however_spelled(string name, bool isTenantId) => Assert.Equal(isTenantId, AwsLiterals.IsTenantIdName(name));
}
