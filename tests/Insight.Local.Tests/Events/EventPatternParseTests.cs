using System.Text.Json;
using Insight.Local.Events;

namespace Insight.Local.Tests.Events;

/// <summary>
/// Patterns EventBridge refuses when a rule is created (the checks of aws/event-ruler's JsonRuleCompiler and
/// JsonRuleCompilerTest), each refused with the JSON path of the bad part and the reason.
/// </summary>
public sealed class EventPatternParseTests
{
    [Theory]
    [InlineData("not json", "pattern: not valid JSON")]
    [InlineData("['a']", "pattern: a pattern must be a JSON object, not an array")]
    [InlineData("{}", "pattern: empty objects are not allowed")]
    [InlineData("{'detail':{}}", "detail: empty objects are not allowed")]
    [InlineData("{'source':'aws.ec2'}", "source: must be an array of match values (e.g. [\"aws.ec2\"]) or a nested object, not a string")]
    [InlineData("{'detail':{'n':5}}", "detail.n: must be an array of match values")]
    [InlineData("{'detail':{'state':[]}}", "detail.state: empty arrays are not allowed")]
    [InlineData("{'a':[['x']]}", "a: match values must be strings, numbers, true, false, null or operator objects, not an array")]
    [InlineData("{'a':[{}]}", "a: an operator object needs exactly one operator, found none")]
    [InlineData("{'a':[{'prefix':'x','suffix':'y'}]}", "a: an operator object holds exactly one operator, found \"prefix\", \"suffix\"")]
    [InlineData("{'a':[{'contains':'x'}]}", "a: unknown operator \"contains\"")]
    [InlineData("{'a':[{'exactly':'x'}]}", "a: unknown operator \"exactly\"")]
    [InlineData("{'a':[{'prefix':5}]}", "a: \"prefix\" takes a string or {\"equals-ignore-case\": string}, not a number")]
    [InlineData("{'a':[{'prefix':{'wildcard':'x'}}]}", "a: \"prefix\" takes a string or {\"equals-ignore-case\": string}, not \"wildcard\"")]
    [InlineData("{'a':[{'suffix':{'equals-ignore-case':1}}]}", "a: \"suffix.equals-ignore-case\" needs a string, not a number")]
    [InlineData("{'a':[{'equals-ignore-case':['x']}]}", "a: \"equals-ignore-case\" needs a string, not an array")]
    [InlineData("{'detail':{'price':[{'numeric':[]}]}}", "detail.price: \"numeric\" needs an operator and a number")]
    [InlineData("{'detail':{'price':[{'numeric':'>'}]}}", "detail.price: \"numeric\" needs an operator and a number")]
    [InlineData("{'detail':{'price':[{'numeric':[5,'>']}]}}", "detail.price: \"numeric\" needs an operator and a number")]
    [InlineData("{'detail':{'price':[{'numeric':['==',5]}]}}", "detail.price: \"numeric\" has unknown operator \"==\"")]
    [InlineData("{'detail':{'price':[{'numeric':['>','5']}]}}", "detail.price: \"numeric\" needs a number after \">\", not a string")]
    [InlineData("{'detail':{'price':[{'numeric':['<',5,'>',1]}]}}", "detail.price: \"numeric\" with \"<\" takes exactly one number")]
    [InlineData("{'detail':{'price':[{'numeric':['=',5,'<',6]}]}}", "detail.price: \"numeric\" with \"=\" takes exactly one number")]
    [InlineData("{'detail':{'price':[{'numeric':['>',1,'>',6]}]}}", "detail.price: \"numeric\" range needs an upper bound")]
    [InlineData("{'detail':{'price':[{'numeric':['>',1,'<']}]}}", "detail.price: \"numeric\" takes one comparison or a lower bound")]
    [InlineData("{'detail':{'price':[{'numeric':['>',10,'<',5]}]}}", "detail.price: \"numeric\" range's lower bound must be less than its upper bound")]
    [InlineData("{'detail':{'price':[{'numeric':['>',5,'<=',5]}]}}", "detail.price: \"numeric\" range's lower bound must be less than its upper bound")]
    [InlineData("{'detail':{'price':[{'numeric':['>',1e400]}]}}", "detail.price: \"numeric\" cannot compare 1e400")]
    [InlineData("{'detail':{'price':[{'numeric':['=',0.1000000000000000000001]}]}}", "detail.price: \"numeric\" cannot compare 0.1000000000000000000001")]
    [InlineData("{'a':[{'exists':'true'}]}", "a: \"exists\" must be true or false, not a string")]
    [InlineData("{'a':[{'cidr':10}]}", "a: \"cidr\" needs a string, not a number")]
    [InlineData("{'a':[{'cidr':'10.0.0.0'}]}", "a: \"cidr\" \"10.0.0.0\": a CIDR block needs exactly one '/'")]
    [InlineData("{'a':[{'cidr':'10.0.0.0/x'}]}", "a: \"cidr\" \"10.0.0.0/x\": the mask bits")]
    [InlineData("{'a':[{'cidr':'10.0.0.256/8'}]}", "a: \"cidr\" \"10.0.0.256/8\": \"10.0.0.256\" is not an IPv4 or IPv6 address")]
    [InlineData("{'a':[{'cidr':'10.0.0.1/32'}]}", "a: \"cidr\" \"10.0.0.1/32\": IPv4 mask bits must be less than 32")]
    [InlineData("{'a':[{'cidr':'2001:db8::/128'}]}", "a: \"cidr\" \"2001:db8::/128\": IPv6 mask bits must be less than 128")]
    [InlineData("{'a':[{'wildcard':'a**b'}]}", "a: \"wildcard\" \"a**b\": consecutive '*' at position 1")]
    [InlineData("{'a':[{'wildcard':'a\\\\b'}]}", "a: \"wildcard\" \"a\\b\": invalid escape at position 1")]
    [InlineData("{'a':[{'anything-but':[]}]}", "a: \"anything-but\" needs a non-empty list of strings only or of numbers only")]
    [InlineData("{'a':[{'anything-but':['x',1]}]}", "a: \"anything-but\" needs a non-empty list of strings only or of numbers only")]
    [InlineData("{'a':[{'anything-but':[null]}]}", "a: \"anything-but\" needs a non-empty list")]
    [InlineData("{'a':[{'anything-but':true}]}", "a: \"anything-but\" needs a string, a number, a list")]
    [InlineData("{'a':[{'anything-but':{'numeric':['>',1]}}]}", "a: \"anything-but\" \"numeric\" needs a string or a non-empty list of strings, not an array")]
    [InlineData("{'a':[{'anything-but':{'exists':'x'}}]}", "a: \"anything-but\" supports prefix, suffix, equals-ignore-case and wildcard objects, not \"exists\"")]
    [InlineData("{'a':[{'anything-but':{'prefix':''}}]}", "a: \"anything-but\" \"prefix\" cannot be empty")]
    [InlineData("{'a':[{'anything-but':{'suffix':['x','']}}]}", "a: \"anything-but\" \"suffix\" cannot be empty")]
    [InlineData("{'a':[{'anything-but':{'prefix':[]}}]}", "a: \"anything-but\" \"prefix\" needs a string or a non-empty list of strings, not an array")]
    [InlineData("{'a':[{'anything-but':{'equals-ignore-case':[1]}}]}", "a: \"anything-but\" \"equals-ignore-case\" needs a string or a non-empty list of strings")]
    [InlineData("{'a':[{'anything-but':{'wildcard':'x**'}}]}", "a: \"wildcard\" \"x**\": consecutive '*'")]
    [InlineData("{'a':[{'anything-but':1e400}]}", "a: \"anything-but\" cannot compare 1e400")]
    [InlineData("{'$or':[{'a':['x']}]}", "$or: \"$or\" must be an array of at least two pattern objects")]
    [InlineData("{'$or':{'a':['x']}}", "$or: \"$or\" must be an array of at least two pattern objects")]
    [InlineData("{'detail':{'$or':[{'a':['x']},'b']}}", "detail.$or[1]: \"$or\" holds pattern objects only, not a string")]
    [InlineData("{'$or':[{'a':['x']},{}]}", "$or[1]: empty objects are not allowed")]
    [InlineData("{'$or':[{'a':['x']},{'numeric':['>',1]}]}", "$or[1].numeric: \"numeric\" is an operator name and cannot be a field name inside \"$or\"")]
    [InlineData("{'$or':[{'a':['x']},{'b':{'c':{'d':[]}}}]}", "$or[1].b.c.d: empty arrays are not allowed")]
    public void Invalid_pattern_is_refused_naming_the_path_and_reason(string pattern, string expectedMessageStart)
    {
        var ex = Assert.Throws<EventPatternException>(() => EventPattern.Parse(pattern.Replace('\'', '"')));

        Assert.StartsWith(expectedMessageStart, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Valid_pattern_keeps_its_text_and_can_be_matched_repeatedly()
    {
        const string Text = """{"source":["com.example.orders"],"detail":{"total":[{"numeric":[">",100]}]}}""";
        var pattern = EventPattern.Parse(Text);
        using var big = JsonDocument.Parse("""{"source":"com.example.orders","detail":{"total":250}}""");
        using var small = JsonDocument.Parse("""{"source":"com.example.orders","detail":{"total":99}}""");

        Assert.Equal(Text, pattern.Text);
        Assert.True(pattern.Matches(big.RootElement));
        Assert.False(pattern.Matches(small.RootElement));
        Assert.True(pattern.Matches(big.RootElement));
    }

    [Fact]
    public void Operator_names_are_plain_field_names_outside_or()
    {
        // aws/event-ruler reserves operator names as field names only inside "$or".
        var pattern = EventPattern.Parse("""{"detail":{"prefix":["x"]}}""");
        using var @event = JsonDocument.Parse("""{"detail":{"prefix":"x"}}""");

        Assert.True(pattern.Matches(@event.RootElement));
    }
}
