namespace Insight.Cli.Local.Emulation.Running;

/// <summary>
/// The account's sense of time: it starts at the real time and runs <c>scale</c> times faster, so every timer of the
/// emulation (schedules, visibility timeouts, batching windows, retry delays, event ages) is measured in emulated time
/// and waited for in real time divided by the scale. A function's own timeout stays real: its code runs at real speed.
/// </summary>
internal sealed class LocalClock
{
    private readonly TimeProvider _time;
    private readonly DateTimeOffset _origin;

    public LocalClock(TimeProvider time, double scale)
    {
        if (!(scale > 0) || double.IsInfinity(scale))
        {
            throw new ArgumentOutOfRangeException(nameof(scale), scale, "The time scale must be a positive number.");
        }

        _time = time;
        Scale = scale;
        _origin = time.GetUtcNow();
    }

    /// <summary>How many emulated seconds pass in one real second.</summary>
    public double Scale { get; }

    /// <summary>The emulated time now.</summary>
    public DateTimeOffset Now => _origin + ((_time.GetUtcNow() - _origin) * Scale);

    /// <summary>The real time an emulated span takes.</summary>
    public TimeSpan ToReal(TimeSpan emulated) => emulated / Scale;

    /// <summary>Waits until <paramref name="emulated"/> has passed in emulated time.</summary>
    public Task DelayAsync(TimeSpan emulated, CancellationToken cancellationToken) =>
        emulated <= TimeSpan.Zero ? Task.CompletedTask : Task.Delay(ToReal(emulated), _time, cancellationToken);

    /// <summary>Waits until the emulated time is <paramref name="when"/>.</summary>
    public Task DelayUntilAsync(DateTimeOffset when, CancellationToken cancellationToken) => DelayAsync(when - Now, cancellationToken);
}
