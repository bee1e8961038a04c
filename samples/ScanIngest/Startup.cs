using Insight.Sdk;
using Microsoft.Extensions.DependencyInjection;

namespace ScanIngest;

/// <summary>The service's own registrations.</summary>
[FunctionStartup]
public static class Startup
{
    /// <summary>Adds the scan rules, shared by every invocation of the environment.</summary>
    public static void ConfigureServices(IServiceCollection services) => services.AddSingleton<ScanRules>();
}
