using System.Text;
using System.Text.Json;
using CsCheck;

namespace Insight.Fuzz.Tests;

/// <summary>Which envelope a generated payload imitates; every parser is driven with every payload regardless.</summary>
public enum Envelope
{
    Bare,
    EventBridge,
    Sqs,
    HttpApi,
    Schedule,
}

/// <summary>One generated input: the payload bytes and the envelope they were built as.</summary>
public sealed record FuzzInput(Envelope Envelope, byte[] Payload, bool Mutated)
{
    public override string ToString() =>
        $"{Envelope}{(Mutated ? " (byte-mutated)" : "")}: {Encoding.UTF8.GetString(Payload)}\n  base64: {Convert.ToBase64String(Payload)}";
}

/// <summary>
/// A grammar of payloads around the real contracts (EVENTS.md) and envelopes: mostly well-formed events whose fields are
/// now and then missing, of the wrong type, out of range, empty, too long, or strings with lone surrogates; wrapped in
/// EventBridge, SQS, HTTP API v2 and scheduled envelopes that are themselves now and then malformed; and, for a quarter
/// of the inputs, byte-level mutations on top (flips, truncation, invalid UTF-8, stray structure).
/// </summary>
public static class PayloadGrammar
{
    // ---- Values, as JSON text ----

    private static readonly Gen<string> Word = Gen.String[Gen.Char.AlphaNumeric, 1, 16].Select(Quote);

    private static readonly Gen<string> LowerUuid = Gen.Guid.Select(g => Quote(g.ToString()));

    private static readonly Gen<string> Millis = Gen.Long[1546300800000, 99999999999999].Select(v => v.ToString(System.Globalization.CultureInfo.InvariantCulture));

    private static readonly Gen<string> Number = Gen.Double[-1e6, 1e6].Select(v => v.ToString("R", System.Globalization.CultureInfo.InvariantCulture));

    /// <summary>Values that break something: a type, a range, a length, the text itself.</summary>
    private static readonly Gen<string> Hostile = Gen.OneOf(
        Gen.OneOf(Gen.Const("\"soon\""), Gen.Const("true"), Gen.Const("false"), Gen.Const("null"), Gen.Const("{}"), Gen.Const("[]"), Gen.Const("[1,\"a\",null]"), Gen.Const("{\"a\":{\"b\":[{}]}}")),
        Gen.OneOf(Gen.Const("1e30"), Gen.Const("-1e30"), Gen.Const("1e400"), Gen.Const("-1e400"), Gen.Const("1.5"), Gen.Const("1e3"), Gen.Const("-0"), Gen.Const("0"),
            Gen.Const("9223372036854775808"), Gen.Const("-9223372036854775809"), Gen.Const("1e-400"), Gen.Const("12"), Gen.Const("99999999999999999999999999999")),
        Gen.OneOf(Gen.Const("\"\""), Gen.Const("\"\\ud800\""), Gen.Const("\"a\\udc00b\""), Gen.Const("\"\\ud83d\\ude00\""), Gen.Const("\"\\u0000\\n\\t\\\"\""),
            Gen.Const("\"ü€😀\""), Gen.Const("\"STATE_UNKNOWN\""), Gen.Const("\"kg\""), Gen.Const("\"NOT-A-UUID\""), Gen.Const("\"2.0\"")),
        Gen.Int[2001, 2003].Select(n => Quote(new string('x', n))),
        Gen.Int[60, 80].Select(depth => new string('[', depth) + new string(']', depth)),
        Gen.Long.Select(v => v.ToString(System.Globalization.CultureInfo.InvariantCulture)),
        Gen.Double.Select(v => double.IsFinite(v) ? v.ToString("R", System.Globalization.CultureInfo.InvariantCulture) : "1e999"));

    /// <summary>Mostly what the contract wants, so whole events get through and the parsers' accepting paths run too.</summary>
    private static Gen<string> Value(Gen<string> valid) => Gen.Frequency((24, valid), (1, Hostile));

