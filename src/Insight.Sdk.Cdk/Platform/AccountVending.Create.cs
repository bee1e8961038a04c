using Amazon.CDK;
using Amazon.CDK.AWS.StepFunctions;
using Amazon.CDK.AWS.StepFunctions.Tasks;

namespace Insight.Sdk.Cdk.Platform;

public partial class AccountVending
{
    /// <summary>
    /// Create: request the account (Organizations creates the platform role in it), record the request id so a repeated
    /// request resumes instead of creating a second account, wait for the account, record it and go on to
    /// <paramref name="place"/> it. A rejected request releases the claim, so a corrected request can be repeated.
    /// </summary>
    private AccountCreation Create(IChainable place, FailureEnds failures)
    {
        var createAccount = Organizations("CreateAccount", "createAccount", new Dictionary<string, object>
        {
            ["Email.$"] = "$.accountEmail",
            ["AccountName.$"] = "$.accountName",

            // Organizations creates this role in the new account, trusted by the management account.
            ["RoleName"] = _settings.PlatformRoleName,
            ["Tags"] = new object[] { new Dictionary<string, object> { ["Key"] = GuardrailPolicies.TenantTagKey, ["Value.$"] = "$.tenantId" } },
        }, "$.createAccount");

        // Only rejections are retried: after any other failure (a service error, a timeout) the account may exist, so
        // the request is looked up before anything is sent again.
        Transient(createAccount, ["Organizations.TooManyRequestsException", "Organizations.ConcurrentModificationException"]);
        var releaseClaim = Transient(new DynamoDeleteItem(this, "ReleaseClaim", new DynamoDeleteItemProps
        {
            Table = Registry,
            Key = TenantKey(),

            // Only a claim that never got an account is released; the request can then be corrected and repeated.
            ConditionExpression = "attribute_not_exists(accountId)",
            ResultPath = JsonPath.DISCARD,
        }));
        releaseClaim.Next(failures.CreateAccount);
        releaseClaim.AddCatch(failures.CreateAccount, new CatchProps { ResultPath = "$.releaseError" });
        createAccount.AddCatch(releaseClaim, new CatchProps { Errors = [.. CreateAccountRejections], ResultPath = "$.error" });
        var lookUp = LookUpAccountRequest(releaseClaim, failures);
        createAccount.AddCatch(lookUp.Start, new CatchProps { ResultPath = "$.error" });

        var recordRequest = Transient(new DynamoUpdateItem(this, "RecordAccountRequest", new DynamoUpdateItemProps
        {
            Table = Registry,
            Key = TenantKey(),
            UpdateExpression = "SET createAccountRequestId = :request",
            ExpressionAttributeValues = new Dictionary<string, DynamoAttributeValue>
            {
                [":request"] = DynamoAttributeValue.FromString(JsonPath.StringAt("$.createAccount.CreateAccountStatus.Id")),
            },
            ResultPath = JsonPath.DISCARD,
        }));
        OnError(recordRequest, failures.Registration);

        var startPolling = new Pass(this, "StartPollingAccount", new PassProps { Result = Result.FromObject(new Dictionary<string, object> { ["count"] = 0 }), ResultPath = "$.accountPolls" });
        var waitForAccount = new Wait(this, "WaitForAccount", new WaitProps { Time = WaitTime.Duration(Duration.Seconds(AccountPollSeconds)) });
        var describeAccount = Transient(Organizations("DescribeCreateAccountStatus", "describeCreateAccountStatus", new Dictionary<string, object>
        {
            ["CreateAccountRequestId.$"] = "$.createAccount.CreateAccountStatus.Id",
        }, "$.createAccount"));
        OnError(describeAccount, failures.CreateAccount);
        var countAccountPoll = Count("CountAccountPoll", "$.accountPolls");
        var releaseRejectedClaim = Transient(new DynamoDeleteItem(this, "ReleaseRejectedClaim", new DynamoDeleteItemProps
        {
            Table = Registry,
            Key = TenantKey(),
            ConditionExpression = "attribute_not_exists(accountId)",
            ResultPath = JsonPath.DISCARD,
        }));
        releaseRejectedClaim.Next(failures.CreateAccountRejected);
        releaseRejectedClaim.AddCatch(failures.CreateAccountRejected, new CatchProps { ResultPath = "$.releaseError" });
        var accountState = "$.createAccount.CreateAccountStatus.State";
        var accountCreated = new Choice(this, "AccountCreated?");

        var recordAccount = Transient(new DynamoUpdateItem(this, "RecordAccount", new DynamoUpdateItemProps
        {
            Table = Registry,
            Key = TenantKey(),
            UpdateExpression = "SET accountId = :account, #status = :created",
            ExpressionAttributeNames = new Dictionary<string, string> { ["#status"] = "status" },
            ExpressionAttributeValues = new Dictionary<string, DynamoAttributeValue>
            {
                [":account"] = DynamoAttributeValue.FromString(JsonPath.StringAt("$.createAccount.CreateAccountStatus.AccountId")),
                [":created"] = DynamoAttributeValue.FromString("ACCOUNT_CREATED"),
            },
            ResultPath = JsonPath.DISCARD,
        }));
        OnError(recordAccount, failures.Registration);
        var useCreatedAccount = new Pass(this, "UseCreatedAccount", new PassProps
        {
            Parameters = new Dictionary<string, object> { ["id"] = JsonPath.StringAt("$.createAccount.CreateAccountStatus.AccountId") },
            ResultPath = "$.account",
        });

        createAccount.Next(recordRequest);
        lookUp.Found.Next(recordRequest);
        recordRequest.Next(startPolling);
        startPolling.Next(waitForAccount);
        waitForAccount.Next(describeAccount);
        describeAccount.Next(countAccountPoll);
        countAccountPoll.Next(accountCreated
            .When(Condition.StringEquals(accountState, "SUCCEEDED"), recordAccount)
            .When(Condition.StringEquals(accountState, "FAILED"), releaseRejectedClaim)
            .When(Condition.NumberGreaterThanEquals("$.accountPolls.count", AccountCreationPolls), failures.CreateAccountTimedOut)
            .Otherwise(waitForAccount));
        recordAccount.Next(useCreatedAccount);
        useCreatedAccount.Next(place);
        return new AccountCreation(createAccount, startPolling);
    }

