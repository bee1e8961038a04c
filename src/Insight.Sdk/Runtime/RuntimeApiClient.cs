using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Reflection;
using System.Runtime.InteropServices;
using System.Text.Json;
using Insight.Sdk.Serialization;

namespace Insight.Sdk.Runtime;

/// <summary>
/// Client of the Lambda Runtime API (version 2018-06-01): fetches invocations and posts their outcome.
/// The endpoint comes from <c>AWS_LAMBDA_RUNTIME_API</c>.
/// </summary>
public sealed class RuntimeApiClient : IDisposable
{
    private const string ErrorTypeHeader = "Lambda-Runtime-Function-Error-Type";
    private static readonly MediaTypeHeaderValue Json = new("application/json");

    private readonly HttpMessageInvoker _http;
    private readonly Uri _next;
    private readonly Uri _initError;
    private readonly string _invocationBase;

    /// <summary>Creates a client for <paramref name="runtimeApi"/> (<c>host:port</c>).</summary>
    public RuntimeApiClient(string runtimeApi)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(runtimeApi);
        var root = $"http://{runtimeApi}/2018-06-01/runtime/";
        _next = new Uri(root + "invocation/next");
        _initError = new Uri(root + "init/error");
        _invocationBase = root + "invocation/";

        // Straight to the handler rather than through HttpClient, which on every call would link a cancellation source,
        // copy its default headers into the request and buffer the body before handing it over. No timeout either way:
        // /next blocks until an invocation arrives, which may be hours for an idle function. The Runtime API sets no
        // cookies and never redirects, and a trace header on its calls would trace nothing: those stages are left out.
        _http = new HttpMessageInvoker(new SocketsHttpHandler
        {
            UseProxy = false,
            PooledConnectionIdleTimeout = Timeout.InfiniteTimeSpan,
            UseCookies = false,
            AllowAutoRedirect = false,
            ActivityHeadersPropagator = null,
        });
    }

    /// <summary>
    /// What every Runtime API request says about its client, <c>insight-sdk/0.1.0 (linux; arm64)</c>: which runtime, which
    /// release of it and which architecture, so a Runtime API log tells SDK releases and Graviton from x86 apart.
    /// </summary>
    public static string UserAgent { get; } = BuildUserAgent();

    private static string BuildUserAgent()
    {
        var version = typeof(RuntimeApiClient).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion
            ?? typeof(RuntimeApiClient).Assembly.GetName().Version?.ToString(3) ?? "0.0.0";
        var plus = version.IndexOf('+', StringComparison.Ordinal);
        var os = OperatingSystem.IsLinux() ? "linux" : OperatingSystem.IsMacOS() ? "macos" : OperatingSystem.IsWindows() ? "windows" : "other";
        var architecture = RuntimeInformation.ProcessArchitecture.ToString().ToLowerInvariant();
        return $"insight-sdk/{(plus > 0 ? version[..plus] : version)} ({os}; {architecture})";
    }

    /// <summary>Waits for the next invocation.</summary>
    /// <exception cref="RuntimeApiException">The Runtime API answered with an error; the runtime must exit.</exception>
    public async Task<LambdaInvocation> GetNextInvocationAsync(CancellationToken cancellationToken = default)
    {
        using var request = Request(HttpMethod.Get, _next);
        using var response = await _http.SendAsync(request, cancellationToken).ConfigureAwait(false);
        if (response.StatusCode != HttpStatusCode.OK)
        {
            throw await RuntimeApiException.FromResponseAsync("GET /runtime/invocation/next", response).ConfigureAwait(false);
        }

        var headers = response.Headers;
        var requestId = Header(headers, "Lambda-Runtime-Aws-Request-Id")
            ?? throw new RuntimeApiException("GET /runtime/invocation/next", (int)response.StatusCode, "the response has no Lambda-Runtime-Aws-Request-Id header");
        var deadline = long.TryParse(Header(headers, "Lambda-Runtime-Deadline-Ms"), NumberStyles.None, CultureInfo.InvariantCulture, out var ms)
            ? DateTimeOffset.FromUnixTimeMilliseconds(ms)
            : DateTimeOffset.UtcNow.AddMinutes(15);
        var payload = await ReadPayloadAsync(response.Content, cancellationToken).ConfigureAwait(false);

        return new LambdaInvocation(
            requestId,
            deadline,
            Header(headers, "Lambda-Runtime-Invoked-Function-Arn") ?? "",
            Header(headers, "Lambda-Runtime-Trace-Id"),
            Header(headers, "Lambda-Runtime-Client-Context"),
            Header(headers, "Lambda-Runtime-Cognito-Identity"),
            Header(headers, "Lambda-Runtime-Aws-Tenant-Id"),
            payload);
    }

    /// <summary>Posts the function's result for <paramref name="requestId"/>.</summary>
    public async Task PostResponseAsync(string requestId, ReadOnlyMemory<byte> body, CancellationToken cancellationToken = default)
    {
        using var content = new ReadOnlyMemoryContent(body);
        content.Headers.ContentType = Json;
        using var request = Request(HttpMethod.Post, InvocationUri(requestId, "response"), content);
        using var response = await _http.SendAsync(request, cancellationToken).ConfigureAwait(false);
        if (response.StatusCode != HttpStatusCode.Accepted)
        {
            throw await RuntimeApiException.FromResponseAsync("POST /runtime/invocation/{id}/response", response).ConfigureAwait(false);
        }
    }

    /// <summary>Reports that the invocation <paramref name="requestId"/> failed.</summary>
    public Task PostInvocationErrorAsync(string requestId, RuntimeErrorPayload error, CancellationToken cancellationToken = default) =>
        PostErrorAsync(InvocationUri(requestId, "error"), "POST /runtime/invocation/{id}/error", error, cancellationToken);

    /// <summary>Reports that the function could not initialise; Lambda then ends the execution environment.</summary>
    public Task PostInitErrorAsync(RuntimeErrorPayload error, CancellationToken cancellationToken = default) =>
        PostErrorAsync(_initError, "POST /runtime/init/error", error, cancellationToken);

    /// <inheritdoc/>
    public void Dispose() => _http.Dispose();

    private async Task PostErrorAsync(Uri uri, string operation, RuntimeErrorPayload error, CancellationToken cancellationToken)
    {
        using var content = new ByteArrayContent(JsonSerializer.SerializeToUtf8Bytes(error, InsightJsonContext.Default.RuntimeErrorPayload));
        content.Headers.ContentType = Json;
        using var request = Request(HttpMethod.Post, uri, content);
        request.Headers.TryAddWithoutValidation(ErrorTypeHeader, error.ErrorType);
        using var response = await _http.SendAsync(request, cancellationToken).ConfigureAwait(false);
        if (response.StatusCode != HttpStatusCode.Accepted)
        {
            throw await RuntimeApiException.FromResponseAsync(operation, response).ConfigureAwait(false);
        }
    }

    private static HttpRequestMessage Request(HttpMethod method, Uri uri, HttpContent? content = null)
    {
        var request = new HttpRequestMessage(method, uri) { Content = content };
        request.Headers.TryAddWithoutValidation("User-Agent", UserAgent);
        return request;
    }

    /// <summary>
    /// The payload, read straight into an array of the length the Runtime API announces (HttpClient would buffer it and
    /// then copy it out). A connection that breaks mid-payload is an <see cref="HttpRequestException"/>, as it was when
    /// HttpClient read the body: the loop treats it as a failing Runtime API.
    /// </summary>
    private static async Task<byte[]> ReadPayloadAsync(HttpContent content, CancellationToken cancellationToken)
    {
        try
        {
            if (content.Headers.ContentLength is not { } length || length > Array.MaxLength)
            {
                return await content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false);
            }

            if (length == 0)
            {
                return [];
            }

            var payload = new byte[length];
            var body = await content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
            await using (body.ConfigureAwait(false))
            {
                await body.ReadExactlyAsync(payload, cancellationToken).ConfigureAwait(false);
            }

            return payload;
        }
        catch (IOException exception)
        {
            throw new HttpRequestException(HttpRequestError.ResponseEnded, $"The Runtime API's invocation ended before its payload did: {exception.Message}", exception);
        }
    }

    private Uri InvocationUri(string requestId, string outcome) =>
        new(_invocationBase + Uri.EscapeDataString(requestId) + "/" + outcome);

    // The headers as received, without parsing them into typed header values: TryGetValues on the validated collection
    // would parse and cache each one and allocate an array per lookup, seven times per invocation.
    private static string? Header(HttpResponseHeaders headers, string name) =>
        headers.NonValidated.TryGetValues(name, out var values) && values.Count > 0 ? FirstOf(values) : null;

    private static string FirstOf(HeaderStringValues values)
    {
        foreach (var value in values)
        {
            return value;
        }

        return "";
    }
}

/// <summary>The Runtime API refused a call. After this the runtime cannot go on and exits.</summary>
public sealed class RuntimeApiException(string operation, int statusCode, string detail)
    : Exception($"{operation} answered {statusCode}: {detail}")
{
    /// <summary>The HTTP status the Runtime API answered.</summary>
    public int StatusCode { get; } = statusCode;

    internal static async Task<RuntimeApiException> FromResponseAsync(string operation, HttpResponseMessage response)
    {
        var body = await response.Content.ReadAsStringAsync().ConfigureAwait(false);
        return new RuntimeApiException(operation, (int)response.StatusCode, body.Length > 512 ? body[..512] : body);
    }
}