    // ---- Contracts ----

    private sealed record Field(string Name, Gen<string> Valid, bool Required);

    private static Field[] Common(params string[] apiVersions) =>
    [
        new("api_version", Gen.OneOf(apiVersions.Select(v => Gen.Const(Quote(v))).ToArray()), true),
        new("event_id", LowerUuid, true),
        new("time_created", Millis, true),
    ];

    private static readonly Gen<string> Measure = Gen.Select(Word, Gen.OneOf(Gen.Const("\"ms\""), Gen.Const("\"count\"")), Number,
        (name, unit, value) => $$"""{"metric_name":{{name}},"metric_unit":{{unit}},"metric_type":"gauge","metric_value":{{value}}}""");

    private static readonly (string EventType, Field[] Fields)[] Contracts =
    [
        ("scan", [.. Common("1.0", "0.5"),
            new("scan_code", Word, true), new("device_serial", Word, true), new("gateway_serial", Word, false),
            new("scan_decode_symbology", Gen.OneOf(Gen.Const("\"CODE 128\""), Gen.Const("\"QR Code\"")), false),
            new("device_battery", Gen.Double[0, 100].Select(v => v.ToString("R", System.Globalization.CultureInfo.InvariantCulture)), false),
            new("time_received", Millis, false),
            new("metrics", new GenArray<string>(Measure)[0, 3].Select(items => "[" + string.Join(",", items) + "]"), false)]),
        ("scanner_state", [.. Common("1.0"),
            new("gateway_serial", Word, true), new("device_serial", Word, false),
            new("device_connected_state", Gen.OneOf(Gen.Const("\"STATE_CONNECTED\""), Gen.Const("\"STATE_DISCONNECTED\"")), true),
            new("device_disconnect_reason", Gen.Const("\"UNKNOWN\""), false)]),
        ("metric", [.. Common("1.0"),
            new("metric_name", Word, true), new("value", Number, true),
            new("unit", Gen.OneOf(Gen.Const("\"count\""), Gen.Const("\"ms\""), Gen.Const("\"percent\""), Gen.Const("\"none\"")), true),
            new("device_serial", Word, true), new("worker_id", Word, false), new("station", Word, false), new("shift_id", Word, false),
            new("attributes", Gen.Select(Word, Word, (k, v) => $"{{{k}:{v}}}"), false)]),
        ("ergonomics", [.. Common("1.0"),
            new("measure", Gen.OneOf(Gen.Const("\"steps\""), Gen.Const("\"repetitive_motions\""), Gen.Const("\"strained_posture\"")), true),
            new("value", Gen.Double[0, 1e5].Select(v => v.ToString("R", System.Globalization.CultureInfo.InvariantCulture)), true),
            new("unit", Gen.OneOf(Gen.Const("\"steps\""), Gen.Const("\"count\""), Gen.Const("\"s\"")), true),
            new("window_ms", Gen.Long[1, 86_400_000].Select(v => v.ToString(System.Globalization.CultureInfo.InvariantCulture)), true),
            new("device_serial", Word, true), new("worker_id", Word, true), new("shift_id", Word, false), new("station", Word, false)]),
    ];

    /// <summary>One field as it appears in an event: left out, as the contract wants it, or hostile.</summary>
    private static Gen<string?> Member(Field field) =>
        Gen.Frequency(
            (field.Required ? 1 : 8, Gen.Const((string?)null)),
            (60, Value(field.Valid).Select(v => (string?)$"{Quote(field.Name)}:{v}")));

