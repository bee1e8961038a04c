using System.CommandLine;
using System.ComponentModel;
using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Insight.Cli.Build;
using Insight.Cli.Local;
using Insight.Cli.Local.Emulation;
using Insight.Cli.Local.Emulation.Planning;
using Insight.Cli.Local.Emulation.Running;
using Insight.Cli.Local.Standup;
using Insight.Local.Client;
using Insight.Local.DynamoDb;
using Insight.Local.Emulation;
using Insight.Local.Events;
using Insight.Local.Identity;
using Spectre.Console;

namespace Insight.Cli.Commands;

/// <summary>
/// <c>insight local</c>: stands up a team's monorepo on this machine, one emulated account per tenant, from the templates
/// it deploys: every service published for this machine through <c>insight build</c>'s publish-and-zip step, the
/// infrastructure app synthesized against that release, each tenant's templates planned with its parameter overrides,
/// then tables, functions, queues, rules, schedules and HTTP routes run as the account would run them.
/// </summary>
internal static class LocalCommand
{
    /// <summary>The exit code after Ctrl-C.</summary>
    public const int StoppedExitCode = 130;

    /// <summary>The region every local account is in.</summary>
    public const string Region = LocalTenant.Region;

    /// <summary>The audience of the local issuer's tokens, which replaces every JWT authorizer's.</summary>
    public const string Audience = "insight-local";

    // After the command: long enough in emulated time for a poison message to run through its receives to the
    // dead-letter queue, at most two minutes of real time.
    private static readonly TimeSpan DrainLimit = TimeSpan.FromMinutes(30);

