using Amazon.CDK.AWS.StepFunctions;
using Amazon.CDK.AWS.StepFunctions.Tasks;
using Insight.Sdk.Fleet;

namespace Insight.Sdk.Cdk.Platform;

public partial class AccountVending
{
    /// <summary>
    /// Claim: check the request, claim the tenant in the registry — or, when it is already claimed, read what an earlier
    /// request left: a registered account (go on to <paramref name="place"/> it), an account request still being
    /// created (resume waiting for it), or a claim without either (another execution is at work).
    /// </summary>
    private IChainable Claim(AccountCreation create, IChainable place, FailureEnds failures)
    {
        var invalidRequest = new Fail(this, "InvalidRequest", new FailProps
        {
            Error = "InvalidRequest",
            Cause = $"A vending request needs tenantId (matching {TenantId.Pattern}), accountName and accountEmail; optionally settings (a JSON string), jwtIssuer (an https URL), jwtAudience and tenantClaim.",
        });
        var vendingInProgress = new Fail(this, "VendingInProgress", new FailProps
        {
            Error = "VendingInProgress",
            Cause = "Another execution has claimed this tenant and not yet requested its account; let it finish, or remove its registry item if it died.",
        });

        var checkRequest = Jsonata("CheckRequest", "Checks the request and notes when it was received.", RequestCheckExpression);
        var claim = Transient(new DynamoPutItem(this, "ClaimTenant", new DynamoPutItemProps
        {
            Table = Registry,
            Item = new Dictionary<string, DynamoAttributeValue>
            {
                ["tenantId"] = DynamoAttributeValue.FromString(JsonPath.StringAt("$.tenantId")),
                ["status"] = DynamoAttributeValue.FromString("VENDING"),
                ["accountName"] = DynamoAttributeValue.FromString(JsonPath.StringAt("$.accountName")),
                ["accountEmail"] = DynamoAttributeValue.FromString(JsonPath.StringAt("$.accountEmail")),
                ["requestedAt"] = DynamoAttributeValue.FromString(JsonPath.StringAt("$$.State.EnteredTime")),
                ["execution"] = DynamoAttributeValue.FromString(JsonPath.StringAt("$$.Execution.Id")),
            },
            ConditionExpression = "attribute_not_exists(tenantId)",
            ResultPath = JsonPath.DISCARD,
        }));
        var readRegistry = Transient(new DynamoGetItem(this, "ReadRegistry", new DynamoGetItemProps
        {
            Table = Registry,
            Key = TenantKey(),
            ConsistentRead = true,
            ResultPath = "$.registry",
        }));
        claim.AddCatch(readRegistry, new CatchProps { Errors = ["DynamoDB.ConditionalCheckFailedException"], ResultPath = "$.claimError" });
        OnError(claim, failures.Registration);
        OnError(readRegistry, failures.Registration);

        var useRegisteredAccount = new Pass(this, "UseRegisteredAccount", new PassProps
        {
            Parameters = new Dictionary<string, object> { ["id"] = JsonPath.StringAt("$.registry.Item.accountId.S") },
            ResultPath = "$.account",
        });
        var resumeAccountCreation = new Pass(this, "ResumeAccountCreation", new PassProps
        {
            Parameters = new Dictionary<string, object>
            {
                ["CreateAccountStatus"] = new Dictionary<string, object> { ["Id"] = JsonPath.StringAt("$.registry.Item.createAccountRequestId.S") },
            },
            ResultPath = "$.createAccount",
        });

        checkRequest.Next(new Choice(this, "RequestValid?")
            .When(Condition.BooleanEquals("$.requestValid", true), claim)
            .Otherwise(invalidRequest));
        claim.Next(create.Start);
        readRegistry.Next(new Choice(this, "TenantKnown?")
            .When(Condition.IsPresent("$.registry.Item.accountId"), useRegisteredAccount)
            .When(Condition.IsPresent("$.registry.Item.createAccountRequestId"), resumeAccountCreation)
            .Otherwise(vendingInProgress));
        useRegisteredAccount.Next(place);
        resumeAccountCreation.Next(create.WaitForAccount);
        return checkRequest;
    }
}