    /// <summary>An event of one of the four contracts, sometimes with the wrong event_type, unknown and repeated fields, shuffled.</summary>
    public static readonly Gen<string> Event =
        Gen.Int[0, Contracts.Length - 1].SelectMany(index =>
        {
            var (eventType, fields) = Contracts[index];
            var members = fields.Select(Member).ToArray();
            return Gen.Select(
                Sequence(members),
                Gen.Frequency((30, Gen.Const(Quote(eventType))), (1, Gen.OneOf(Contracts.Select(c => Gen.Const(Quote(c.EventType))).ToArray())), (1, Hostile)).Select(t => $"\"event_type\":{t}"),
                new GenArray<string>(Gen.Select(Word, Value(Word), (k, v) => $"{k}:{v}"))[0, 2],
                Gen.Int[0, 9],
                (present, typeMember, extras, shape) =>
                {
                    var all = present.Where(m => m is not null).Cast<string>().Append(typeMember).Concat(extras).ToList();
                    if (shape == 0 && all.Count > 1)
                    {
                        all.Add(all[0]); // a repeated field
                    }

                    if (shape == 1)
                    {
                        all.Reverse();
                    }

                    return "{" + string.Join(",", all) + "}";
                });
        });

    private static Gen<string?[]> Sequence(Gen<string?>[] members) =>
        members.Aggregate(Gen.Const(Array.Empty<string?>()), (acc, member) => Gen.Select(acc, member, (list, m) => (string?[])[.. list, m]));

    // ---- Envelopes ----

    private static readonly Gen<string> EventBridge = Gen.Select(Event, Gen.Int[0, 19], Value(Gen.Const("\"2026-01-01T00:00:00Z\"")), Value(Gen.Const("[\"arn:aws:events:eu-central-1:123456789012:rule/r\"]")),
        (detail, shape, time, resources) => shape switch
        {
            0 => """{"version":"0","id":"1","source":"insight.scanners"}""",
            1 => """{"version":"0","detail":null}""",
            2 => $"[{detail}]",
            3 => $$"""{"detail":{{detail}},"source":5}""",
            _ => $$"""{"version":"0","id":"6a7e1d4c-2b1f-4c3e-9f70-1c2d3e4f5a6b","detail-type":"scan","source":"insight.scanners","account":"123456789012","time":{{time}},"region":"eu-central-1","resources":{{resources}},"detail":{{detail}}}""",
        });

    private static readonly Gen<string> SqsRecord = Gen.Select(Event, Gen.Int[0, 19], Gen.Int[1, 1_000_000],
        (body, shape, id) => shape switch
        {
            0 => "null",
            1 => $$"""{"body":{{JsonSerializer.Serialize(body)}}}""",
            2 => $$"""{"messageId":null,"body":{{JsonSerializer.Serialize(body)}}}""",
            3 => $$"""{"messageId":"m{{id}}","body":5}""",
            4 => $$"""{"messageId":"m{{id}}","body":null}""",
            5 => $$"""{"messageId":"m{{id}}","body":"{ not json"}""",
            _ => $$"""{"messageId":"m{{id}}","receiptHandle":"rh","body":{{JsonSerializer.Serialize(body)}},"attributes":{"ApproximateReceiveCount":"1"},"md5OfBody":"x","eventSource":"aws:sqs","eventSourceARN":"arn:aws:sqs:eu-central-1:123456789012:q","awsRegion":"eu-central-1"}""",
        });

    private static readonly Gen<string> Sqs = Gen.Select(new GenArray<string>(SqsRecord)[0, 4], Gen.Int[0, 19],
        (records, shape) => shape switch
        {
            0 => """{"Records":null}""",
            1 => "{}",
            2 => """{"Records":{"messageId":"m1"}}""",
            _ => "{\"Records\":[" + string.Join(",", records) + "]}",
        });

