using System;
using Insight.Generators.Common;
using Microsoft.CodeAnalysis;

namespace Insight.Generators.Drift;

/// <summary>
/// What a name says about the value it holds, for the identity rules. A twelve-digit number is an AWS account only in
/// an AWS context: a member of the AWS SDK or the CDK that takes an account or a principal, or a name that says
/// "AWS account". A name that only says "account" is a ledger, a customer or a loyalty account as often as not.
/// </summary>
internal static class IdentityNames
{
    /// <summary>A parameter, property or field of an AWS SDK or CDK type that takes an account: <c>SourceAccount</c>, <c>AccountPrincipal(accountId)</c>, <c>Environment.Account</c>, <c>ExpectedBucketOwner</c>, a principal.</summary>
    public static bool IsAwsAccountMember(ISymbol member)
    {
        var owner = member is IParameterSymbol { ContainingSymbol: IMethodSymbol method } ? method.ContainingType : member.ContainingType;
        if (owner is null || !IsAmazonType(owner))
        {
            return false;
        }

        var name = member.Name;
        return AwsLiterals.Mentions(name, "account") || name.EndsWith("Principal", StringComparison.OrdinalIgnoreCase)
            || (DriftCompilation.IsAwsSdkType(owner) && AwsLiterals.Mentions(name, "owner"));
    }

    /// <summary>A name that says it holds an AWS account: <c>AwsAccountId</c>, <c>aws_account</c>, <c>CentralAwsAccount</c>.</summary>
    public static bool SaysAwsAccount(string name) => AwsLiterals.Mentions(name, "aws") && AwsLiterals.Mentions(name, "account");

    /// <summary>A type of the AWS SDK for .NET or of the CDK (its root namespace is <c>Amazon</c>).</summary>
    public static bool IsAmazonType(ITypeSymbol type)
    {
        var ns = type.ContainingNamespace;
        while (ns is { IsGlobalNamespace: false, ContainingNamespace.IsGlobalNamespace: false })
        {
            ns = ns.ContainingNamespace;
        }

        return ns is { IsGlobalNamespace: false, Name: "Amazon" };
    }
}

/// <summary>How a payload names its tenant: by its own member name, or by the JSON name it is read from.</summary>
internal static class PayloadNames
{
    /// <summary><c>TenantId</c>, <c>tenant</c>, or any member read from JSON as <c>tenantId</c>/<c>tenant_id</c> (<c>[JsonPropertyName("tenantId")] string Customer</c>).</summary>
    public static bool SaysTenant(ISymbol member, KnownTypeSymbols symbols)
    {
        if (AwsLiterals.IsTenantIdName(member.Name))
        {
            return true;
        }

        return KnownTypeSymbols.FindAttribute(member, symbols.JsonPropertyNameAttribute) is { ConstructorArguments: { Length: 1 } arguments }
            && arguments[0].Value is string jsonName && AwsLiterals.IsTenantIdName(jsonName);
    }
}
