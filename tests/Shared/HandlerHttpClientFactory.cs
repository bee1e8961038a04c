using Amazon.Runtime;

namespace Insight.Testing;

/// <summary>
/// Gives an AWS SDK client an HttpClient over <paramref name="handler"/>, so that the client meets an in-memory DynamoDB
/// (scripted answers in the tests, recorded ones in the benchmarks) through its whole request pipeline.
/// </summary>
internal sealed class HandlerHttpClientFactory(HttpMessageHandler handler) : HttpClientFactory
{
    public override HttpClient CreateHttpClient(IClientConfig clientConfig) => new(handler, disposeHandler: false);

    public override bool UseSDKHttpClientCaching(IClientConfig clientConfig) => true;

    public override bool DisposeHttpClientsAfterUse(IClientConfig clientConfig) => false;
}
