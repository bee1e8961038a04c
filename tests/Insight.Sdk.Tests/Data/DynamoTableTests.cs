using Amazon.DynamoDBv2.Model;
using Insight.Sdk.Data;
using Insight.Sdk.Data.Wire;

namespace Insight.Sdk.Tests.Data;

/// <summary>Every table operation through the AWS SDK's client.</summary>
[Collection(LocalDynamoDbCollection.Name)]
public sealed class DynamoTableClientPathTests(LocalDynamoDb dynamo) : DynamoTableTests(dynamo)
{
    protected override IDynamoWire? Wire => null;
}

/// <summary>Every table operation with the direct path on: get, query, put and delete speak DynamoDB's JSON themselves.</summary>
[Collection(LocalDynamoDbCollection.Name)]
public sealed class DynamoTableWirePathTests(LocalDynamoDb dynamo) : DynamoTableTests(dynamo)
{
    protected override IDynamoWire? Wire => Dynamo.Wire;
}

/// <summary>The typed tables against DynamoDB Local, run once per path.</summary>
public abstract class DynamoTableTests(LocalDynamoDb dynamo)
{
    protected LocalDynamoDb Dynamo => dynamo;

    /// <summary>The direct path, or <c>null</c> for the client path.</summary>
    protected abstract IDynamoWire? Wire { get; }

    private static readonly DateTimeOffset Noon = new(2026, 1, 2, 12, 0, 0, TimeSpan.Zero);

    private async Task<DeviceTable> DevicesAsync() => new(dynamo.Client, await dynamo.CreateTableAsync(Device.Schema), Wire);

    [Fact]
    public async Task Put_then_get_returns_an_equal_entity_with_its_first_version()
    {
        var devices = await DevicesAsync();
        var device = Device.Sample("M2-1", Noon);

        var stored = await devices.PutAsync(device);
        var read = await devices.GetAsync("M2-1", Noon, consistentRead: true);

        Assert.Equal(0, stored.Version);
        Assert.NotNull(read);
        AssertSameDevice(stored, read);
        Assert.Null(await devices.GetAsync("M2-1", Noon.AddSeconds(1)));
    }

    [Fact]
    public async Task Time_to_live_is_stored_as_epoch_seconds_and_empty_collections_are_left_out()
    {
        var devices = await DevicesAsync();
        await devices.PutAsync(Device.Sample("M2-1", Noon) with { Tags = [], Counters = [] });

        var raw = await dynamo.Client.GetItemAsync(devices.TableName, Device.Key("M2-1", Noon));

        Assert.Equal("1900000000", raw.Item["ExpiresAt"].N);
        Assert.Equal("1", raw.Item["Active"].N);
        Assert.Equal("2025-03-04T05:06:07.890Z", raw.Item["InstalledAt"].S);
        Assert.False(raw.Item.ContainsKey("Tags"));
        Assert.False(raw.Item.ContainsKey("Counters"));
        Assert.False(raw.Item.ContainsKey("Previous"));
        Assert.Empty((await devices.GetAsync("M2-1", Noon))!.Tags);
    }

    [Fact]
    public async Task Only_if_absent_put_refuses_a_redelivery()
    {
        var devices = await DevicesAsync();
        var device = Device.Sample("M2-1", Noon);

        Assert.True(await devices.TryPutNewAsync(device));
        Assert.False(await devices.TryPutNewAsync(device with { Scans = 99 }));
        var error = await Assert.ThrowsAsync<ConditionFailedException>(() => devices.PutAsync(device, new PutOptions { OnlyIfAbsent = true }));

        Assert.Contains("Devices", error.Message, StringComparison.Ordinal);
        Assert.Equal(42, (await devices.GetAsync("M2-1", Noon))!.Scans);
    }