    private static readonly Gen<string> HttpApi = Gen.Select(Event, Gen.Int[0, 9], Value(Gen.Const("1767225600000")),
        (body, shape, timeEpoch) =>
        {
            var (encodedBody, base64) = shape switch
            {
                0 => (JsonSerializer.Serialize(Convert.ToBase64String(Encoding.UTF8.GetBytes(body))), "true"),
                1 => ("\"not base64!\"", "true"),
                2 => ("null", "false"),
                3 => (JsonSerializer.Serialize(body), "\"yes\""),
                _ => (JsonSerializer.Serialize(body), "false"),
            };
            return """{"version":"2.0","routeKey":"POST /scans","rawPath":"/scans","rawQueryString":"","headers":{"content-type":"application/json"},"requestContext":{"accountId":"123456789012","apiId":"api","http":{"method":"POST","path":"/scans","protocol":"HTTP/1.1","sourceIp":"10.0.0.1","userAgent":"fuzz"},"requestId":"r","routeKey":"POST /scans","stage":"$default","timeEpoch":"""
                + timeEpoch + "},\"body\":" + encodedBody + ",\"isBase64Encoded\":" + base64 + "}";
        });

    private static readonly Gen<string> Schedule = Gen.Select(Value(Gen.Const("\"2026-01-01T00:00:00Z\"")), Value(Gen.Const("[\"arn:aws:events:eu-central-1:123456789012:rule/tick\"]")),
        (time, resources) => $$"""{"version":"0","id":"1","detail-type":"Scheduled Event","source":"aws.events","account":"123456789012","time":{{time}},"region":"eu-central-1","resources":{{resources}},"detail":{""" + "}}");

    // ---- Bytes ----

    private static readonly byte[][] InvalidUtf8 = [[0xFF], [0xC3, 0x28], [0xED, 0xA0, 0x80], [0xF4, 0x90, 0x80, 0x80], [0x80], [0xE2, 0x82]];

    private static readonly byte[] Structure = "{}[],:\"\\ \n0-eE."u8.ToArray();

    /// <summary>One byte-level change at a position chosen by the generator.</summary>
    private static readonly Gen<Func<byte[], byte[]>> Mutation = Gen.Select(Gen.Int[0, 5], Gen.Int.NonNegative, Gen.Int.NonNegative, Gen.Byte,
        (kind, at, other, value) => (Func<byte[], byte[]>)(bytes =>
        {
            if (bytes.Length == 0)
            {
                return [value];
            }

            var i = at % bytes.Length;
            return kind switch
            {
                0 => [.. bytes[..i], value, .. bytes[(i + 1)..]],
                1 => bytes[..i],
                2 => [.. bytes[..i], .. InvalidUtf8[other % InvalidUtf8.Length], .. bytes[i..]],
                3 => [.. bytes[..i], .. bytes[(i + 1)..]],
                4 => [.. bytes[..i], Structure[other % Structure.Length], .. bytes[i..]],
                _ => [.. bytes[..i], .. bytes[(other % bytes.Length)..][..Math.Min(16, bytes.Length - (other % bytes.Length))], .. bytes[i..]],
            };
        }));

    /// <summary>Every input: an envelope (or a bare event) and, a fifth of the time, one to four byte mutations.</summary>
    public static readonly Gen<FuzzInput> Input =
        Gen.Select(
            Gen.Enum<Envelope>().SelectMany(envelope => (envelope switch
            {
                Envelope.EventBridge => EventBridge,
                Envelope.Sqs => Sqs,
                Envelope.HttpApi => HttpApi,
                Envelope.Schedule => Schedule,
                _ => Event,
            }).Select(text => (envelope, text))),
            Gen.Frequency((4, Gen.Const(Array.Empty<Func<byte[], byte[]>>())), (1, new GenArray<Func<byte[], byte[]>>(Mutation)[1, 4])),
            (generated, mutations) =>
            {
                var bytes = mutations.Aggregate(Encoding.UTF8.GetBytes(generated.text), (current, mutate) => mutate(current));
                return new FuzzInput(generated.envelope, bytes, mutations.Length > 0);
            });

    private static string Quote(string text) => JsonSerializer.Serialize(text);
}
