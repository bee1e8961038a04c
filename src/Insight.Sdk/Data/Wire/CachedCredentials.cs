using Amazon.Runtime;
using Amazon.Runtime.Credentials;

namespace Insight.Sdk.Data.Wire;

/// <summary>
/// Credentials from the AWS SDK's own chain (environment, web identity, profile, container and instance metadata),
/// held between calls: asking the chain on every request would copy them each time. Credentials that expire (a role's
/// session) are fetched again <see cref="RefreshBeforeExpiry"/> before they do; credentials that do not say when they
/// expire (Lambda's, from the environment) are read again every <see cref="RereadInterval"/>.
/// </summary>
internal sealed class CachedCredentials(AWSCredentials? source, TimeProvider time)
{
    /// <summary>How long before their expiry credentials are replaced, so no request is signed with ones about to lapse.</summary>
    public static readonly TimeSpan RefreshBeforeExpiry = TimeSpan.FromMinutes(5);

    /// <summary>How long credentials without an expiry are kept before the source is asked again.</summary>
    public static readonly TimeSpan RereadInterval = TimeSpan.FromMinutes(15);

    private AWSCredentials? _source = source;
    private Held? _held;

    /// <summary>Credentials to sign with now.</summary>
    public ValueTask<ImmutableCredentials> GetAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        return _held is { } held && now < held.RefreshAt ? ValueTask.FromResult(held.Credentials) : RefreshAsync(now, cancellationToken);
    }

    private async ValueTask<ImmutableCredentials> RefreshAsync(DateTimeOffset now, CancellationToken cancellationToken)
    {
        // Concurrent refreshes are harmless (each reads the same source); the last one written wins.
        var source = _source ??= await DefaultAWSCredentialsIdentityResolver.GetCredentialsAsync().WaitAsync(cancellationToken).ConfigureAwait(false)
            ?? throw new AmazonClientException("No AWS credentials were found in the environment, profile or instance metadata.");
        var credentials = await source.GetCredentialsAsync().WaitAsync(cancellationToken).ConfigureAwait(false);
        var refreshAt = source.Expiration is { } expiration
            ? new DateTimeOffset(DateTime.SpecifyKind(expiration, DateTimeKind.Utc)) - RefreshBeforeExpiry
            : now + RereadInterval;
        _held = new Held(credentials, refreshAt > now ? refreshAt : now);
        return credentials;
    }

    private sealed record Held(ImmutableCredentials Credentials, DateTimeOffset RefreshAt);
}