    /// <summary>The command; <paramref name="console"/> replaces the terminal (tests).</summary>
    public static Command Create(IAnsiConsole? console = null)
    {
        var tenants = new Option<int?>("--tenants") { Description = "Synthetic tenants to stand up side by side (tenant-001, …), each an account of its own (default 2)" };
        var tenantsFile = new Option<FileInfo?>("--tenants-file") { Description = "The tenants file the infrastructure app deploys ([{\"tenantId\",\"accountId\",\"settings\"?}]): stand up those accounts" };
        var infra = new Option<string?>("--infra") { Description = "The infrastructure project (default: the one project of the solution that references Insight.Sdk.Cdk and the CDK)" };
        var cdkOut = new Option<DirectoryInfo?>("--cdk-out") { Description = "A cloud assembly already synthesized (its *.template.json), instead of building and synthesizing; its release folder is found beside it or in .insight/local/release" };
        var jit = new Option<bool>("--jit") { Description = "Run each service's built assembly with dotnet instead of publishing it natively: a faster edit-run loop" };
        var timeScale = new Option<double>("--time-scale") { Description = "How much faster than real time every timer runs (schedules, visibility timeouts, batching windows, retry delays)", DefaultValueFactory = _ => 1 };
        var report = new Option<string?>("--report") { Description = "At exit, write the final status to standard output as JSON (the view then goes to standard error)" };
        report.AcceptOnlyFromAmong("json");
        var seed = new Option<int>("--seed") { Description = "Seed of the synthetic tenants' account ids", DefaultValueFactory = _ => 42 };
        var command = new Argument<string[]>("command")
        {
            Description = "After --: a command to run once every tenant is up, with INSIGHT_LOCAL_STATE set; the run then stops with its exit code",
            Arity = ArgumentArity.ZeroOrMore,
        };

        var local = new Command("local", "Stand up every service of this monorepo for several tenant accounts on this machine, from the templates it deploys")
        {
            tenants, tenantsFile, infra, cdkOut, jit, timeScale, report, seed, command,
        };
        local.Validators.Add(result =>
        {
            if (result.GetValue(tenants) is { } count && count < 1)
            {
                result.AddError("--tenants must be at least 1.");
            }

            if (result.GetValue(tenants) is not null && result.GetValue(tenantsFile) is not null)
            {
                result.AddError("Give --tenants or --tenants-file, not both.");
            }

            if (result.GetValue(infra) is not null && result.GetValue(cdkOut) is not null)
            {
                result.AddError("Give --infra or --cdk-out, not both: --cdk-out skips the build and the synth.");
            }

            if (result.GetValue(timeScale) is var scale && (!(scale > 0) || double.IsInfinity(scale)))
            {
                result.AddError("--time-scale must be a positive number.");
            }
        });
        local.SetAction((parse, cancellationToken) =>
        {
            var options = new LocalOptions(
                parse.GetValue(tenants), parse.GetValue(tenantsFile)?.FullName, parse.GetValue(infra), parse.GetValue(cdkOut)?.FullName, parse.GetValue(jit),
                parse.GetValue(timeScale), parse.GetValue(report) == "json", parse.GetValue(seed), parse.GetValue(command) ?? []);
            var view = console ?? (options.JsonReport ? AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(Console.Error) }) : AnsiConsole.Console);
            return RunAsync(view, options, Environment.CurrentDirectory, cancellationToken);
        });
        return local;
    }

    /// <summary>The command line, parsed.</summary>
    internal sealed record LocalOptions(
        int? Tenants, string? TenantsFile, string? Infra, string? CdkOut, bool Jit, double TimeScale, bool JsonReport, int Seed, IReadOnlyList<string> Command);

    internal static async Task<int> RunAsync(IAnsiConsole console, LocalOptions options, string workingDirectory, CancellationToken cancellationToken)
    {
        var output = new ConsoleLines(console);
        string? statePath = null;
        try
        {
            var monorepo = await Monorepo.FindAsync(workingDirectory, options.Infra, needsInfra: options.CdkOut is null, cancellationToken);
            var tenants = options.TenantsFile is { } file ? LocalTenants.FromFile(file) : LocalTenants.Synthetic(options.Tenants ?? 2, options.Seed);
            var (cloudAssembly, code) = await PrepareAsync(console, output, monorepo, options, cancellationToken);
            var services = ServiceTemplate.LoadAll(cloudAssembly);

            // The control endpoint first: its address is the local issuer's, which every plan's authorizers take.
            var status = new RunStatusSource();
            await using var control = await LoopbackServer.StartAsync(0, "the run's control endpoint", status.HandleAsync, cancellationToken);
            var issuerUrl = $"{control.Url}/issuer";
            var keyFile = Path.Combine(monorepo.LocalFolder, "issuer.key");
            var issuer = LocalIssuer.LoadOrCreate(keyFile, issuerUrl, Audience);
            var settings = new PlanningSettings(Region, issuerUrl, Audience, StackSetParameters(issuerUrl), code);

            // Every tenant is planned before anything starts: an unsupported template refuses the run with every problem listed.
            var plans = tenants.Select(tenant => AccountPlanner.Plan(services, LocalTenants.Planned(tenant), settings)).ToList();
            if (NotEmulated(plans[0].NotEmulated) is { Length: > 0 } notEmulated)
            {
                console.Profile.Out.Writer.WriteLine($"Not emulated (no local effect), in every account: {notEmulated}");
            }

            await using var dynamoDb = await StartDynamoDbLocalAsync(console, monorepo, cancellationToken);
            var view = new RunView(console, live: options.Command.Count == 0 && RunView.CanBeLive(console));
            var accountOptions = new LocalAccountOptions(dynamoDb.ServiceUrl, options.TimeScale, Math.Max(2, Environment.ProcessorCount), view, TimeProvider.System);
            await using var running = new RunningTenants();
            foreach (var plan in plans)
            {
                await running.StartAsync(plan, accountOptions, issuer, cancellationToken);
                console.MarkupLineInterpolated(
                    $"[green]✓[/] {plan.TenantId} (account {plan.AccountId}): {plan.Tables.Count} tables, {plan.Functions.Count} functions, {plan.Queues.Count} queues, {plan.Rules.Count} rules, {plan.Routes.Count} routes; events at {running.Tenants[^1].Events.Url}{(running.Tenants[^1].Http is { } http ? $", HTTP at {http.Url}" : "")}");
            }

            status.Source = running.Status;
            var state = new LocalRunState(
                control.Url,
                dynamoDb.ServiceUrl,
                new LocalIssuerInfo(issuerUrl, Audience, keyFile),
                [.. running.Tenants.Select(t => new LocalTenantEndpoints(
                    t.Plan.TenantId, t.Plan.AccountId, t.Events.Url, t.Http?.Url, t.Plan.AccountId,
                    t.Plan.Tables.ToDictionary(table => $"{table.Service}/{table.LogicalId}", table => table.Create.TableName, StringComparer.Ordinal),
                    t.Plan.Region))]);
            statePath = Path.Combine(monorepo.Root, LocalRunStateFile.RelativePath);
            Directory.CreateDirectory(Path.GetDirectoryName(statePath)!);
            await File.WriteAllTextAsync(statePath, JsonSerializer.Serialize(state, LocalRunJsonContext.Default.LocalRunState), cancellationToken);
            console.MarkupLineInterpolated($"[green]✓[/] {running.Tenants.Count} tenant accounts up; state in {Path.GetRelativePath(monorepo.Root, statePath)}, status at {control.Url}/status. Ctrl-C stops everything.");

            var exitCode = 0;
            using var stopView = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            var showing = view.ShowAsync(running.Status, stopView.Token);
            try
            {
                if (options.Command.Count > 0)
                {
                    exitCode = await RunCommandAsync(options.Command, statePath, monorepo.Root, cancellationToken);
                    await running.DrainAsync(DrainLimit, options.TimeScale, cancellationToken);
                }
                else
                {
                    await Task.Delay(Timeout.Infinite, cancellationToken);
                }
            }
            finally
            {
                await stopView.CancelAsync();
                await showing;
            }

            Finish(view, running.Status(), options.JsonReport);
            return exitCode;
        }
        catch (Exception) when (cancellationToken.IsCancellationRequested)
        {
            console.MarkupLine("[yellow]Stopped.[/] Every process and server the run started, DynamoDB Local included, has been shut down.");
            return StoppedExitCode;
        }
        catch (PlanningException exception)
        {
            console.MarkupLine("[red]The templates describe something insight local does not run as the account would, so the run does not start:[/]");
            foreach (var problem in exception.Problems)
            {
                console.Profile.Out.Writer.WriteLine($"  {problem}");
            }

            return 1;
        }
        catch (Exception exception) when (exception is LocalRunException or BuildException)
        {
            console.MarkupLineInterpolated($"[red]{exception.Message}[/]");
            return 1;
        }
        finally
        {
            if (statePath is not null && File.Exists(statePath))
            {
                File.Delete(statePath);
            }
        }
    }

    /// <summary>
    /// The resources with no local effect, once: a count per type (every service has its roles and log groups), and each
    /// resource that is emulated but has settings that are not (a stage's logging and throttling) by name.
    /// </summary>
    internal static string NotEmulated(IReadOnlyList<string> entries)
    {
        static bool Whole(string entry) => !entry.Contains("): ", StringComparison.Ordinal);
        var byType = entries.Where(Whole).GroupBy(e => e[(e.LastIndexOf('(') + 1)..^1], StringComparer.Ordinal)
            .OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => $"{g.Count().ToString(CultureInfo.InvariantCulture)} {g.Key}");
        return string.Join("; ", byType.Concat(entries.Where(e => !Whole(e))));
    }

    /// <summary>Values the platform sets on every stack set rather than per account, as the local run sets them.</summary>
    private static Dictionary<string, string> StackSetParameters(string issuerUrl) => new(StringComparer.Ordinal)
    {
        ["ArtifactBucket"] = "insight-local-artifacts",
        ["AlarmTopicArn"] = $"arn:aws:sns:{Region}:000000000000:insight-local-alarms",
        ["JwtIssuer"] = issuerUrl,
        ["JwtAudience"] = Audience,
    };

    /// <summary>The cloud assembly and where its code keys are: given with --cdk-out, or built, published and synthesized.</summary>
    private static async Task<(string CloudAssembly, FunctionCode Code)> PrepareAsync(
        IAnsiConsole console, TextWriter output, Monorepo monorepo, LocalOptions options, CancellationToken cancellationToken)
    {
        var unpacked = Path.Combine(monorepo.LocalFolder, "code");
        if (options.CdkOut is { } given)
        {
            // A cloud assembly synthesized by insight local or by the pipeline: its packages are in the release it was synthesized against.
            var release = new[] { Path.Combine(monorepo.LocalFolder, "release"), Path.Combine(monorepo.Root, "artifacts", "release") }
                .FirstOrDefault(folder => File.Exists(Path.Combine(folder, ReleaseIndexFile.FileName)))
                ?? throw new LocalRunException($"--cdk-out {given}: no release beside it (.insight/local/release or artifacts/release with {ReleaseIndexFile.FileName}); run insight build first.");
            return (given, new FunctionCode(release, unpacked));
        }

        var watch = Stopwatch.StartNew();
        var releaseFolder = Path.Combine(monorepo.LocalFolder, options.Jit ? "release-jit" : "release");
        string index;
        IReadOnlyDictionary<string, LocatedCode>? jitBuilds = null;
        if (options.Jit)
        {
            (index, jitBuilds) = await JitRelease.BuildAsync(output, monorepo.Solution ?? monorepo.Root, releaseFolder, cancellationToken);
        }
        else
        {
            index = await BuildCommand.BuildReleaseAsync(output, monorepo.Solution ?? monorepo.Root, releaseFolder, Path.Combine(monorepo.LocalFolder, "publish"), "host", cancellationToken);
        }

        var cloudAssembly = Path.Combine(monorepo.LocalFolder, "cdk.out");
        await InfraSynth.RunAsync(monorepo.Infra!, cloudAssembly, index, BuildCommand.HostArchitecture(), output, cancellationToken);
        console.MarkupLineInterpolated(CultureInfo.InvariantCulture, $"[green]✓[/] Built and synthesized in {watch.Elapsed.TotalSeconds:F0} s");
        return (cloudAssembly, new FunctionCode(releaseFolder, unpacked, jitBuilds));
    }

    private static async Task<DynamoDbLocal> StartDynamoDbLocalAsync(IAnsiConsole console, Monorepo monorepo, CancellationToken cancellationToken)
    {
        var watch = Stopwatch.StartNew();
        try
        {
            // A repository whose scripts already keep the emulator in .tools/ shares it; otherwise it is fetched below .insight/.
            var shared = Path.Combine(monorepo.Root, ".tools");
            var dynamoDb = await DynamoDbLocal.StartAsync(Directory.Exists(shared) ? shared : Path.Combine(monorepo.Root, ".insight", "tools"), cancellationToken);
            console.MarkupLineInterpolated(CultureInfo.InvariantCulture, $"[green]✓[/] DynamoDB Local (in memory) at {dynamoDb.ServiceUrl}, started in {watch.Elapsed.TotalSeconds:F0} s");
            return dynamoDb;
        }
        catch (Exception exception) when ((exception is InvalidOperationException or Win32Exception) && !cancellationToken.IsCancellationRequested)
        {
            throw new LocalRunException(
                $"DynamoDB Local did not start: {exception.Message} It needs Java 17 or later on the PATH (e.g. apt-get install openjdk-17-jre-headless), and npm the first time, to fetch its jar.");
        }
    }

    /// <summary>Runs the command after <c>--</c> with the run's state in its environment; its exit code, or 127 when it cannot start.</summary>
    private static async Task<int> RunCommandAsync(IReadOnlyList<string> command, string statePath, string workingDirectory, CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo(command[0]) { UseShellExecute = false, WorkingDirectory = workingDirectory };
        foreach (var argument in command.Skip(1))
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment[LocalRunStateFile.EnvironmentVariable] = statePath;
        Process process;
        try
        {
            process = Process.Start(start) ?? throw new LocalRunException($"{command[0]} did not start.");
        }
        catch (Win32Exception exception)
        {
            throw new LocalRunException($"{command[0]} did not start: {exception.Message}");
        }

        using (process)
        {
            try
            {
                await process.WaitForExitAsync(cancellationToken);
            }
            catch (OperationCanceledException)
            {
                process.Kill(entireProcessTree: true);
                throw;
            }

            return process.ExitCode;
        }
    }

    private static void Finish(RunView view, LocalRunStatus status, bool jsonReport)
    {
        view.WriteFinal(status);
        if (jsonReport)
        {
            Console.Out.WriteLine(JsonSerializer.Serialize(status, LocalRunJsonContext.Default.LocalRunStatus));
        }
    }

    /// <summary>
    /// Build and synth output, line by line, straight to the console's writer: rendered as Spectre text it would be
    /// wrapped at the console's width and read as markup.
    /// </summary>
    private sealed class ConsoleLines(IAnsiConsole console) : TextWriter
    {
        public override System.Text.Encoding Encoding => System.Text.Encoding.UTF8;

        public override void WriteLine(string? value)
        {
            lock (this)
            {
                console.Profile.Out.Writer.WriteLine(value ?? "");
            }
        }

        public override void Write(char value) => console.Profile.Out.Writer.Write(value);
    }
}