    /// <summary>
    /// After an ambiguous CreateAccount failure: let the request settle, then page through the organization's account
    /// requests in progress or succeeded for this one (<see cref="AccountRequestMatchExpression"/>). Found, its id is
    /// recorded and waited for like a fresh one; not found on any page, nothing was created and the claim is released
    /// (<paramref name="releaseClaim"/>); pages left after <see cref="AccountRequestLookupPages"/>, vending stops with the
    /// claim kept, so a repeat cannot request a second account.
    /// </summary>
    private AccountRequestLookUp LookUpAccountRequest(IChainable releaseClaim, FailureEnds failures)
    {
        var settle = new Wait(this, "LetAccountRequestSettle", new WaitProps { Time = WaitTime.Duration(Duration.Seconds(30)) });
        var firstPage = Transient(Organizations("ListAccountRequests", "listCreateAccountStatus", new Dictionary<string, object>
        {
            ["States"] = new[] { "IN_PROGRESS", "SUCCEEDED" },
        }, "$.accountRequests"));
        var nextPage = Transient(Organizations("ListMoreAccountRequests", "listCreateAccountStatus", new Dictionary<string, object>
        {
            ["States"] = new[] { "IN_PROGRESS", "SUCCEEDED" },
            ["NextToken.$"] = "$.accountLookup.nextToken",
        }, "$.accountRequests"));
        OnError(firstPage, failures.CreateAccountUnresolved);
        OnError(nextPage, failures.CreateAccountUnresolved);
        var match = Jsonata("MatchAccountRequest", "Looks for this request's account on the page.", AccountRequestMatchExpression);
        var found = new Pass(this, "AccountRequestFound");

        settle.Next(firstPage);
        firstPage.Next(match);
        nextPage.Next(match);
        match.Next(new Choice(this, "AccountRequestFound?")
            .When(Condition.BooleanEquals("$.accountLookup.found", true), found)
            .When(Condition.And(Condition.IsPresent("$.accountLookup.nextToken"), Condition.NumberLessThan("$.accountLookup.pages", AccountRequestLookupPages)), nextPage)
            .When(Condition.IsPresent("$.accountLookup.nextToken"), failures.CreateAccountUnresolved)
            .Otherwise(releaseClaim));
        return new AccountRequestLookUp(settle, found);
    }

    /// <summary>The look-up's entry and the state it reaches when the request is found.</summary>
    private sealed record AccountRequestLookUp(IChainable Start, Pass Found);

    /// <summary>Where the create part is entered: a new request, or waiting for a request an earlier execution made.</summary>
    private sealed record AccountCreation(IChainable Start, IChainable WaitForAccount);
}
