using Insight.Sdk;
using Insight.Sdk.Hosting;
using Microsoft.Extensions.DependencyInjection;

namespace Ergonomics;

/// <summary>The service's own registrations.</summary>
[FunctionStartup]
public static class Startup
{
    /// <summary>Adds the tenant's ergonomics settings, read once at initialisation.</summary>
    public static void ConfigureServices(IServiceCollection services) =>
        services.AddSingleton(provider => ErgonomicsSettings.From(provider.GetRequiredService<FunctionEnvironment>()));
}
