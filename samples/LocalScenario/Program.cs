using Insight.Local.Client;
using LocalScenario;

// The demo as a scenario on a local fleet: `insight local --tenants N --seed S -- dotnet run --project
// samples/LocalScenario -- --events E --seed S`. It exits 0 only when every event of every service reconciles.
ScenarioOptions options;
try
{
    options = ScenarioOptions.Parse(args);
}
catch (ArgumentException exception)
{
    Console.Error.WriteLine(exception.Message);
    return 2;
}

using var stop = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    e.Cancel = true;
    stop.Cancel();
};

try
{
    var state = LocalRunStateFile.Load(options.StatePath, Environment.CurrentDirectory);
    var report = await new Scenario(options, Console.Out).RunAsync(state, stop.Token);
    ReportWriter.Write(Console.Out, report);
    return report.Reconciled ? 0 : 1;
}
catch (Exception exception) when (exception is LocalRunNotFoundException or LocalBusException or TimeoutException or HttpRequestException or InvalidOperationException)
{
    Console.Error.WriteLine(exception.Message);
    return 1;
}