/// <summary>
/// The running accounts, each with its PutEvents endpoint and HTTP port; disposing stops them all (servers first, then
/// each account's processes), so nothing outlives the run.
/// </summary>
internal sealed class RunningTenants : IAsyncDisposable
{
    private readonly List<RunningTenant> _tenants = [];

    public IReadOnlyList<RunningTenant> Tenants => _tenants;

    public async Task StartAsync(AccountPlan plan, LocalAccountOptions options, LocalIssuer issuer, CancellationToken cancellationToken)
    {
        // The bus endpoint first, so functions that put events reach their own account's bus through it.
        var account = new TaskCompletionSource<LocalAccount>(TaskCreationOptions.RunContinuationsAsynchronously);
        PutEventsEndpoint events;
        try
        {
            events = await PutEventsEndpoint.StartAsync(async (entries, ct) => await (await account.Task.ConfigureAwait(false)).PutEventsAsync(entries, ct).ConfigureAwait(false), 0, cancellationToken);
        }
        catch (InvalidOperationException exception)
        {
            throw new LocalRunException(exception.Message);
        }

        var tenant = new RunningTenant(plan, events);
        _tenants.Add(tenant);
        var withBus = plan with
        {
            Functions = [.. plan.Functions.Select(f => f with { Environment = new Dictionary<string, string>(f.Environment) { ["AWS_ENDPOINT_URL_EVENTS"] = events.Url.TrimEnd('/') } })],
        };
        try
        {
            tenant.Account = await LocalAccount.StartAsync(withBus, options, cancellationToken);
        }
        catch (Exception exception)
        {
            account.TrySetException(exception);
            throw;
        }

        account.SetResult(tenant.Account);
        tenant.Http = await TenantHttpApi.StartAsync(withBus, issuer, tenant.Account.InvokeAsync, options.Time, cancellationToken);
    }

