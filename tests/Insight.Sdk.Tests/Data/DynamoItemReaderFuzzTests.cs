using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using Amazon;
using Amazon.DynamoDBv2;
using Amazon.Runtime;
using Insight.Sdk.Data;
using Insight.Sdk.Data.Wire;
using Insight.Sdk.Tests.Wire;
using ScriptedWire = Insight.Sdk.Tests.Wire.Wire;
using Xunit.Abstractions;

namespace Insight.Sdk.Tests.Data;

/// <summary>
/// The direct path's reader against the exact one on generated items: random devices written by <c>WriteItem</c>, then
/// changed the ways other writers and damaged data change them — whitespace, escapes, member order, attributes the entity
/// does not store, other type tags, NULLs, missing attributes, bad numbers, broken bytes. Whatever the exact path
/// (<see cref="DynamoJson.ReadAttributes"/> then <c>FromItem</c>) makes of an item, <c>ReadItem</c> must make the same: the
/// same entity, or the same error with the same message. Broken JSON fails as JSON. Nothing else escapes.
/// </summary>
/// <remarks>Deterministic: input <c>i</c> comes from a generator seeded with the run's seed and <c>i</c>; <c>INSIGHT_FUZZ_ITERATIONS</c> and <c>INSIGHT_FUZZ_SEED</c> set another run.</remarks>
public sealed class DynamoItemReaderFuzzTests(ITestOutputHelper output)
{
    private const int DefaultIterations = 20_000;
    private const int DefaultSeed = 20_261_202;

    private static readonly DateTimeOffset Noon = new(2026, 1, 2, 12, 0, 0, TimeSpan.Zero);

    private static readonly string[] Tags = ["S", "N", "B", "BOOL", "NULL", "L", "M", "SS", "NS", "BS"];

    private static readonly string[] BadNumbers =
    [
        "1e400", "-0", "00012", "1.5", "abc", "", " 1", "1_000", "+1", "0x10", "9223372036854775808", "-2147483649", "NaN", "Infinity",
        "1E+2", "\u0661\u0662", "18446744073709551616", "-1", "3.4028236E+38", "1e-400", "79228162514264337593543950336",
    ];

    private static readonly string[] Strings =
    [
        "", "a", "Packing 3", "with \"quotes\"", "back\\slash", "tab\there", "line\nbreak", "\u0001\u001f", "caf\u00e9", "\u00df\u00fc", "\u65e5\u672c",
        "\ud83d\ude00 emoji", "</script>", "+&'<>", "2026-01-02T12:00:00Z", "12", "{\"S\":\"x\"}", "]},{[",
        // About the length the writers write in one piece, and past it.
        new string('x', 120), new string('x', 129), new string('\u00e9', 70), new string('q', 300),
    ];

    [Fact]
    public void ReadItem_reads_every_item_as_the_exact_path_does_and_fails_as_it_fails()
    {
        var (iterations, seed) = (Iterations(), Seed());
        var failures = new List<string>();
        var outcomes = new Dictionary<string, int>();

        for (var i = 0; i < iterations && failures.Count < 10; i++)
        {
            var random = new Random(HashCode.Combine(seed, i));
            var (json, changes) = Mutate(random, Write(RandomDevice(random), random));
            var outcome = Compare(Encoding.UTF8.GetBytes(json));
            outcomes[outcome.Kind] = outcomes.GetValueOrDefault(outcome.Kind) + 1;
            if (outcome.Problem is { } problem)
            {
                failures.Add($"input #{i} (INSIGHT_FUZZ_SEED={seed}), changed by {string.Join(", ", changes)}: {problem}\n  {json}");
            }
        }

        output.WriteLine($"seed {seed}: " + string.Join(", ", outcomes.OrderBy(o => o.Key).Select(o => $"{o.Key} {o.Value}")));
        Assert.True(failures.Count == 0, string.Join("\n\n", failures));
        // The inputs must reach every outcome, or the run proves little.
        Assert.All(new[] { "read alike", "refused alike", "broken JSON refused" }, kind => Assert.True(outcomes.GetValueOrDefault(kind) > iterations / 50, $"{kind}: {outcomes.GetValueOrDefault(kind)} of {iterations}"));
    }

