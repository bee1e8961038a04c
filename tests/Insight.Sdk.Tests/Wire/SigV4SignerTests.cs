using System.Globalization;
using System.Text;
using System.Text.Json;
using Amazon.Runtime;
using Amazon.Runtime.Internal.Auth;
using Insight.Sdk.Data.Wire;

namespace Insight.Sdk.Tests.Wire;

/// <summary>
/// The signer against AWS's published Signature Version 4 test suite (SigV4Vectors/README.md): for every case, the
/// canonical request, the string to sign and the signature must be the suite's, byte for byte.
/// </summary>
public sealed class SigV4SignerTests
{
    private static readonly string VectorRoot = Path.Combine(TestRepository.Root, "tests", "Insight.Sdk.Tests", "Wire", "SigV4Vectors");

    public static TheoryData<string> Vectors()
    {
        var data = new TheoryData<string>();
        foreach (var folder in Directory.GetDirectories(VectorRoot).Order(StringComparer.Ordinal))
        {
            data.Add(Path.GetFileName(folder));
        }

        return data;
    }

    [Fact]
    public void The_whole_suite_is_present()
    {
        // A vector folder lost in a merge would silently shrink the theory; the suite has 38 header-signing cases.
        Assert.Equal(38, Vectors().Count);
    }

    [Theory]
    [MemberData(nameof(Vectors))]
    public void Signs_as_the_aws_test_suite_expects(string vector)
    {
        var folder = Path.Combine(VectorRoot, vector);
        var context = VectorContext.Read(Path.Combine(folder, "context.json"));
        var request = ParseRequest(File.ReadAllBytes(Path.Combine(folder, "request.txt"))) with
        {
            NormalizePath = context.Normalize,
            SignPayloadHeader = context.SignBody,
            OmitSessionToken = context.OmitSessionToken,
        };

        var signature = new SigV4Signer(context.Region, context.Service).Sign(request, context.Credentials, context.Timestamp);

        Assert.Equal(File.ReadAllText(Path.Combine(folder, "header-canonical-request.txt")), signature.CanonicalRequest);
        Assert.Equal(File.ReadAllText(Path.Combine(folder, "header-string-to-sign.txt")), signature.StringToSign);
        Assert.Equal(File.ReadAllText(Path.Combine(folder, "header-signature.txt")), signature.Signature);
        Assert.Equal(
            $"AWS4-HMAC-SHA256 Credential={context.Credentials.AccessKey}/20150830/{context.Region}/{context.Service}/aws4_request, "
            + $"SignedHeaders={signature.CanonicalRequest.Split('\n')[^2]}, Signature={signature.Signature}",
            signature.Authorization);
    }

    [Fact]
    public void The_session_token_is_signed_and_sent_unless_it_is_omitted()
    {
        var credentials = new ImmutableCredentials("AKIDEXAMPLE", "secret", "the-token");
        var request = new SigV4Request("POST", "/", "", [new("Host", "example.amazonaws.com")], ReadOnlyMemory<byte>.Empty);
        var signer = new SigV4Signer("us-east-1", "service");
        var at = new DateTime(2015, 8, 30, 12, 36, 0, DateTimeKind.Utc);

        var signed = signer.Sign(request, credentials, at);
        var omitted = signer.Sign(request with { OmitSessionToken = true }, credentials, at);

        Assert.Contains("x-amz-security-token:the-token\n", signed.CanonicalRequest, StringComparison.Ordinal);
        Assert.Contains(signed.Headers, h => h.Key == "X-Amz-Security-Token" && h.Value == "the-token");
        Assert.DoesNotContain("x-amz-security-token", omitted.CanonicalRequest, StringComparison.Ordinal);
        Assert.DoesNotContain(omitted.Headers, h => h.Key == "X-Amz-Security-Token");
        Assert.NotEqual(signed.Signature, omitted.Signature);
    }

