using System.Globalization;
using System.Text.Json;
using Insight.Sdk;
using Insight.Sdk.Hosting;

namespace Ergonomics;

/// <summary>
/// The tenant's ergonomics settings, from the deployment's <c>INSIGHT_TENANT_SETTINGS</c> JSON (the stack's
/// TenantSettings parameter) and never from an event, so a payload cannot lower another tenant's bar.
/// </summary>
public sealed class ErgonomicsSettings
{
    /// <summary>The environment variable holding the tenant settings JSON.</summary>
    public const string TenantSettingsVariable = "INSIGHT_TENANT_SETTINGS";

    /// <summary>The settings key of the alert threshold.</summary>
    public const string ThresholdKey = "ergonomicsThreshold";

    /// <summary>The threshold where the tenant sets none.</summary>
    public const double DefaultThreshold = 0.7;

    /// <summary>Settings with the given threshold.</summary>
    public ErgonomicsSettings(double threshold)
    {
        if (!(threshold is > 0 and <= 1))
        {
            throw new FunctionConfigurationException($"{ThresholdKey} in {TenantSettingsVariable} must be a number above 0 and at most 1, got {threshold.ToString(CultureInfo.InvariantCulture)}.");
        }

        Threshold = threshold;
    }

    /// <summary>The risk score (0–1) at which a worker's shift raises an alert.</summary>
    public double Threshold { get; }

    /// <summary>Reads the settings of the deployment; a malformed value fails initialisation, naming it.</summary>
    /// <exception cref="FunctionConfigurationException">The settings are not JSON, or the threshold is not a number in (0, 1].</exception>
    public static ErgonomicsSettings From(FunctionEnvironment environment)
    {
        if (environment.Read(TenantSettingsVariable) is not { Length: > 0 } json)
        {
            return new ErgonomicsSettings(DefaultThreshold);
        }

        try
        {
            using var settings = JsonDocument.Parse(json);
            if (settings.RootElement.ValueKind != JsonValueKind.Object || !settings.RootElement.TryGetProperty(ThresholdKey, out var threshold))
            {
                return new ErgonomicsSettings(DefaultThreshold);
            }

            return threshold.ValueKind == JsonValueKind.Number
                ? new ErgonomicsSettings(threshold.GetDouble())
                : throw new FunctionConfigurationException($"{ThresholdKey} in {TenantSettingsVariable} must be a number, got {threshold.GetRawText()}.");
        }
        catch (JsonException exception)
        {
            throw new FunctionConfigurationException($"{TenantSettingsVariable} is not JSON: {exception.Message}");
        }
    }
}