    /// <summary>
    /// The writing side: for random devices, <c>WriteItem</c> through each kind of writer writes exactly the item
    /// <c>ToItem</c> builds (as the generic writer writes it), and reading it back gives the device again.
    /// </summary>
    [Fact]
    public void WriteItem_writes_what_ToItem_builds_and_reads_back_for_random_devices()
    {
        var (iterations, seed) = (Math.Max(1, Iterations() / 4), Seed());
        var failures = new List<string>();
        for (var i = 0; i < iterations && failures.Count < 10; i++)
        {
            var random = new Random(HashCode.Combine(seed, i, "write"));
            var device = RandomDevice(random);
            var built = DynamoJsonCodecTests.WriteAttributes(Device.ToItem(device));
            foreach (var options in new[] { DynamoJson.WriterOptions, default, new JsonWriterOptions { Indented = true } })
            {
                var written = DynamoJsonCodecTests.Write(device, options);
                if (!JsonNode.DeepEquals(JsonNode.Parse(built), JsonNode.Parse(written)))
                {
                    failures.Add($"input #{i} (INSIGHT_FUZZ_SEED={seed}), writer {(options.Indented ? "indented" : options.SkipValidation ? "direct path" : "default")}:\n  ToItem:    {built}\n  WriteItem: {written}");
                    continue;
                }

                var back = Write(Read(Encoding.UTF8.GetBytes(written)));
                if (back != Write(device))
                {
                    failures.Add($"input #{i} (INSIGHT_FUZZ_SEED={seed}): read back as {back}\n  written:   {written}");
                }
            }
        }

        Assert.True(failures.Count == 0, string.Join("\n\n", failures));
    }

    /// <summary>
    /// The exact reader against another implementation of the same format: the AWS SDK's own client, handed the same
    /// item as a GetItem answer. Items either reads are mapped to the same entity; an item only one of them accepts is
    /// a difference to explain. Only well-formed JSON here, and no other type tags (see <see cref="Mutate"/>): broken
    /// bytes are the other test's.
    /// </summary>
    [Fact]
    public async Task The_exact_reader_reads_items_as_the_AWS_SDK_reads_them()
    {
        // Each input is a whole AWS SDK call, about ten times the cost of the other test's.
        var (iterations, seed) = (Math.Max(1, Iterations() / 10), Seed());
        var dynamo = new ScriptedDynamoDb();
        using var client = new AmazonDynamoDBClient(new BasicAWSCredentials("AKIDEXAMPLE", "secret"), new AmazonDynamoDBConfig
        {
            RegionEndpoint = RegionEndpoint.EUCentral1,
            HttpClientFactory = new HandlerHttpClientFactory(dynamo),
            MaxErrorRetry = 0,
        });
        var failures = new List<string>();
        var outcomes = new Dictionary<string, int>();

        for (var i = 0; i < iterations && failures.Count < 10; i++)
        {
            var random = new Random(HashCode.Combine(seed, i, "sdk"));
            var (json, changes) = Mutate(random, Write(RandomDevice(random), random), forAwsSdk: true);
            Device? exact = null, sdk = null;
            try
            {
                var reader = new Utf8JsonReader(Encoding.UTF8.GetBytes(json));
                reader.Read();
                exact = Device.FromItem(DynamoJson.ReadAttributes(ref reader));
            }
            catch (Exception e) when (e is JsonException or DynamoMappingException)
            {
            }

            dynamo.Answer(System.Net.HttpStatusCode.OK, "{\"Item\":" + json + "}");
            try
            {
                sdk = Device.FromItem((await client.GetItemAsync("Devices", Device.Key("M2-1", Noon))).Item);
            }
            catch (Exception e) when (e is AmazonServiceException or AmazonClientException or DynamoMappingException)
            {
            }

            var kind = (exact, sdk) switch
            {
                (null, null) => "both refused",
                ({ }, { }) when Write(exact) == Write(sdk) => "read alike",
                ({ }, { }) => "read apart",
                ({ }, null) => "only the AWS SDK refused",
                _ => "only the exact reader refused",
            };
            outcomes[kind] = outcomes.GetValueOrDefault(kind) + 1;
            if (kind is not ("both refused" or "read alike"))
            {
                failures.Add($"input #{i} (INSIGHT_FUZZ_SEED={seed}), changed by {string.Join(", ", changes)}: {kind}\n  {json}" + (exact is null || sdk is null ? "" : $"\n  exact: {Write(exact)}\n  AWS SDK: {Write(sdk)}"));
            }
        }

        output.WriteLine($"seed {seed}: " + string.Join(", ", outcomes.OrderBy(o => o.Key).Select(o => $"{o.Key} {o.Value}")));
        Assert.True(failures.Count == 0, string.Join("\n\n", failures));
        Assert.True(outcomes.GetValueOrDefault("read alike") > iterations / 4 && outcomes.GetValueOrDefault("both refused") > iterations / 20, string.Join(", ", outcomes));
    }