    [Fact]
    public void The_signature_of_a_canonical_request_is_the_one_the_aws_sdk_computes()
    {
        // AWSSDK.Core's own signer, given our canonical request of a DynamoDB call, derives the same key and signature:
        // the string to sign and the key derivation agree with the SDK as well as with the suite.
        var credentials = new ImmutableCredentials("AKIDEXAMPLE", "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY", "session");
        var at = new DateTime(2026, 12, 1, 17, 30, 5, DateTimeKind.Utc);
        var body = """{"TableName":"scans","Key":{"pk":{"S":"a"}}}"""u8.ToArray();
        var request = new SigV4Request("POST", "/", "",
        [
            new("Content-Type", "application/x-amz-json-1.0"), new("Host", "dynamodb.eu-central-1.amazonaws.com"),
            new("X-Amz-Target", "DynamoDB_20120810.GetItem"),
        ], body);

        var ours = new SigV4Signer("eu-central-1", "dynamodb").Sign(request, credentials, at);
        var sdk = AWS4Signer.ComputeSignature(credentials, "eu-central-1", at, "dynamodb",
            "content-type;host;x-amz-date;x-amz-security-token;x-amz-target", ours.CanonicalRequest);

        Assert.Equal(sdk.Signature, ours.Signature);
        Assert.Equal(sdk.ForAuthorizationHeader, ours.Authorization);
    }

    [Theory]
    [InlineData("/a b/ü", false, "/a%20b/%C3%BC")]
    [InlineData("/a/./b/../c//", true, "/a/c/")]
    [InlineData("/a/./b/../c//", false, "/a/./b/../c//")]
    [InlineData("", true, "/")]
    public void Paths_are_normalised_when_asked_and_always_encoded(string path, bool normalize, string expected)
    {
        var request = new SigV4Request("GET", path, "b=2&a=%2F&a=1", [new("Host", "h")], ReadOnlyMemory<byte>.Empty) { NormalizePath = normalize };

        var lines = new SigV4Signer("r", "s").Sign(request, new ImmutableCredentials("k", "s", null), DateTime.UnixEpoch).CanonicalRequest.Split('\n');

        Assert.Equal(expected, lines[1]);
        Assert.Equal("a=%2F&a=1&b=2", lines[2]);
    }

    /// <summary>Reads a raw HTTP request as the suite writes it: folded header lines continue the previous value.</summary>
    private static SigV4Request ParseRequest(byte[] raw)
    {
        var text = Encoding.UTF8.GetString(raw);
        var split = text.IndexOf("\n\n", StringComparison.Ordinal);
        var head = split < 0 ? text : text[..split];
        var body = split < 0 ? "" : text[(split + 2)..];
        var lines = head.Split('\n');

        var requestLine = lines[0];
        var method = requestLine[..requestLine.IndexOf(' ', StringComparison.Ordinal)];
        var target = requestLine[(method.Length + 1)..requestLine.LastIndexOf(" HTTP/", StringComparison.Ordinal)];
        var question = target.IndexOf('?', StringComparison.Ordinal);
        var path = question < 0 ? target : target[..question];
        var query = question < 0 ? "" : target[(question + 1)..];

        var headers = new List<KeyValuePair<string, string>>();
        foreach (var line in lines.Skip(1).Where(l => l.Length > 0))
        {
            if (char.IsWhiteSpace(line[0]))
            {
                var (name, value) = headers[^1];
                headers[^1] = new(name, value + "\n" + line);
                continue;
            }

            var colon = line.IndexOf(':', StringComparison.Ordinal);
            headers.Add(new(line[..colon], line[(colon + 1)..]));
        }

        return new SigV4Request(method, path, query, headers, Encoding.UTF8.GetBytes(body));
    }

    private sealed record VectorContext(ImmutableCredentials Credentials, string Region, string Service, DateTime Timestamp, bool Normalize, bool SignBody, bool OmitSessionToken)
    {
        public static VectorContext Read(string path)
        {
            using var json = JsonDocument.Parse(File.ReadAllText(path));
            var root = json.RootElement;
            var credentials = root.GetProperty("credentials");
            return new VectorContext(
                new ImmutableCredentials(
                    credentials.GetProperty("access_key_id").GetString(),
                    credentials.GetProperty("secret_access_key").GetString(),
                    credentials.TryGetProperty("token", out var token) ? token.GetString() : null),
                root.GetProperty("region").GetString()!,
                root.GetProperty("service").GetString()!,
                DateTime.Parse(root.GetProperty("timestamp").GetString()!, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal),
                root.GetProperty("normalize").GetBoolean(),
                root.GetProperty("sign_body").GetBoolean(),
                root.TryGetProperty("omit_session_token", out var omit) && omit.GetBoolean());
        }
    }
}