    [Fact]
    public async Task A_stale_copy_cannot_overwrite_a_newer_version()
    {
        var devices = await DevicesAsync();
        var first = await devices.PutAsync(Device.Sample("M2-1", Noon));
        var second = await devices.PutAsync(first with { Scans = 43 });

        var conflict = await Assert.ThrowsAsync<VersionConflictException>(() => devices.PutAsync(first with { Scans = 44 }));
        var deleteConflict = await Assert.ThrowsAsync<VersionConflictException>(() => devices.DeleteAsync(first));

        Assert.Equal(1, second.Version);
        Assert.Contains("DeviceId=\"M2-1\"", conflict.Message, StringComparison.Ordinal);
        Assert.NotNull(deleteConflict);
        Assert.Equal(43, (await devices.GetAsync("M2-1", Noon))!.Scans);
        Assert.True(await devices.DeleteAsync(second));
        Assert.Null(await devices.GetAsync("M2-1", Noon));
    }

    [Fact]
    public async Task Update_applies_typed_expressions_and_increments_the_version()
    {
        var devices = await DevicesAsync();
        var stored = await devices.PutAsync(Device.Sample("M2-1", Noon));

        var updated = await devices.UpdateAsync("M2-1", Noon,
            new DynamoUpdate<Device>().Add(Device.Fields.Scans, 8).Set(Device.Fields.Gateway, "GW-9").Remove(Device.Fields.Battery),
            expectedVersion: stored.Version);
        var stale = await Assert.ThrowsAsync<VersionConflictException>(() =>
            devices.UpdateAsync("M2-1", Noon, new DynamoUpdate<Device>().Add(Device.Fields.Scans, 1), expectedVersion: stored.Version));

        Assert.Equal(50, updated.Scans);
        Assert.Equal("GW-9", updated.Gateway);
        Assert.Null(updated.Battery);
        Assert.Equal(1, updated.Version);
        Assert.NotNull(stale);
    }

    [Fact]
    public async Task Query_by_key_and_by_index_with_typed_sort_conditions()
    {
        var devices = await DevicesAsync();
        for (var hour = 0; hour < 5; hour++)
        {
            await devices.PutAsync(Device.Sample("M2-1", Noon.AddHours(hour), station: hour % 2 == 0 ? "Packing 3" : "Inbound"));
            await devices.PutAsync(Device.Sample("M2-2", Noon.AddHours(hour), station: "Inbound"));
        }

        var later = await devices.QueryAsync("M2-1", KeyCondition<DateTimeOffset>.GreaterThan(Noon.AddHours(1))).ToListAsync();
        var between = await devices.QueryAsync("M2-1", KeyCondition<DateTimeOffset>.Between(Noon.AddHours(1), Noon.AddHours(3)), new QueryOptions { Descending = true }).ToListAsync();
        var packing = await devices.QueryByStationAsync("Packing 3").ToListAsync();
        var inboundEarly = await devices.QueryByStationAsync("Inbound", KeyCondition<DateTimeOffset>.AtMost(Noon.AddHours(1))).ToListAsync();

        Assert.Equal([Noon.AddHours(2), Noon.AddHours(3), Noon.AddHours(4)], later.Select(d => d.SeenAt));
        Assert.Equal([Noon.AddHours(3), Noon.AddHours(2), Noon.AddHours(1)], between.Select(d => d.SeenAt));
        Assert.Equal(3, packing.Count);
        Assert.All(packing, d => Assert.Equal("M2-1", d.DeviceId));
        Assert.Equal(3, inboundEarly.Count);
    }

    [Fact]
    public async Task Query_pages_past_one_megabyte_and_honours_a_limit()
    {
        var readings = new ReadingTable(dynamo.Client, await dynamo.CreateTableAsync(Reading.Schema), Wire);
        var payload = new string('x', 12_000);
        await readings.BatchWriteAsync(Enumerable.Range(0, 150).Select(i => new Reading("S-1", i, payload)));

        var all = await readings.QueryAsync("S-1").ToListAsync();
        var firstTen = await readings.QueryAsync("S-1", options: new QueryOptions { Limit = 10 }).ToListAsync();
        var firstPage = await dynamo.Client.QueryAsync(new QueryRequest
        {
            TableName = readings.TableName,
            KeyConditionExpression = "Sensor = :s",
            ExpressionAttributeValues = new() { [":s"] = new AttributeValue { S = "S-1" } },
        });

        Assert.NotNull(firstPage.LastEvaluatedKey); // DynamoDB itself stops at 1 MB: the 1.8 MB needs several pages
        Assert.True(firstPage.Items.Count < 150);
        Assert.Equal(Enumerable.Range(0, 150), all.Select(r => r.Sequence));
        Assert.Equal(Enumerable.Range(0, 10), firstTen.Select(r => r.Sequence));
    }