    /// <summary>
    /// Whole Query pages through a generated table on the direct path: one to four generated items, the page's own
    /// members in any order, now and then with an escaped name so that the page is read the exact way. The table returns
    /// the entities the exact path reads from each item, in order, or fails with the first failing item's error.
    /// </summary>
    [Fact]
    public async Task A_query_page_gives_the_items_the_exact_path_reads_or_the_first_items_error()
    {
        var (iterations, seed) = (Math.Max(1, Iterations() / 10), Seed());
        var dynamo = new ScriptedDynamoDb();
        using var unused = new AmazonDynamoDBClient(new BasicAWSCredentials("unused", "unused"), new AmazonDynamoDBConfig { ServiceURL = "http://127.0.0.1:9" });
        var table = new DeviceTable(unused, new DynamoTableNames(_ => "Devices"), ScriptedWire.Client(dynamo, new ManualTime(ScriptedWire.Start)));
        var failures = new List<string>();
        var outcomes = new Dictionary<string, int>();

        for (var i = 0; i < iterations && failures.Count < 10; i++)
        {
            var random = new Random(HashCode.Combine(seed, i, "page"));
            var items = Enumerable.Range(0, random.Next(1, 5)).Select(_ => Mutate(random, Write(RandomDevice(random), random), forAwsSdk: false).Json).ToList();
            if (items.Any(item => !IsWholeJsonValue(item)))
            {
                continue; // A broken item, or bytes after one, break the page itself: that is the item test's ground.
            }

            var expected = new List<Device>();
            Exception? expectedError = null;
            foreach (var item in items)
            {
                try
                {
                    var reader = new Utf8JsonReader(Encoding.UTF8.GetBytes(item));
                    reader.Read();
                    expected.Add(Device.FromItem(DynamoJson.ReadAttributes(ref reader)));
                }
                catch (Exception e) when (e is JsonException or DynamoMappingException)
                {
                    expectedError = e;
                    break;
                }
            }

            string[] members = [$"\"{(random.Next(4) == 0 ? "It\\u0065ms" : "Items")}\":[{string.Join(",", items)}]", $"\"Count\":{items.Count}", $"\"ScannedCount\":{items.Count}"];
            var page = "{" + string.Join(Pick(random, [",", ", ", ",\n"]), members.OrderBy(_ => random.Next())) + "}";
            dynamo.Answer(System.Net.HttpStatusCode.OK, page);
            List<Device>? read = null;
            Exception? error = null;
            try
            {
                read = await table.QueryAsync("M2-1").ToListAsync();
            }
            catch (Exception e)
            {
                error = e;
            }

            var cause = error;
            while (cause is not null and not (JsonException or DynamoMappingException))
            {
                cause = cause.InnerException;
            }

            var kind = (expectedError, read) switch
            {
                (null, { }) when read.Select(d => Write(d)).SequenceEqual(expected.Select(d => Write(d))) => "read alike",
                (null, _) => "read apart",
                ({ }, null) when cause?.GetType() == expectedError.GetType() && cause.Message == expectedError.Message => "refused alike",
                _ => "refused apart",
            };
            outcomes[kind] = outcomes.GetValueOrDefault(kind) + 1;
            if (kind is "read apart" or "refused apart")
            {
                failures.Add($"input #{i} (INSIGHT_FUZZ_SEED={seed}): {kind}; expected {expectedError?.Message ?? $"{expected.Count} items"}, got {error?.ToString() ?? $"{read!.Count} items"}\n  {page}");
            }
        }

        output.WriteLine($"seed {seed}: " + string.Join(", ", outcomes.OrderBy(o => o.Key).Select(o => $"{o.Key} {o.Value}")));
        Assert.True(failures.Count == 0, string.Join("\n\n", failures));
        Assert.True(outcomes.GetValueOrDefault("read alike") > iterations / 10 && outcomes.GetValueOrDefault("refused alike") > iterations / 10, string.Join(", ", outcomes));
    }