    /// <summary>The status of every account, as the view, <c>GET /status</c> and <c>--report json</c> show it.</summary>
    public LocalRunStatus Status()
    {
        var accounts = _tenants.Select(t => t.Account).OfType<LocalAccount>().ToList();
        var events = accounts.Select(a => a.Events()).ToList();
        return new LocalRunStatus(
            DateTimeOffset.UtcNow,
            accounts.Sum(a => a.InFlight()),
            new EventAccounting(events.Sum(e => e.Sent), events.Sum(e => e.Delivered), events.Sum(e => e.FailedToDeadLetter), events.Sum(e => e.MatchedNoRule), events.Sum(e => e.Pending)),
            [.. accounts.SelectMany(a => a.Functions())],
            [.. accounts.SelectMany(a => a.Queues())]);
    }

    /// <summary>Waits until no account has work in flight, at most <paramref name="limit"/> of emulated time.</summary>
    public async Task DrainAsync(TimeSpan limit, double timeScale, CancellationToken cancellationToken)
    {
        var deadline = Stopwatch.StartNew();
        var real = TimeSpan.FromTicks(Math.Clamp((limit / timeScale).Ticks, TimeSpan.FromSeconds(5).Ticks, TimeSpan.FromMinutes(2).Ticks));
        while (_tenants.Any(t => t.Account?.InFlight() > 0) && deadline.Elapsed < real)
        {
            await Task.Delay(100, cancellationToken);
        }
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var tenant in _tenants)
        {
            if (tenant.Http is { } http)
            {
                await http.DisposeAsync();
            }

            await tenant.Events.DisposeAsync();
        }

        foreach (var tenant in _tenants)
        {
            if (tenant.Account is { } account)
            {
                await account.DisposeAsync();
            }
        }
    }
}

/// <summary>One tenant's running account and its endpoints.</summary>
internal sealed class RunningTenant(AccountPlan plan, PutEventsEndpoint events)
{
    public AccountPlan Plan { get; } = plan;

    public PutEventsEndpoint Events { get; } = events;

    public LocalAccount? Account { get; set; }

    public LoopbackServer? Http { get; set; }
}
