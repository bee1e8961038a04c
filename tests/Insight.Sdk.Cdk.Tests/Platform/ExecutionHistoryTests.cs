using System.Text.Json;
using Insight.Sdk.Cdk.Platform;
using Xunit.Abstractions;

namespace Insight.Sdk.Cdk.Tests.Platform;

/// <summary>
/// The vending state machine's worst case in execution-history events, computed from the synthesized definition: Step
/// Functions fails an execution that would write its 25,001st event, and no catch can handle that.
/// </summary>
[Collection(SynthCollection.Name)]
public sealed class ExecutionHistoryTests(ITestOutputHelper output)
{
    /// <summary>Step Functions' limit on one execution's history (Step Functions service quotas).</summary>
    private const int MaxHistoryEvents = 25_000;

    private static SynthesizedPlatform Platform => SynthesizedPlatform.Shared;

    [Fact]
    public void Neither_the_vending_execution_nor_a_stack_instance_child_can_exceed_the_history_limit()
    {
        var states = Platform.Definition.GetProperty("States");
        var parent = WorstCaseEvents(states);
        var map = states.EnumerateObject().Single(s => s.Value.TryGetProperty("ItemProcessor", out _)).Value;
        Assert.Equal("DISTRIBUTED", map.GetProperty("ItemProcessor").GetProperty("ProcessorConfig").GetProperty("Mode").GetString());
        var child = WorstCaseEvents(map.GetProperty("ItemProcessor").GetProperty("States"));
        output.WriteLine($"worst case: vending execution {parent:N0} events, each stack instance child {child:N0} events");

        Assert.InRange(parent, 1, MaxHistoryEvents);
        Assert.InRange(child, 1, MaxHistoryEvents);

        // The child's bound is dominated by its polling loop, which the poll count limits.
        Assert.True(child > AccountVending.StackInstancePolls * 10, $"the child's {child} events do not reflect {AccountVending.StackInstancePolls} polls");
    }

    [Fact]
    public void An_unbounded_loop_is_reported()
    {
        using var definition = JsonDocument.Parse("""
            {"Wait": {"Type": "Wait", "Seconds": 60, "Next": "Poll"},
             "Poll": {"Type": "Task", "Resource": "r", "Next": "Done?"},
             "Done?": {"Type": "Choice", "Choices": [{"Variable": "$.s", "StringEquals": "OK", "Next": "End"}], "Default": "Wait"},
             "End": {"Type": "Succeed"}}
            """);

        var exception = Assert.Throws<InvalidOperationException>(() => WorstCaseEvents(definition.RootElement));
        Assert.Contains("Done?", exception.Message, StringComparison.Ordinal);
    }

    /// <summary>
    /// An upper bound of the events one execution of <paramref name="states"/> writes: every state counted as if it ran
    /// (branches not taken included), each with all of its retries, and each state on a loop as often as the loop's
    /// counter allows — the largest number a choice on the loop compares with. A loop without one has no bound.
    /// </summary>
    private static long WorstCaseEvents(JsonElement states)
    {
        var names = states.EnumerateObject().Select(s => s.Name).ToList();
        var byName = states.EnumerateObject().ToDictionary(s => s.Name, s => s.Value);
        var visits = names.ToDictionary(n => n, _ => 1L);
        foreach (var loop in Loops(byName))
        {
            var bound = loop.Select(n => byName[n]).Where(s => s.GetProperty("Type").GetString() == "Choice")
                .SelectMany(s => s.GetProperty("Choices").EnumerateArray().SelectMany(NumericLimits))
                .DefaultIfEmpty(0)
                .Max();
            if (bound <= 0)
            {
                throw new InvalidOperationException($"The loop through {string.Join(", ", loop)} has no counter that bounds it.");
            }

            foreach (var name in loop)
            {
                visits[name] = (long)Math.Ceiling(bound);
            }
        }

        // The execution's own start and end.
        return 2 + names.Sum(n => visits[n] * Events(byName[n]));
    }

    /// <summary>History events of one run of a state (Step Functions' history event types).</summary>
    private static long Events(JsonElement state) => state.GetProperty("Type").GetString() switch
    {
        // Entered, scheduled, started, succeeded or failed, exited; every retry schedules, starts and fails again.
        "Task" => 5 + (3 * (state.TryGetProperty("Retry", out var retries) ? retries.EnumerateArray().Sum(r => r.TryGetProperty("MaxAttempts", out var a) ? a.GetInt32() : 3) : 0)),

        // Entered, started, the map run started and ended, succeeded, exited; the items run in child executions.
        "Map" when state.GetProperty("ItemProcessor").GetProperty("ProcessorConfig").GetProperty("Mode").GetString() == "DISTRIBUTED" => 6,
        "Map" => throw new InvalidOperationException("An inline map writes its iterations into this history; count them before using one."),
        _ => 2,
    };

    private static IEnumerable<double> NumericLimits(JsonElement rule)
    {
        foreach (var property in rule.EnumerateObject())
        {
            if (property.Name.StartsWith("Numeric", StringComparison.Ordinal) && property.Value.ValueKind == JsonValueKind.Number)
            {
                yield return property.Value.GetDouble();
            }
            else if (property.Name is "And" or "Or")
            {
                foreach (var limit in property.Value.EnumerateArray().SelectMany(NumericLimits))
                {
                    yield return limit;
                }
            }
        }
    }

    private static IEnumerable<string> Successors(JsonElement state)
    {
        if (state.TryGetProperty("Next", out var next))
        {
            yield return next.GetString()!;
        }

        if (state.TryGetProperty("Default", out var fallback))
        {
            yield return fallback.GetString()!;
        }

        foreach (var key in new[] { "Choices", "Catch" })
        {
            if (state.TryGetProperty(key, out var items))
            {
                foreach (var item in items.EnumerateArray())
                {
                    yield return item.GetProperty("Next").GetString()!;
                }
            }
        }
    }

    /// <summary>The strongly connected components with a cycle (Tarjan).</summary>
    private static List<List<string>> Loops(Dictionary<string, JsonElement> states)
    {
        var index = new Dictionary<string, int>();
        var low = new Dictionary<string, int>();
        var stack = new Stack<string>();
        var onStack = new HashSet<string>();
        var loops = new List<List<string>>();
        var counter = 0;

        void Visit(string name)
        {
            index[name] = low[name] = counter++;
            stack.Push(name);
            onStack.Add(name);
            foreach (var next in Successors(states[name]))
            {
                if (!index.ContainsKey(next))
                {
                    Visit(next);
                    low[name] = Math.Min(low[name], low[next]);
                }
                else if (onStack.Contains(next))
                {
                    low[name] = Math.Min(low[name], index[next]);
                }
            }

            if (low[name] == index[name])
            {
                var component = new List<string>();
                string member;
                do
                {
                    member = stack.Pop();
                    onStack.Remove(member);
                    component.Add(member);
                }
                while (member != name);

                if (component.Count > 1 || Successors(states[name]).Contains(name))
                {
                    loops.Add(component);
                }
            }
        }

        foreach (var name in states.Keys.Where(n => !index.ContainsKey(n)))
        {
            Visit(name);
        }

        return loops;
    }
}
