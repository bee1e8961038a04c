using Insight.Cli.Build;

namespace Insight.Cli.Tests.Build;

/// <summary>Which projects of a folder <c>insight build</c> and <c>insight local</c> publish as services.</summary>
public sealed class ServiceProjectTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("insight-services-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public async Task Executables_referencing_insight_sdk_are_services_but_test_projects_and_opted_out_ones_are_not()
    {
        Project("Orders", "<OutputType>Exe</OutputType>");
        Project("Orders.Tests", "<OutputType>Exe</OutputType><IsTestProject>true</IsTestProject>");
        Project("LoadDriver", "<OutputType>Exe</OutputType><InsightService>false</InsightService>");
        Project("Shared", "<OutputType>Library</OutputType>");

        var services = await ServiceProject.FindAsync(_folder, architectureOverride: null, CancellationToken.None);

        Assert.Equal(["Orders.csproj"], services.Select(service => Path.GetFileName(service.Project)));
    }

    private void Project(string name, string properties)
    {
        var folder = Directory.CreateDirectory(Path.Combine(_folder, name)).FullName;
        File.WriteAllText(Path.Combine(folder, name + ".csproj"), $"""
            <Project Sdk="Microsoft.NET.Sdk">
              <PropertyGroup><TargetFramework>net10.0</TargetFramework>{properties}</PropertyGroup>
              <ItemGroup><ProjectReference Include="../../sdk/Insight.Sdk/Insight.Sdk.csproj" /></ItemGroup>
            </Project>
            """);
    }
}