    [Fact]
    public async Task Batch_get_returns_the_items_that_exist()
    {
        var devices = await DevicesAsync();
        await devices.PutAsync(Device.Sample("M2-1", Noon));
        await devices.PutAsync(Device.Sample("M2-2", Noon));

        var found = await devices.BatchGetAsync([("M2-1", Noon), ("M2-2", Noon), ("M2-3", Noon)]);

        Assert.Equal(["M2-1", "M2-2"], found.Select(d => d.DeviceId).Order());
    }

    [Fact]
    public async Task Batch_write_retries_what_dynamodb_leaves_unprocessed()
    {
        var names = await dynamo.CreateTableAsync(Reading.Schema);
        var throttled = ThrottlingDynamoDb.Wrap(dynamo.Client, unprocessedBatches: 2);
        var readings = new ReadingTable(throttled, names, Wire);

        await readings.BatchWriteAsync(Enumerable.Range(0, 60).Select(i => new Reading("S-2", i, "p")));

        var stored = await new ReadingTable(dynamo.Client, names, Wire).QueryAsync("S-2").ToListAsync();
        Assert.Equal(60, stored.Count);
        Assert.True(ThrottlingDynamoDb.Calls(throttled) > 3, "the unprocessed items were sent again");
    }

    [Fact]
    public async Task Batch_write_of_versioned_items_is_refused_with_a_pointer_to_transactions()
    {
        var devices = await DevicesAsync();

        var error = await Assert.ThrowsAsync<NotSupportedException>(() => devices.BatchWriteAsync([Device.Sample("M2-1", Noon)]));

        Assert.Contains("DynamoTransaction", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_transaction_with_one_stale_write_rolls_back_every_write()
    {
        var devices = await DevicesAsync();
        var counters = new DailyCounterTable(dynamo.Client, await dynamo.CreateTableAsync(DailyCounter.Schema), Wire);
        var day = new DateTime(2026, 1, 2, 0, 0, 0, DateTimeKind.Utc);
        var counter = await counters.PutAsync(new DailyCounter { DeviceId = "M2-1", Day = day, Count = 1 });
        var device = await devices.PutAsync(Device.Sample("M2-1", Noon));

        var committed = new DynamoTransaction(dynamo.Client);
        var newDevice = committed.Put(devices, device with { Scans = 50 });
        committed.Update(counters, DailyCounter.Key("M2-1", day), new DynamoUpdate<DailyCounter>().Add(DailyCounter.Fields.Count, 1), expectedVersion: counter.Version);
        await committed.CommitAsync();

        var stale = new DynamoTransaction(dynamo.Client);
        stale.Put(devices, newDevice with { Scans = 60, DeviceId = "M2-1" });
        stale.Put(devices, device with { Scans = 70 }); // the stale copy
        stale.Put(counters, new DailyCounter { DeviceId = "M2-9", Day = day, Count = 5 });
        await Assert.ThrowsAsync<VersionConflictException>(() => stale.CommitAsync());

        Assert.Equal(50, (await devices.GetAsync("M2-1", Noon))!.Scans);
        Assert.Equal(1, newDevice.Version);
        var storedCounter = await counters.GetAsync("M2-1", day);
        Assert.Equal(2, storedCounter!.Count);
        Assert.Equal(1, storedCounter.Version);
        Assert.Null(await counters.GetAsync("M2-9", day));
    }

    [Fact]
    public async Task Entity_types_sharing_a_table_never_read_each_other()
    {
        var names = await dynamo.CreateTableAsync(DailyCounter.Schema);
        var counters = new DailyCounterTable(dynamo.Client, names, Wire);
        var notes = new DeviceNoteTable(dynamo.Client, names, Wire);
        var day = new DateTime(2026, 1, 2, 0, 0, 0, DateTimeKind.Utc);
        await counters.PutAsync(new DailyCounter { DeviceId = "M2-1", Day = day, Count = 3 });
        await notes.PutAsync(new DeviceNote("M2-1", Noon, "battery swapped"));

        var counted = await counters.QueryAsync("M2-1").ToListAsync();
        var noted = await notes.QueryAsync("M2-1", KeyCondition<string>.BeginsWith("NOTE#")).ToListAsync();
        var raw = await dynamo.Client.GetItemAsync(counters.TableName, DailyCounter.Key("M2-1", day));

        Assert.Equal(3, Assert.Single(counted).Count);
        Assert.Equal("battery swapped", Assert.Single(noted).Text);
        Assert.Equal("DEVICE#M2-1", raw.Item["PK"].S);
        Assert.Equal("DAY#2026-01-02T00:00:00.000Z", raw.Item["SK"].S);
        Assert.Equal("Counter", raw.Item["EntityType"].S);
        var wrongType = Assert.Throws<DynamoMappingException>(() => DeviceNote.FromItem(raw.Item));
        Assert.Contains("is not Note", wrongType.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_item_missing_a_required_attribute_fails_naming_table_key_and_attribute()
    {
        var devices = await DevicesAsync();
        var item = Device.ToItem(Device.Sample("M2-1", Noon));
        item.Remove("Station");
        await dynamo.Client.PutItemAsync(devices.TableName, item);

        var error = await Assert.ThrowsAsync<DynamoMappingException>(() => devices.GetAsync("M2-1", Noon));

        Assert.Equal("Devices", error.Table);
        Assert.Equal("Station", error.Attribute);
        Assert.Equal("Table Devices, item {DeviceId=\"M2-1\", SeenAt=\"2026-01-02T12:00:00.0000000Z\"}: attribute Station is missing", error.Message);
    }

    [Fact]
    public async Task An_attribute_of_the_wrong_type_fails_naming_it_even_when_nested()
    {
        var devices = await DevicesAsync();
        var item = Device.ToItem(Device.Sample("M2-1", Noon));
        item["Scans"] = new AttributeValue { S = "many" };
        await dynamo.Client.PutItemAsync(devices.TableName, item);
        var nested = Device.ToItem(Device.Sample("M2-2", Noon));
        nested["History"].L[1].M["Line"] = new AttributeValue { S = "two" };

        var error = await Assert.ThrowsAsync<DynamoMappingException>(() => devices.GetAsync("M2-1", Noon));
        var nestedError = Assert.Throws<DynamoMappingException>(() => Device.FromItem(nested));

        Assert.Contains("attribute Scans must be a number (N) but is a string (S)", error.Message, StringComparison.Ordinal);
        Assert.Equal("History[1].Line", nestedError.Attribute);
    }

    [Fact]
    public void A_missing_table_name_is_a_configuration_error_naming_the_variable()
    {
        var error = Assert.Throws<FunctionConfigurationException>(() => new DeviceTable(dynamo.Client, new DynamoTableNames(_ => null), Wire));

        Assert.Contains("INSIGHT_TABLE_DEVICES", error.Message, StringComparison.Ordinal);
    }

    internal static void AssertSameDevice(Device expected, Device actual)
    {
        // Records compare collections by reference; compare them by content, the rest with the record's equality.
        Assert.Equal(expected.Tags, actual.Tags);
        Assert.Equal(expected.Aliases, actual.Aliases);
        Assert.Equal(expected.Codes.Order(), actual.Codes.Order());
        Assert.Equal(expected.History, actual.History);
        Assert.Equal(expected.Counters.OrderBy(c => c.Key), actual.Counters.OrderBy(c => c.Key));
        Assert.Equal(expected.Firmware, actual.Firmware);
        Assert.Equal(expected.InstalledAt, actual.InstalledAt);
        Assert.Equal(DateTimeKind.Utc, actual.InstalledAt.Kind);
        Assert.Equal(expected with { Tags = actual.Tags, Aliases = actual.Aliases, Codes = actual.Codes, History = actual.History, Counters = actual.Counters, Firmware = actual.Firmware }, actual);
    }
}
