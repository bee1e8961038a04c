using System.Text.Json;
using Insight.Cli.Local.Sending;

namespace Insight.Cli.Tests.Front;

public sealed class SendInputTests
{
    [Fact]
    public void Json_lines_take_both_the_event_shape_and_the_PutEvents_entry_shape()
    {
        var items = SendInput.Parse("""
            {"source":"acme.scans","detail-type":"Scan","detail":{"device":"d1","n":1}}

            {"Source":"acme.scans","DetailType":"Scan","Detail":"{\"device\":\"d2\"}","Resources":["arn:aws:x:eu-west-1:1:thing/a"]}
            """);

        Assert.Equal(2, items.Count);
        Assert.Equal("line 1", items[0].Origin);
        Assert.Equal("line 3", items[1].Origin);
        Assert.Equal(("acme.scans", "Scan"), (items[0].Event.Source, items[0].Event.DetailType));
        Assert.Equal("d1", JsonDocument.Parse(items[0].Event.Detail).RootElement.GetProperty("device").GetString());
        Assert.Equal("d2", JsonDocument.Parse(items[1].Event.Detail).RootElement.GetProperty("device").GetString());
        Assert.Equal(["arn:aws:x:eu-west-1:1:thing/a"], items[1].Event.Resources);
    }

    [Fact]
    public void A_whole_EventBridge_event_is_read_for_its_source_detail_type_detail_and_time()
    {
        var item = Assert.Single(SendInput.Parse("""
            {"version":"0","id":"x","account":"1","region":"eu-west-1","time":"2026-01-31T08:00:00Z","source":"a.b","detail-type":"T","resources":[],"detail":{}}
            """));

        Assert.Equal(DateTimeOffset.Parse("2026-01-31T08:00:00Z", System.Globalization.CultureInfo.InvariantCulture), item.Event.Time);
        Assert.Equal("{}", item.Event.Detail);
    }

    [Fact]
    public void An_array_names_each_event_by_the_line_it_starts_on()
    {
        var error = Assert.Throws<SendInputException>(() => SendInput.Parse("""
            [
              {"source":"a.b","detail-type":"T","detail":{}},
              {"source":"a.b",
               "detail":{}}
            ]
            """));

        Assert.Equal("line 3 (event 2): \"detail-type\" is missing.", error.Message);
    }

    [Fact]
    public void An_array_of_good_events_reads_in_order()
    {
        var items = SendInput.Parse("""[{"source":"a.b","detail-type":"One","detail":{}},{"Source":"a.b","DetailType":"Two","Detail":"{}"}]""");

        Assert.Equal(["One", "Two"], items.Select(item => item.Event.DetailType));
        Assert.Equal("line 1 (event 2)", items[1].Origin);
    }

    [Theory]
    [InlineData("""{"detail-type":"T","detail":{}}""", "line 2: \"source\" is missing.")]
    [InlineData("""{"source":"a.b","detail-type":"T"}""", "line 2: \"detail\" is missing.")]
    [InlineData("""{"source":"a.b","detail-type":"T","detail":[1]}""", "line 2: \"detail\" must be a JSON object, not array.")]
    [InlineData("""{"source":"a.b","detail-type":7,"detail":{}}""", "line 2: \"detail-type\" must be a string, not number.")]
    [InlineData("""{"source":"","detail-type":"T","detail":{}}""", "line 2: \"source\" is missing or empty.")]
    [InlineData("""{"Source":"a.b","DetailType":"T","Detail":"{oops"}""", "line 2: \"Detail\" is not JSON")]
    [InlineData("""{"Source":"a.b","DetailType":"T","Detail":"\"text\""}""", "line 2: \"Detail\" must be a JSON object, not string.")]
    [InlineData("""{"source":"a.b","DetailType":"T","detail":{}}""", "line 2: mixes the event shape")]
    [InlineData("""{"source":"aws.s3","detail-type":"T","detail":{}}""", "line 2: \"source\" \"aws.s3\" is reserved for AWS services")]
    [InlineData("""{"source":"a.b","detail-type":"T","detail":{},"time":"yesterday"}""", "line 2: \"time\" must be an ISO 8601 time")]
    [InlineData("""{"source":"a.b","detail-type":"T","detail":{},"resources":"arn"}""", "line 2: \"resources\" must be an array of strings")]
    [InlineData("""not json""", "line 2: not a JSON object")]
    [InlineData("""["a.b"]""", "line 2: an event must be a JSON object, not array.")]
    public void A_malformed_event_is_refused_naming_its_line_and_field(string secondLine, string expected)
    {
        var error = Assert.Throws<SendInputException>(() => SendInput.Parse("""{"source":"a.b","detail-type":"T","detail":{}}""" + "\n" + secondLine + "\n"));

        Assert.StartsWith(expected, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_event_larger_than_PutEvents_takes_is_refused()
    {
        var detail = $$"""{"blob":"{{new string('x', 300_000)}}"}""";

        var error = Assert.Throws<SendInputException>(() => SendInput.FromOptions("a.b", "T", detail));

        Assert.Contains("256 KB", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void One_event_from_options_needs_all_three_and_an_object_detail()
    {
        Assert.Equal("{\"n\":1}", SendInput.FromOptions("a.b", "T", """{"n":1}""").Event.Detail);
        Assert.Contains("--detail-type is missing", Assert.Throws<SendInputException>(() => SendInput.FromOptions("a.b", null, "{}")).Message, StringComparison.Ordinal);
        Assert.Contains("--detail must be a JSON object", Assert.Throws<SendInputException>(() => SendInput.FromOptions("a.b", "T", "42")).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Empty_input_is_refused()
    {
        Assert.Throws<SendInputException>(() => SendInput.Parse("\n  \n"));
        Assert.Throws<SendInputException>(() => SendInput.Parse("[]"));
    }
}