    private static int Iterations() =>
        int.TryParse(Environment.GetEnvironmentVariable("INSIGHT_FUZZ_ITERATIONS"), NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? Math.Min(n, 2_000_000) : DefaultIterations;

    private static int Seed() =>
        int.TryParse(Environment.GetEnvironmentVariable("INSIGHT_FUZZ_SEED"), NumberStyles.None, CultureInfo.InvariantCulture, out var s) ? s : DefaultSeed;

    private sealed record Outcome(string Kind, string? Problem = null);

    private static Outcome Compare(byte[] json)
    {
        if (!IsOneJsonValue(json))
        {
            // Broken JSON: the exact path refuses it as JSON; the direct path must refuse it too, and as JSON.
            try
            {
                Read(json);
                return new("broken JSON read", "ReadItem read an item Utf8JsonReader refuses as JSON");
            }
            catch (Exception e) when (e is JsonException)
            {
                return new("broken JSON refused");
            }
            catch (Exception e)
            {
                return new("broken JSON escaped", $"ReadItem threw {e.GetType().Name} on broken JSON: {e.Message}");
            }
        }

        Device? exact = null, direct = null;
        Exception? exactError = null, directError = null;
        try
        {
            var reader = new Utf8JsonReader(json);
            reader.Read();
            exact = Device.FromItem(DynamoJson.ReadAttributes(ref reader));
        }
        catch (Exception e)
        {
            exactError = e;
        }

        try
        {
            direct = Read(json);
        }
        catch (Exception e)
        {
            directError = e;
        }

        if (exact is not null && direct is not null)
        {
            var (expected, actual) = (Write(exact), Write(direct));
            return expected == actual ? new("read alike") : new("read apart", $"FromItem read {expected}\n  ReadItem read {actual}");
        }

        if (exactError is not null && directError is not null)
        {
            return exactError.GetType() == directError.GetType() && exactError.Message == directError.Message
                ? new("refused alike")
                : new("refused apart", $"FromItem threw {exactError.GetType().Name}: {exactError.Message}\n  ReadItem threw {directError.GetType().Name}: {directError.Message}");
        }

        return exactError is not null
            ? new("only FromItem refused", $"FromItem threw {exactError.GetType().Name}: {exactError.Message}; ReadItem read it")
            : new("only ReadItem refused", $"ReadItem threw {directError!.GetType().Name}: {directError.Message}; FromItem read it");
    }

    private static bool IsOneJsonValue(byte[] json)
    {
        try
        {
            var reader = new Utf8JsonReader(json);
            return reader.Read() && reader.TrySkip();
        }
        catch (JsonException)
        {
            return false;
        }
    }

    private static bool IsWholeJsonValue(string item)
    {
        var json = Encoding.UTF8.GetBytes(item.TrimEnd());
        try
        {
            var reader = new Utf8JsonReader(json);
            return reader.Read() && reader.TrySkip() && reader.BytesConsumed == json.Length;
        }
        catch (JsonException)
        {
            return false;
        }
    }

    private static Device Read(byte[] json)
    {
        var reader = new DynamoItemReader(json);
        return Device.ReadItem(ref reader);
    }

    private static Device RandomDevice(Random random)
    {
        var device = Device.Sample(Pick(random, Strings) is { Length: > 0 } id ? id : "M2-1", new DateTimeOffset(RandomTicks(random), TimeSpan.FromMinutes(random.Next(-14, 15) * 60)));
        return device with
        {
            Station = Pick(random, Strings),
            Scans = random.Next(4) == 0 ? Pick(random, [int.MinValue, int.MaxValue, 0, -1]) : random.Next(),
            TotalScans = random.NextInt64(long.MinValue, long.MaxValue),
            Small = (short)random.Next(short.MinValue, short.MaxValue + 1),
            Tiny = (byte)random.Next(256),
            Unsigned = (uint)random.NextInt64(uint.MaxValue + 1L),
            Big = (ulong)random.NextInt64() * (ulong)random.Next(1, 3),
            Ratio = (float)((random.NextDouble() - 0.5) * Math.Pow(10, random.Next(-30, 30))),
            Average = (random.NextDouble() - 0.5) * Math.Pow(10, random.Next(-300, 300)),
            Cost = new decimal(random.Next(), random.Next(), random.Next(), random.Next(2) == 0, (byte)random.Next(29)),
            Active = random.Next(2) == 0,
            Grade = (char)random.Next(32, 0xD7FF),
            Shift = (Shift)random.Next(3),
            BatchId = new Guid(RandomBytes(random, 16)),
            InstalledAt = new DateTime(RandomTicks(random), DateTimeKind.Utc),
            Uptime = TimeSpan.FromTicks(random.NextInt64(0, TimeSpan.FromDays(3_000).Ticks)),
            Firmware = RandomBytes(random, random.Next(0, 9)),
            Tags = [.. Enumerable.Range(0, random.Next(4)).Select(_ => Pick(random, Strings))],
            Aliases = [.. Enumerable.Range(0, random.Next(3)).Select(_ => Pick(random, Strings))],
            Codes = [.. Enumerable.Range(0, random.Next(12)).Select(_ => random.Next(int.MinValue, int.MaxValue))],
            History = [.. Enumerable.Range(0, random.Next(3)).Select(_ => RandomLocation(random))],
            Counters = Enumerable.Range(0, random.Next(4)).Select(_ => Pick(random, Strings)).Distinct().ToDictionary(k => k, _ => random.Next(int.MinValue, int.MaxValue)),
            Home = RandomLocation(random),
            Previous = random.Next(2) == 0 ? null : RandomLocation(random),
            Battery = random.Next(3) == 0 ? null : random.Next(-5, 200),
            Gateway = random.Next(3) == 0 ? null : Pick(random, Strings),
            Temperature = new Celsius(Math.Round((random.NextDouble() - 0.5) * 200, random.Next(0, 4))),
            ExpiresAt = random.Next(3) == 0 ? null : DateTimeOffset.FromUnixTimeSeconds(random.NextInt64(0, 4_000_000_000)),
            Version = random.Next(2) == 0 ? null : random.NextInt64(0, long.MaxValue),
            Notes = random.Next(2) == 0 ? null : Pick(random, Strings),
        };
    }

    private static Location RandomLocation(Random random) =>
        new(Pick(random, Strings), random.Next(int.MinValue, int.MaxValue), random.Next(2) == 0 ? null : Pick(random, Strings));

    private static long RandomTicks(Random random) => random.NextInt64(new DateTime(1900, 1, 1).Ticks, new DateTime(2200, 1, 1).Ticks) / 10_000 * 10_000;

    private static byte[] RandomBytes(Random random, int count)
    {
        var bytes = new byte[count];
        random.NextBytes(bytes);
        return bytes;
    }

    private static T Pick<T>(Random random, T[] choices) => choices[random.Next(choices.Length)];

    /// <summary>WriteItem's JSON, by one of the writers the SDK and its users have: the direct path's, the default, or an indented one.</summary>
    private static string Write(Device device, Random? random = null) => DynamoJsonCodecTests.Write(device, (random?.Next(3) ?? 0) switch
    {
        0 => DynamoJson.WriterOptions,
        1 => default,
        _ => new JsonWriterOptions { Indented = true },
    });

    private static (string Json, List<string> Changes) Mutate(Random random, string json, bool forAwsSdk = false)
    {
        var changes = new List<string>();
        var count = random.Next(4);
        for (var i = 0; i < count; i++)
        {
            var change = random.Next(forAwsSdk ? 10 : 12);
            if (forAwsSdk && change == 6)
            {
                // The AWS SDK's unmarshaller (AWSSDK.DynamoDBv2 4.1.0) overflows the stack on an L that holds a string and
                // takes the process down: no other tag for the AWS SDK's inputs.
                continue;
            }

            string? changed;
            try
            {
                changed = Change(random, json, change);
            }
            catch (InvalidOperationException)
            {
                // An earlier escape left half a surrogate pair, which System.Text.Json's tree cannot write back.
                continue;
            }

            if (changed is not null)
            {
                json = changed;
                changes.Add(change switch { 0 or 1 => "whitespace", 2 or 3 => "escape", 4 => "order", 5 => "unknown attribute", 6 => "tag", 7 => "NULL", 8 => "missing attribute", 9 => "number", _ => "broken bytes" });
            }
        }

        return (json, changes);
    }

    private static string? Change(Random random, string json, int change) => change switch
    {
        0 or 1 => InsertWhitespace(random, json),
        2 or 3 => EscapeCharacter(random, json),
        4 => Reorder(random, json),
        5 => AddUnknownAttribute(random, json),
        6 => Retag(random, json),
        7 => ReplaceValue(random, json, """{"NULL":true}"""),
        8 => RemoveAttribute(random, json),
        9 => ReplaceNumber(random, json),
        _ => Break(random, json),
    };

    /// <summary>Where each JSON token begins and which characters sit inside strings, outside escapes.</summary>
    private static (List<int> Structural, List<int> InString) Scan(string json)
    {
        var structural = new List<int>();
        var inString = new List<int>();
        var (quoted, escaped) = (false, false);
        for (var i = 0; i < json.Length; i++)
        {
            var c = json[i];
            if (quoted)
            {
                if (escaped)
                {
                    escaped = false;
                }
                else if (c == '\\')
                {
                    escaped = true;
                }
                else if (c == '"')
                {
                    quoted = false;
                }
                else if (!char.IsSurrogate(c))
                {
                    inString.Add(i);
                }
            }
            else if (c == '"')
            {
                quoted = true;
                structural.Add(i);
            }
            else if (c is '{' or '}' or '[' or ']' or ':' or ',')
            {
                structural.Add(i);
                structural.Add(i + 1);
            }
        }

        return (structural, inString);
    }

    private static string? InsertWhitespace(Random random, string json)
    {
        var (structural, _) = Scan(json);
        if (structural.Count == 0)
        {
            return null;
        }

        var at = structural[random.Next(structural.Count)];
        var space = new string([.. Enumerable.Range(0, random.Next(1, 4)).Select(_ => Pick(random, [' ', '\t', '\n', '\r']))]);
        return json.Insert(at, space);
    }

    private static string? EscapeCharacter(Random random, string json)
    {
        var (_, inString) = Scan(json);
        if (inString.Count == 0)
        {
            return null;
        }

        var at = inString[random.Next(inString.Count)];
        var escape = ((int)json[at]).ToString(random.Next(2) == 0 ? "x4" : "X4", CultureInfo.InvariantCulture);
        return json[..at] + "\\u" + escape + json[(at + 1)..];
    }

    private static string? Reorder(Random random, string json)
    {
        if (ParseItem(json) is not { } item)
        {
            return null;
        }

        var members = item.ToList();
        item.Clear();
        foreach (var (name, value) in members.OrderBy(_ => random.Next()))
        {
            item[name] = value;
        }

        // The default encoder escapes non-ASCII and HTML-sensitive characters: another writer's form of the same item.
        return item.ToJsonString(new JsonSerializerOptions { Encoder = random.Next(2) == 0 ? JavaScriptEncoder.Default : JavaScriptEncoder.UnsafeRelaxedJsonEscaping });
    }

    private static string? AddUnknownAttribute(Random random, string json)
    {
        var open = json.IndexOf('{', StringComparison.Ordinal);
        if (open < 0)
        {
            return null;
        }

        var value = RandomAttributeValue(random, depth: 0);
        // A name of its own: the AWS SDK refuses a name given twice, where System.Text.Json and these readers take the last.
        var name = JsonSerializer.Serialize("x" + random.Next(1_000_000) + Pick(random, Strings));
        return json[..(open + 1)] + name + ":" + value + (json[(open + 1)..].TrimStart().StartsWith('}') ? "" : ",") + json[(open + 1)..];
    }

    private static string RandomAttributeValue(Random random, int depth)
    {
        string Text() => JsonSerializer.Serialize(Pick(random, Strings));
        return random.Next(depth > 2 ? 6 : 8) switch
        {
            0 => $$"""{"S":{{Text()}}}""",
            1 => $$"""{"N":"{{random.Next()}}"}""",
            2 => """{"BOOL":true}""",
            3 => """{"NULL":true}""",
            4 => $$"""{"SS":[{{Text()}},{{Text()}}]}""",
            5 => """{"B":"AAE="}""",
            6 => $$"""{"L":[{{string.Join(",", Enumerable.Range(0, random.Next(3)).Select(_ => RandomAttributeValue(random, depth + 1)))}}]}""",
            _ => "{\"M\":{" + string.Join(",", Enumerable.Range(0, random.Next(3)).Select(k => $"\"k{k}\":" + RandomAttributeValue(random, depth + 1))) + "}}",
        };
    }

    private static string? Retag(Random random, string json) => ChangeAttribute(random, json, value =>
    {
        if (value is JsonObject { Count: 1 } typed)
        {
            var (tag, inner) = typed.First();
            typed.Remove(tag);
            typed[Pick(random, Tags)] = inner;
        }
    });

    private static string? ReplaceValue(Random random, string json, string replacement) => ChangeAttribute(random, json, null, JsonNode.Parse(replacement));

    private static string? RemoveAttribute(Random random, string json) => ChangeAttribute(random, json, null, remove: true);

    private static string? ReplaceNumber(Random random, string json)
    {
        var numbers = new List<int>();
        for (var at = json.IndexOf("\"N\":\"", StringComparison.Ordinal); at >= 0; at = json.IndexOf("\"N\":\"", at + 1, StringComparison.Ordinal))
        {
            numbers.Add(at + 5);
        }

        if (numbers.Count == 0)
        {
            return null;
        }

        var start = numbers[random.Next(numbers.Count)];
        var end = json.IndexOf('"', start);
        return end < 0 ? null : json[..start] + Pick(random, BadNumbers) + json[end..];
    }

    private static string? ChangeAttribute(Random random, string json, Action<JsonNode?>? change, JsonNode? replacement = null, bool remove = false)
    {
        if (ParseItem(json) is not { Count: > 0 } item)
        {
            return null;
        }

        var name = item.ElementAt(random.Next(item.Count)).Key;
        if (remove)
        {
            item.Remove(name);
        }
        else if (replacement is not null)
        {
            item[name] = replacement;
        }
        else
        {
            change!(item[name]);
        }

        return item.ToJsonString(new JsonSerializerOptions { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping });
    }

    /// <summary>The item as a tree, or null once an earlier change broke its JSON (only byte changes apply after that).</summary>
    private static JsonObject? ParseItem(string json)
    {
        try
        {
            // Count builds the members: a name given twice (two unknown attributes alike) is not a tree JsonObject holds.
            var item = JsonNode.Parse(json) as JsonObject;
            _ = item?.Count;
            return item;
        }
        catch (Exception e) when (e is JsonException or ArgumentException)
        {
            return null;
        }
    }

    private static string? Break(Random random, string json)
    {
        if (json.Length == 0)
        {
            return null;
        }

        var at = random.Next(json.Length);
        // Bytes break, not characters: a surrogate pair stays whole, or the text would not be UTF-8 at all.
        while (char.IsSurrogate(json[at]))
        {
            at = random.Next(json.Length);
        }

        return random.Next(4) switch
        {
            0 => json.Remove(at, 1),
            1 => json.Insert(at, json[at].ToString()),
            2 => json.Insert(at, Pick(random, ["{", "}", "[", "]", ":", ",", "\"", "\\", "x"])),
            _ => json[..at],
        };
    }
}
