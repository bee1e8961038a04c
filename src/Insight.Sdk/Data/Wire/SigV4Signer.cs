using System.Buffers;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Amazon.Runtime;

namespace Insight.Sdk.Data.Wire;

/// <summary>
/// AWS Signature Version 4 for one region and service (header signing, <c>AWS4-HMAC-SHA256</c>). The AWS SDK's own
/// signer works on its internal request objects and builds the canonical request in strings and sorted dictionaries;
/// this one writes it as UTF-8 into a pooled buffer, hashes on the stack, and derives the signing key once a day.
/// Proven on AWS's published SigV4 test suite (tests/Insight.Sdk.Tests/Wire/SigV4Vectors).
/// </summary>
public sealed class SigV4Signer
{
    /// <summary>The signing algorithm, as the Authorization header and the string to sign name it.</summary>
    public const string Algorithm = "AWS4-HMAC-SHA256";

    /// <summary>SHA-256 of an empty body, the payload hash of a request without one.</summary>
    public const string EmptyPayloadHash = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";

    private const string DateFormat = "yyyyMMdd'T'HHmmss'Z'";

    // The key depends only on the secret, the day, the region and the service: derived once a day, not per request.
    private SigningKey? _key;

    /// <summary>Creates a signer for <paramref name="service"/> (<c>dynamodb</c>) in <paramref name="region"/>.</summary>
    public SigV4Signer(string region, string service)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(region);
        ArgumentException.ThrowIfNullOrWhiteSpace(service);
        Region = region;
        Service = service;
    }

    /// <summary>The region in the credential scope.</summary>
    public string Region { get; }

    /// <summary>The service in the credential scope.</summary>
    public string Service { get; }

    /// <summary>
    /// Signs a request described in full. Its canonical form is built here as SigV4 specifies: header names lower-cased
    /// and sorted, values trimmed with inner runs of whitespace folded to one space, repeated headers joined with
    /// commas in their order, the path normalised (unless <see cref="SigV4Request.NormalizePath"/> is off) and
    /// percent-encoded, the query's parameters encoded and sorted. <c>x-amz-date</c>, the session token (unless
    /// omitted) and, when asked, <c>x-amz-content-sha256</c> are added and signed; <see cref="SigV4Signature.Headers"/>
    /// lists what the request must carry besides its own headers.
    /// </summary>
    public SigV4Signature Sign(SigV4Request request, ImmutableCredentials credentials, DateTime signedAt)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(credentials);
        var amzDate = FormatDate(signedAt);
        var payloadHash = Hex(SHA256.HashData(request.Body.Span));

        var added = new List<KeyValuePair<string, string>>(3) { new("X-Amz-Date", amzDate) };
        if (request.SignPayloadHeader)
        {
            added.Add(new("X-Amz-Content-SHA256", payloadHash));
        }

        if (credentials.UseToken && !request.OmitSessionToken)
        {
            added.Add(new("X-Amz-Security-Token", credentials.Token));
        }

        var headers = CanonicalHeaders(request.Headers.Concat(added));
        var signedHeaders = string.Join(';', headers.Select(h => h.Name));
        var uri = CanonicalUri(request.Path, request.NormalizePath);
        var query = CanonicalQuery(request.Query);

        var buffer = ArrayPool<byte>.Shared.Rent(CanonicalRequestLength(request.Method, uri, query, headers, signedHeaders));
        try
        {
            var length = WriteCanonicalRequest(buffer, request.Method, uri, query, headers, signedHeaders, payloadHash);
            var canonicalRequest = Encoding.UTF8.GetString(buffer, 0, length);
            Span<char> signature = stackalloc char[64];
            var stringToSign = ComputeSignature(buffer.AsSpan(0, length), credentials, amzDate, signature);
            var signatureText = signature.ToString();
            return new SigV4Signature(canonicalRequest, stringToSign, signatureText,
                Authorization(credentials.AccessKey, amzDate, signedHeaders, signature), added);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    /// <summary>
    /// The fast path for requests whose canonical headers the caller already holds (lower-case names in order, values
    /// without surrounding or repeated whitespace), such as DynamoDB's JSON requests: path <c>/</c>, no query.
    /// Returns the Authorization header's value.
    /// </summary>
    internal string SignCanonical(
        string method, ReadOnlySpan<(string Name, string Value)> headers, string signedHeaders, ReadOnlySpan<byte> payloadHashHex,
        ImmutableCredentials credentials, string amzDate)
    {
        // method \n / \n \n (headers) \n signed \n hash: six separators besides the headers' own.
        var length = method.Length + 6 + signedHeaders.Length + payloadHashHex.Length;
        foreach (var (name, value) in headers)
        {
            length += name.Length + 2 + Encoding.UTF8.GetMaxByteCount(value.Length);
        }

        var buffer = ArrayPool<byte>.Shared.Rent(length);
        try
        {
            var written = WriteCanonicalRequest(buffer, method, "/", "", headers, signedHeaders, payloadHashHex);
            Span<char> signature = stackalloc char[64];
            ComputeSignature(buffer.AsSpan(0, written), credentials, amzDate, signature, captureStringToSign: false);
            return Authorization(credentials.AccessKey, amzDate, signedHeaders, signature);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    /// <summary>The <c>x-amz-date</c> value for <paramref name="signedAt"/>: <c>20150830T123600Z</c>.</summary>
    public static string FormatDate(DateTime signedAt) =>
        signedAt.ToUniversalTime().ToString(DateFormat, CultureInfo.InvariantCulture);

    /// <summary>Writes the lower-case hex of <paramref name="bytes"/> into <paramref name="destination"/> (UTF-8).</summary>
    internal static void WriteHex(ReadOnlySpan<byte> bytes, Span<byte> destination)
    {
        for (var i = 0; i < bytes.Length; i++)
        {
            destination[2 * i] = (byte)HexDigits[bytes[i] >> 4];
            destination[(2 * i) + 1] = (byte)HexDigits[bytes[i] & 0xF];
        }
    }

    private const string HexDigits = "0123456789abcdef";

    private static string Hex(ReadOnlySpan<byte> bytes) => Convert.ToHexStringLower(bytes);

    private static int CanonicalRequestLength(string method, string uri, string query, List<(string Name, string Value)> headers, string signedHeaders) =>
        method.Length + uri.Length + query.Length + signedHeaders.Length + 64 + 8
        + headers.Sum(h => h.Name.Length + 2 + Encoding.UTF8.GetMaxByteCount(h.Value.Length));

    /// <summary>
    /// method \n uri \n query \n (name:value \n)* \n signed-headers \n payload-hash — the canonical request, in UTF-8.
    /// </summary>
    private static int WriteCanonicalRequest(
        Span<byte> buffer, string method, string uri, string query, ReadOnlySpan<(string Name, string Value)> headers, string signedHeaders, ReadOnlySpan<byte> payloadHashHex)
    {
        var at = 0;
        at += Encoding.ASCII.GetBytes(method, buffer[at..]);
        buffer[at++] = (byte)'\n';
        at += Encoding.UTF8.GetBytes(uri, buffer[at..]);
        buffer[at++] = (byte)'\n';
        at += Encoding.UTF8.GetBytes(query, buffer[at..]);
        buffer[at++] = (byte)'\n';
        foreach (var (name, value) in headers)
        {
            at += Encoding.ASCII.GetBytes(name, buffer[at..]);
            buffer[at++] = (byte)':';
            at += Encoding.UTF8.GetBytes(value, buffer[at..]);
            buffer[at++] = (byte)'\n';
        }

        buffer[at++] = (byte)'\n';
        at += Encoding.ASCII.GetBytes(signedHeaders, buffer[at..]);
        buffer[at++] = (byte)'\n';
        payloadHashHex.CopyTo(buffer[at..]);
        return at + payloadHashHex.Length;
    }

    private static int WriteCanonicalRequest(
        Span<byte> buffer, string method, string uri, string query, List<(string Name, string Value)> headers, string signedHeaders, string payloadHash)
    {
        Span<byte> hash = stackalloc byte[64];
        Encoding.ASCII.GetBytes(payloadHash, hash);
        return WriteCanonicalRequest(buffer, method, uri, query, System.Runtime.InteropServices.CollectionsMarshal.AsSpan(headers), signedHeaders, hash);
    }

    /// <summary>
    /// Hashes the canonical request into the string to sign and signs that with the day's key; writes the hex signature
    /// into <paramref name="signature"/> and returns the string to sign when asked (for tests and the general path).
    /// </summary>
    private string ComputeSignature(ReadOnlySpan<byte> canonicalRequest, ImmutableCredentials credentials, string amzDate, Span<char> signature, bool captureStringToSign = true)
    {
        Span<byte> hash = stackalloc byte[32];
        SHA256.HashData(canonicalRequest, hash);

        // AWS4-HMAC-SHA256 \n date \n yyyyMMdd/region/service/aws4_request \n hex(hash)
        var length = Algorithm.Length + 1 + amzDate.Length + 1 + 8 + 1 + Region.Length + 1 + Service.Length + 13 + 1 + 64;
        byte[]? rented = null;
        var stringToSign = length <= 512 ? stackalloc byte[length] : (rented = ArrayPool<byte>.Shared.Rent(length)).AsSpan(0, length);
        try
        {
            var at = Encoding.ASCII.GetBytes(Algorithm, stringToSign);
            stringToSign[at++] = (byte)'\n';
            at += Encoding.ASCII.GetBytes(amzDate, stringToSign[at..]);
            stringToSign[at++] = (byte)'\n';
            at += WriteScope(amzDate, stringToSign[at..]);
            stringToSign[at++] = (byte)'\n';
            WriteHex(hash, stringToSign[at..]);

            Span<byte> mac = stackalloc byte[32];
            HMACSHA256.HashData(KeyFor(credentials.SecretKey, amzDate), stringToSign, mac);
            for (var i = 0; i < 32; i++)
            {
                signature[2 * i] = HexDigits[mac[i] >> 4];
                signature[(2 * i) + 1] = HexDigits[mac[i] & 0xF];
            }

            return captureStringToSign ? Encoding.ASCII.GetString(stringToSign) : "";
        }
        finally
        {
            if (rented is not null)
            {
                ArrayPool<byte>.Shared.Return(rented);
            }
        }
    }

    /// <summary>yyyyMMdd/region/service/aws4_request</summary>
    private int WriteScope(string amzDate, Span<byte> destination)
    {
        var at = Encoding.ASCII.GetBytes(amzDate.AsSpan(0, 8), destination);
        destination[at++] = (byte)'/';
        at += Encoding.ASCII.GetBytes(Region, destination[at..]);
        destination[at++] = (byte)'/';
        at += Encoding.ASCII.GetBytes(Service, destination[at..]);
        at += Encoding.ASCII.GetBytes("/aws4_request", destination[at..]);
        return at;
    }

    /// <summary>kSigning = HMAC(HMAC(HMAC(HMAC("AWS4" + secret, date), region), service), "aws4_request"), cached for the day.</summary>
    private byte[] KeyFor(string secretKey, string amzDate)
    {
        var day = amzDate.AsSpan(0, 8);
        if (_key is { } cached && ReferenceEquals(cached.Secret, secretKey) && day.SequenceEqual(cached.Day))
        {
            return cached.Key;
        }

        var secret = Encoding.UTF8.GetBytes("AWS4" + secretKey);
        Span<byte> key = stackalloc byte[32];
        HMACSHA256.HashData(secret, Encoding.ASCII.GetBytes(day.ToString()), key);
        HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(Region), key);
        HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(Service), key);
        HMACSHA256.HashData(key, "aws4_request"u8, key);
        CryptographicOperations.ZeroMemory(secret);
        var derived = key.ToArray();
        _key = new SigningKey(secretKey, day.ToString(), derived);
        return derived;
    }

    private string Authorization(string accessKey, string amzDate, string signedHeaders, ReadOnlySpan<char> signature) =>
        $"{Algorithm} Credential={accessKey}/{amzDate.AsSpan(0, 8)}/{Region}/{Service}/aws4_request, SignedHeaders={signedHeaders}, Signature={signature}";

    /// <summary>Lower-cased, trimmed, folded, repeated names joined with commas in their order, sorted by name.</summary>
    private static List<(string Name, string Value)> CanonicalHeaders(IEnumerable<KeyValuePair<string, string>> headers)
    {
        var byName = new SortedDictionary<string, List<string>>(StringComparer.Ordinal);
        foreach (var (name, value) in headers)
        {
            var key = name.Trim().ToLowerInvariant();
            if (!byName.TryGetValue(key, out var values))
            {
                byName[key] = values = [];
            }

            values.Add(FoldWhitespace(value));
        }

        return [.. byName.Select(pair => (pair.Key, string.Join(',', pair.Value)))];
    }

    /// <summary>Trims the value and turns every run of spaces, tabs and line breaks (a folded header) into one space.</summary>
    private static string FoldWhitespace(string value)
    {
        var builder = new StringBuilder(value.Length);
        var pendingSpace = false;
        foreach (var c in value.AsSpan().Trim())
        {
            if (c is ' ' or '\t' or '\r' or '\n')
            {
                pendingSpace = true;
                continue;
            }

            if (pendingSpace)
            {
                builder.Append(' ');
                pendingSpace = false;
            }

            builder.Append(c);
        }

        return builder.ToString();
    }

    /// <summary>The path, normalised (dot segments resolved, empty segments dropped) when asked, each segment percent-encoded.</summary>
    internal static string CanonicalUri(string path, bool normalize)
    {
        if (string.IsNullOrEmpty(path))
        {
            return "/";
        }

        var segments = path.Split('/');
        if (normalize)
        {
            var kept = new List<string>(segments.Length);
            foreach (var segment in segments)
            {
                switch (segment)
                {
                    case "" or ".":
                        break;
                    case "..":
                        if (kept.Count > 0)
                        {
                            kept.RemoveAt(kept.Count - 1);
                        }

                        break;
                    default:
                        kept.Add(segment);
                        break;
                }
            }

            var trailingSlash = kept.Count > 0 && path.EndsWith('/');
            return "/" + string.Join('/', kept.Select(UriEncode)) + (trailingSlash ? "/" : "");
        }

        return string.Join('/', segments.Select(UriEncode));
    }

    /// <summary>Parameters decoded, then encoded as SigV4 does, sorted by name and then value; <c>a=1&amp;b=</c>.</summary>
    internal static string CanonicalQuery(string query)
    {
        if (string.IsNullOrEmpty(query))
        {
            return "";
        }

        var parameters = new List<(string Name, string Value)>();
        foreach (var part in query.TrimStart('?').Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            var equals = part.IndexOf('=', StringComparison.Ordinal);
            var name = equals < 0 ? part : part[..equals];
            var value = equals < 0 ? "" : part[(equals + 1)..];
            parameters.Add((UriEncode(Uri.UnescapeDataString(name)), UriEncode(Uri.UnescapeDataString(value))));
        }

        parameters.Sort(static (a, b) => string.CompareOrdinal(a.Name, b.Name) is var byName and not 0 ? byName : string.CompareOrdinal(a.Value, b.Value));
        return string.Join('&', parameters.Select(p => p.Name + "=" + p.Value));
    }

    /// <summary>RFC 3986 encoding as SigV4 wants it: unreserved characters stay, every other UTF-8 byte becomes %XX (upper case).</summary>
    internal static string UriEncode(string value)
    {
        var builder = new StringBuilder(value.Length);
        Span<byte> utf8 = stackalloc byte[4];
        foreach (var rune in value.EnumerateRunes())
        {
            if (rune.IsAscii && (char.IsAsciiLetterOrDigit((char)rune.Value) || rune.Value is '-' or '.' or '_' or '~'))
            {
                builder.Append((char)rune.Value);
                continue;
            }

            var length = rune.EncodeToUtf8(utf8);
            foreach (var b in utf8[..length])
            {
                builder.Append('%').Append(b.ToString("X2", CultureInfo.InvariantCulture));
            }
        }

        return builder.ToString();
    }

    private sealed record SigningKey(string Secret, string Day, byte[] Key);
}

