using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Amazon.DynamoDBv2.Model;
using Insight.Sdk.Data;
using Insight.Sdk.Data.Wire;

namespace Insight.Sdk.Tests.Data;

/// <summary>
/// The generated direct-path codecs against the attribute-value mappers: WriteItem writes exactly the item ToItem builds,
/// ReadItem reads what FromItem reads (in any attribute order, other forms included) and fails with FromItem's messages.
/// </summary>
public sealed class DynamoJsonCodecTests
{
    private static readonly DateTimeOffset Noon = new(2026, 1, 2, 12, 0, 0, TimeSpan.Zero);

    public static TheoryData<string> Devices => ["sample", "empty collections", "nulls and extremes"];

    [Theory]
    [MemberData(nameof(Devices))]
    public void WriteItem_writes_the_item_ToItem_builds(string name)
    {
        var device = DeviceNamed(name);

        var written = JsonNode.Parse(Write(device));
        var writtenInPieces = JsonNode.Parse(Write(device, DynamoJson.WriterOptions));
        var built = JsonNode.Parse(WriteAttributes(Device.ToItem(device)));

        Assert.True(JsonNode.DeepEquals(built, written), $"ToItem: {built}\nWriteItem: {written}");
        // The direct path's writer takes each scalar's name and value as one raw write; the item must not change.
        Assert.True(JsonNode.DeepEquals(built, writtenInPieces), $"ToItem: {built}\nWriteItem with the direct path's writer: {writtenInPieces}");
    }

    [Theory]
    [MemberData(nameof(Devices))]
    public void ReadItem_reads_what_WriteItem_wrote(string name)
    {
        var device = DeviceNamed(name);

        var read = Read<Device>(Write(device));
        var readFromPieces = Read<Device>(Write(device, DynamoJson.WriterOptions));

        DynamoTableTests.AssertSameDevice(device, read);
        DynamoTableTests.AssertSameDevice(device, readFromPieces);
        Assert.Equal(device.Notes, read.Notes);
    }

