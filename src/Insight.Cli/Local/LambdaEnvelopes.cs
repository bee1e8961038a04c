using Insight.Sdk;
using System.Buffers;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Insight.Sdk.Aws;
using Insight.Sdk.Serialization;

namespace Insight.Cli.Local;

/// <summary>Wraps events and requests the way the AWS services hand them to Lambda in a tenant's account.</summary>
internal static class LambdaEnvelopes
{
    private const string ScanSource = "insight.scanners";

    /// <summary>An EventBridge event from the tenant's bus whose <c>detail</c> is the delivered event.</summary>
    public static byte[] EventBridge(IEventDelivery scan, LocalTenant tenant, string detailType)
    {
        var buffer = new ArrayBufferWriter<byte>(scan.Json.Length + 320);
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteString("version", "0");
            json.WriteString("id", Guid.NewGuid().ToString());
            json.WriteString("detail-type", detailType);
            json.WriteString("source", ScanSource);
            json.WriteString("account", tenant.AccountId);
            json.WriteString("time", scan.ReceivedAt.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture));
            json.WriteString("region", LocalTenant.Region);
            json.WriteStartArray("resources");
            json.WriteEndArray();
            json.WritePropertyName("detail");
            json.WriteRawValue(scan.Json);
            json.WriteEndObject();
        }

        return buffer.WrittenSpan.ToArray();
    }

    /// <summary>A batch from the tenant's queue <paramref name="queueName"/>, one event per message body.</summary>
    public static byte[] Sqs(IEnumerable<(string MessageId, IEventDelivery Scan)> messages, LocalTenant tenant, string queueName)
    {
        var queueArn = $"arn:aws:sqs:{LocalTenant.Region}:{tenant.AccountId}:{queueName}";
        var batch = new SqsEvent
        {
            Records = [.. messages.Select(message => new SqsMessage
            {
                MessageId = message.MessageId,
                ReceiptHandle = Convert.ToBase64String(Encoding.UTF8.GetBytes($"{queueName}/{message.MessageId}")),
                Body = message.Scan.Json,
                Attributes = new Dictionary<string, string>
                {
                    ["ApproximateReceiveCount"] = "1",
                    ["SentTimestamp"] = message.Scan.ReceivedAt.ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture),
                },
                Md5OfBody = Convert.ToHexStringLower(MD5.HashData(Encoding.UTF8.GetBytes(message.Scan.Json))),
                EventSource = "aws:sqs",
                EventSourceArn = queueArn,
                AwsRegion = LocalTenant.Region,
            })],
        };

        return JsonSerializer.SerializeToUtf8Bytes(batch, InsightJsonContext.Default.SqsEvent);
    }

    /// <summary>
    /// An HTTP API (payload 2.0) request <c>GET <paramref name="path"/></c> for the route <paramref name="routeKey"/>,
    /// received by API Gateway at <paramref name="receivedAt"/>, from a caller whose token the route's JWT authorizer
    /// verified: the tenant's claim and the <paramref name="scopes"/> the route requires, as API Gateway passes them.
    /// </summary>
    public static byte[] HttpGet(
        string routeKey, string path, IReadOnlyDictionary<string, string> pathParameters, IReadOnlyDictionary<string, string>? query, DateTimeOffset receivedAt,
        LocalTenant tenant, IReadOnlyList<string> scopes)
    {
        var request = new HttpApiRequest
        {
            Version = "2.0",
            RouteKey = routeKey,
            RawPath = path,
            RawQueryString = query is null ? "" : string.Join('&', query.Select(parameter => $"{Uri.EscapeDataString(parameter.Key)}={Uri.EscapeDataString(parameter.Value)}")),
            PathParameters = pathParameters,
            QueryStringParameters = query,
            RequestContext = new HttpApiRequestContext
            {
                AccountId = tenant.AccountId,
                RequestId = Guid.NewGuid().ToString(),
                RouteKey = routeKey,
                Stage = "$default",
                TimeEpoch = receivedAt.ToUnixTimeMilliseconds(),
                Http = new HttpApiHttpDescription { Method = "GET", Path = path, Protocol = "HTTP/1.1", SourceIp = "127.0.0.1", UserAgent = "insight-local" },
                Authorizer = new HttpApiAuthorizerContext
                {
                    Jwt = new HttpApiJwtContext
                    {
                        Claims = new Dictionary<string, string>
                        {
                            ["sub"] = "insight-local",
                            [TenantContext.DefaultTenantClaim] = tenant.TenantId,
                            ["scope"] = string.Join(' ', scopes),
                        },
                        Scopes = scopes,
                    },
                },
            },
        };
        return JsonSerializer.SerializeToUtf8Bytes(request, InsightJsonContext.Default.HttpApiRequest);
    }
}