/// <summary>A request to sign with <see cref="SigV4Signer.Sign"/>.</summary>
/// <param name="Method">The HTTP method: <c>POST</c>.</param>
/// <param name="Path">The path as the service reads it, not yet percent-encoded: <c>/</c>, <c>/example space/</c>.</param>
/// <param name="Query">The query string, without <c>?</c>; its parameters may be percent-encoded.</param>
/// <param name="Headers">The headers the request carries (the host among them), in any case and order.</param>
/// <param name="Body">The body, hashed into the signature.</param>
public sealed record SigV4Request(string Method, string Path, string Query, IReadOnlyList<KeyValuePair<string, string>> Headers, ReadOnlyMemory<byte> Body)
{
    /// <summary>Resolve <c>.</c> and <c>..</c> and drop empty segments before encoding (every service but S3).</summary>
    public bool NormalizePath { get; init; } = true;

    /// <summary>Add and sign <c>x-amz-content-sha256</c> (S3 needs it; DynamoDB does not).</summary>
    public bool SignPayloadHeader { get; init; }

    /// <summary>Leave the session token out of the signature (it is added after signing).</summary>
    public bool OmitSessionToken { get; init; }
}

/// <summary>The result of signing: the intermediate forms (to compare with AWS's test suite) and what the request must carry.</summary>
/// <param name="CanonicalRequest">The canonical request that was hashed.</param>
/// <param name="StringToSign">The string that was signed.</param>
/// <param name="Signature">The signature, lower-case hex.</param>
/// <param name="Authorization">The Authorization header's value.</param>
/// <param name="Headers">The headers the signer added (<c>X-Amz-Date</c>, perhaps the session token and payload hash).</param>
public sealed record SigV4Signature(string CanonicalRequest, string StringToSign, string Signature, string Authorization, IReadOnlyList<KeyValuePair<string, string>> Headers);