    [Fact]
    public void Composite_keys_and_the_entity_type_are_written_and_checked()
    {
        var counter = new DailyCounter { DeviceId = "M2-1", Day = new DateTime(2026, 1, 2, 0, 0, 0, DateTimeKind.Utc), Count = 3, Version = 4 };
        var note = new DeviceNote("M2-1", Noon, "battery swapped");

        var counterJson = Write(counter);
        var noteJson = Write(note);
        var wrongType = Assert.Throws<DynamoMappingException>(() => Read<DeviceNote>(counterJson));

        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(WriteAttributes(DailyCounter.ToItem(counter))), JsonNode.Parse(counterJson)));
        Assert.Contains("\"PK\":{\"S\":\"DEVICE#M2-1\"}", counterJson, StringComparison.Ordinal);
        Assert.Equal(3, Read<DailyCounter>(counterJson).Count);
        Assert.Equal(note, Read<DeviceNote>(noteJson));
        Assert.Equal(Assert.Throws<DynamoMappingException>(() => DeviceNote.FromItem(DailyCounter.ToItem(counter))).Message, wrongType.Message);
    }

    [Fact]
    public void ReadItem_takes_attributes_in_any_order_and_skips_those_it_does_not_store()
    {
        var device = Device.Sample("M2-1", Noon);
        var item = JsonNode.Parse(Write(device))!.AsObject();
        var reversed = new JsonObject { ["Unknown"] = new JsonObject { ["L"] = new JsonArray(new JsonObject { ["M"] = new JsonObject() }) } };
        foreach (var (name, value) in item.Reverse().ToList())
        {
            reversed[name] = value!.DeepClone();
        }

        var read = Read<Device>(reversed.ToJsonString());

        DynamoTableTests.AssertSameDevice(device, read);
    }

    [Fact]
    public void Forms_other_writers_use_read_as_FromItem_reads_them()
    {
        // BOOL for a bool, a list of strings for a string set, a non-canonical time: not the fast path's form, still read.
        var item = Device.ToItem(Device.Sample("M2-1", Noon));
        item["Active"] = new AttributeValue { BOOL = true };
        item["Tags"] = new AttributeValue { L = [new AttributeValue { S = "gs1" }] };
        item["InstalledAt"] = new AttributeValue { S = "2025-03-04T05:06:07Z" };
        item["Gateway"] = new AttributeValue { NULL = true };

        var read = Read<Device>(WriteAttributes(item));
        var expected = Device.FromItem(item);

        DynamoTableTests.AssertSameDevice(expected, read);
        Assert.True(read.Active);
        Assert.Equal(["gs1"], read.Tags);
        Assert.Null(read.Gateway);
    }

    [Theory]
    [InlineData("Station", null)]
    [InlineData("Scans", "many")]
    [InlineData("SeenAt", "yesterday")]
    [InlineData("Codes", "3")]
    public void A_bad_item_fails_with_the_message_FromItem_gives(string attribute, string? replacement)
    {
        var item = Device.ToItem(Device.Sample("M2-1", Noon));
        if (replacement is null)
        {
            item.Remove(attribute);
        }
        else
        {
            item[attribute] = new AttributeValue { S = replacement };
        }

        var expected = Assert.Throws<DynamoMappingException>(() => Device.FromItem(item));
        var actual = Assert.Throws<DynamoMappingException>(() => Read<Device>(WriteAttributes(item)));

        Assert.Equal(expected.Message, actual.Message);
        Assert.Equal(attribute, actual.Attribute);
    }

    [Fact]
    public void A_bad_nested_value_names_its_path()
    {
        var item = Device.ToItem(Device.Sample("M2-1", Noon));
        item["History"].L[1].M["Line"] = new AttributeValue { S = "two" };

        var error = Assert.Throws<DynamoMappingException>(() => Read<Device>(WriteAttributes(item)));

        Assert.Equal("History[1].Line", error.Attribute);
    }

    [Fact]
    public void A_canonical_item_is_read_without_building_attribute_values()
    {
        var json = Encoding.UTF8.GetBytes(Write(Device.Sample("M2-1", Noon)));
        ReadBytes<Device>(json); // warm up: statics and delegates

        var before = GC.GetAllocatedBytesForCurrentThread();
        ReadBytes<Device>(json);
        var direct = GC.GetAllocatedBytesForCurrentThread() - before;
        before = GC.GetAllocatedBytesForCurrentThread();
        var reader = new Utf8JsonReader(json);
        reader.Read();
        DynamoJson.ReadAttributes(ref reader);
        var attributeValuesAlone = GC.GetAllocatedBytesForCurrentThread() - before;

        // The fast path allocates the entity and its strings and collections; the exact path would first build every AttributeValue.
        Assert.True(direct * 2 < attributeValuesAlone, $"ReadItem allocated {direct} bytes; the attribute values alone take {attributeValuesAlone}.");
    }

    [Fact]
    public void Whitespace_between_tokens_is_read_on_the_fast_path()
    {
        var device = Device.Sample("M2-1", Noon);
        var compact = Encoding.UTF8.GetBytes(Write(device));
        var indented = Encoding.UTF8.GetBytes(JsonNode.Parse(compact)!.ToJsonString(new JsonSerializerOptions { WriteIndented = true, IndentCharacter = '\t', IndentSize = 1, NewLine = "\r\n" }));
        ReadBytes<Device>(compact);
        ReadBytes<Device>(indented);

        var before = GC.GetAllocatedBytesForCurrentThread();
        ReadBytes<Device>(compact);
        var compactBytes = GC.GetAllocatedBytesForCurrentThread() - before;
        before = GC.GetAllocatedBytesForCurrentThread();
        var read = ReadBytes<Device>(indented);
        var indentedBytes = GC.GetAllocatedBytesForCurrentThread() - before;

        DynamoTableTests.AssertSameDevice(device, read);
        // The exact path would build every attribute value first; the same allocation means the same (fast) path.
        Assert.Equal(compactBytes, indentedBytes);
    }

    [Fact]
    public void Attributes_it_does_not_store_are_skipped_whatever_attribute_values_they_hold()
    {
        var device = Device.Sample("M2-1", Noon);
        var item = Write(device);
        // Strings holding brackets, braces, escaped quotes and backslashes; nested lists and maps; sets; BOOL and NULL.
        const string Unknown = """
            "u1":{"S":"a\"}]{[\\"},"u2":{"L":[{"M":{"k":{"N":"1"},"e":{"L":[]}}},{"NULL":true},{"S":"]"}]},
            "u3":{"BOOL":false},"u4":{"NS":["1","2"]},"u5":{"M":{}},"u6":{"B":"AAE="}
            """;
        var json = "{" + Unknown + "," + item[1..^1] + "," + Unknown + "}";

        var read = Read<Device>(json);

        DynamoTableTests.AssertSameDevice(device, read);
    }

    [Fact]
    public void A_type_tag_written_escaped_is_the_tag()
    {
        var json = Write(Device.Sample("M2-1", Noon))
            .Replace("\"Station\":{\"S\":", "\"Station\":{\"\\u0053\":", StringComparison.Ordinal)
            .Replace("\"Scans\":{\"N\":", "\"Scans\":{\"\\u004e\":", StringComparison.Ordinal);
        var reader = new Utf8JsonReader(Encoding.UTF8.GetBytes(json));
        reader.Read();

        var exact = Device.FromItem(DynamoJson.ReadAttributes(ref reader));
        var direct = Read<Device>(json);

        Assert.Contains("\\u0053", json, StringComparison.Ordinal);
        Assert.Equal(("Packing 3", 42), (exact.Station, exact.Scans));
        Assert.Equal(("Packing 3", 42), (direct.Station, direct.Scans));
    }

    [Theory]
    [InlineData("Station", """{"S":["Packing 3"]}""", "a value of type S must be a string")]
    [InlineData("Tags", """{"L":{"S":"gs1"}}""", "a value of type L must be an array of attribute values")]
    [InlineData("Codes", """{"NS":"3"}""", "a value of type NS must be an array of strings")]
    [InlineData("Firmware", """{"B":"not base64!"}""", "a value of type B must be base64 text")]
    [InlineData("Active", """{"BOOL":"yes"}""", "a value of type BOOL must be true or false")]
    [InlineData("Home", """{"M":[]}""", "a value of type M must be an object of attribute values")]
    [InlineData("Station", """{"S":"a","N":"1"}""", "an attribute value has more than its one type")]
    [InlineData("Station", "\"Packing 3\"", "attribute 'Station' is not an attribute value")]
    [InlineData("Station", """{"S":"\ud83d"}""", "a value of type S has an escape that is half of a surrogate pair")]
    [InlineData("unstored", """{"M":true}""", "a value of type M must be an object of attribute values")]
    [InlineData("unstored", """{"L":[{"SS":"x"}]}""", "a value of type SS must be an array of strings")]
    public void JSON_that_is_not_an_attribute_value_is_named_by_both_paths_alike(string attribute, string value, string expected)
    {
        var item = (JsonObject)JsonNode.Parse(Write(Device.Sample("M2-1", Noon)))!;
        item.Remove(attribute);
        // Put in as text: System.Text.Json's tree cannot hold half a surrogate pair, which the JSON can.
        var json = Encoding.UTF8.GetBytes($"{{\"{attribute}\":{value},{item.ToJsonString()[1..]}");

        var exact = Assert.ThrowsAny<JsonException>(() =>
        {
            var reader = new Utf8JsonReader(json);
            reader.Read();
            Device.FromItem(DynamoJson.ReadAttributes(ref reader));
        });
        var direct = Assert.ThrowsAny<JsonException>(() => ReadBytes<Device>(json));

        Assert.Equal("The response is not in DynamoDB's JSON format: " + expected + ".", exact.Message);
        Assert.Equal(exact.Message, direct.Message);
    }

    [Fact]
    public void An_item_the_fast_path_declines_is_read_alone_and_the_next_item_is_read_after_it()
    {
        var first = Device.Sample("M2-1", Noon);
        var second = Device.Sample("M2-2", Noon) with { Station = "Inbound \"B\"" };
        var third = Device.Sample("M2-3", Noon);
        // An escaped attribute name is not the canonical form: the fast path declines that item, FromItem reads it.
        var declined = Write(second).Replace("\"Station\"", "\"St\\u0061tion\"", StringComparison.Ordinal);
        var json = Encoding.UTF8.GetBytes($"[{Write(first)}, {declined} ,{Write(third)}]");

        var reader = new DynamoItemReader(json);
        reader.EnterArray();
        var read = new List<Device>();
        while (reader.NextElement())
        {
            read.Add(Device.ReadItem(ref reader));
        }

        Assert.Equal(["M2-1", "M2-2", "M2-3"], read.Select(d => d.DeviceId));
        Assert.Equal("Inbound \"B\"", read[1].Station);
        Assert.Equal(json.Length, reader.Position);
    }

    [Theory]
    [InlineData("truncated")]
    [InlineData("not closed")]
    [InlineData("trailing comma")]
    public void Broken_JSON_fails_as_JSON_not_as_a_crash(string damage)
    {
        var item = Write(Device.Sample("M2-1", Noon));
        var json = damage switch
        {
            "truncated" => item[..(item.Length / 2)],
            "not closed" => item[..^1],
            _ => item[..^1] + ",}",
        };

        Assert.ThrowsAny<JsonException>(() => Read<Device>(json));
    }

    [Fact]
    public void Attribute_values_round_trip_through_the_generic_codec()
    {
        var item = new Dictionary<string, AttributeValue>
        {
            ["s"] = new() { S = "é\"\n" },
            ["n"] = new() { N = "-1.5E+3" },
            ["b"] = new() { B = new MemoryStream([0, 1, 255]) },
            ["bool"] = new() { BOOL = false },
            ["null"] = new() { NULL = true },
            ["ss"] = new() { SS = ["a", "b"] },
            ["ns"] = new() { NS = ["1", "2"] },
            ["bs"] = new() { BS = [new MemoryStream([9])] },
            ["l"] = new() { L = [new() { S = "x" }, new() { L = [] }] },
            ["m"] = new() { M = new() { ["inner"] = new() { N = "7" } } },
        };

        var json = WriteAttributes(item);
        var reader = new Utf8JsonReader(Encoding.UTF8.GetBytes(json));
        reader.Read();
        var read = DynamoJson.ReadAttributes(ref reader);

        Assert.Equal(json, WriteAttributes(read));
        Assert.Equal([0, 1, 255], read["b"].B.ToArray());
        Assert.Empty(read["l"].L[1].L);
    }

    private static Device DeviceNamed(string name) => name switch
    {
        "sample" => Device.Sample("M2-1", Noon),
        "empty collections" => Device.Sample("M2-1", Noon) with { Tags = [], Aliases = [], Codes = [], History = [], Counters = [], Firmware = [] },
        _ => Device.Sample("M2-\u00e9\"1", Noon) with
        {
            Scans = int.MinValue, TotalScans = long.MaxValue, Big = ulong.MaxValue, Ratio = float.Epsilon, Average = -1.0 / 3, Cost = decimal.MaxValue,
            Active = false, Grade = '\u00df', Previous = new Location("Inbound", 0, null), Battery = null, Gateway = null, ExpiresAt = null, Version = 7,
            History = [new Location("a", 1, "z")], Counters = new() { ["\u00fc"] = -1 }, Notes = null,
            // A set too large for one raw value, and strings that are not plain ASCII or too long to be written raw.
            Codes = [int.MinValue, -1, 0, 1, 2, 3, 4, 5, 6, int.MaxValue], Tags = ["with \"quotes\"", new string('x', 200)], Station = new string('s', 129),
        },
    };

    /// <summary>The entity's item as <c>WriteItem</c> writes it through a writer with <paramref name="options"/>.</summary>
    internal static string Write<T>(T entity, JsonWriterOptions options = default)
        where T : IDynamoEntity<T>
    {
        var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, options))
        {
            T.WriteItem(writer, entity);
        }

        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    private static T Read<T>(string json)
        where T : IDynamoEntity<T> => ReadBytes<T>(Encoding.UTF8.GetBytes(json));

    private static T ReadBytes<T>(byte[] json)
        where T : IDynamoEntity<T>
    {
        var reader = new DynamoItemReader(json);
        var entity = T.ReadItem(ref reader);
        Assert.Equal(json.Length, reader.Position);
        return entity;
    }

    /// <summary>An attribute-value item as the generic writer writes it.</summary>
    internal static string WriteAttributes(IReadOnlyDictionary<string, AttributeValue> item)
    {
        var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            DynamoJson.WriteAttributes(writer, item);
        }

        return Encoding.UTF8.GetString(buffer.ToArray());
    }
}
