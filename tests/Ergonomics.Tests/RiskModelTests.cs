using Insight.Sdk.Events;

namespace Ergonomics.Tests;

public sealed class RiskModelTests
{
    private static readonly long HalfHour = (long)TimeSpan.FromMinutes(30).TotalMilliseconds;
    private static readonly long OneHour = (long)TimeSpan.FromHours(1).TotalMilliseconds;

    [Fact]
    public void Each_component_is_its_rate_over_its_limit_weighted()
    {
        // 600 motions in half an hour = 1,200/h = the limit: 0.4. 675 s of 3,600 = 11.25 min/h of 15: 0.75 · 0.4 = 0.3.
        var risk = RiskModel.Score(new WorkerExposure("W-17", "S-early",
            RepetitiveMotions: 600, RepetitiveMotionsWindowMs: HalfHour, StrainedPostureSeconds: 675, StrainedPostureWindowMs: OneHour));

        Assert.Equal(0.7, risk.Score);
        Assert.Equal(1_200, risk.RepetitiveMotionsPerHour, 9);
        Assert.Equal(11.25, risk.StrainedPostureMinutesPerHour, 9);
        Assert.Equal(0, risk.OverheadReachesPerHour);
        Assert.Equal(ErgonomicsMeasure.RepetitiveMotions, risk.DominantMeasure);
    }

    [Fact]
    public void A_component_beyond_its_limit_counts_as_full_so_the_score_stays_within_one()
    {
        var risk = RiskModel.Score(new WorkerExposure("W-17", "S-early",
            RepetitiveMotions: 5_000, RepetitiveMotionsWindowMs: OneHour,
            StrainedPostureSeconds: 3_600, StrainedPostureWindowMs: OneHour,
            OverheadReaches: 30, OverheadReachesWindowMs: HalfHour));

        Assert.Equal(1.0, risk.Score);
    }

    [Fact]
    public void Overhead_reaches_weigh_a_fifth_and_steps_nothing()
    {
        // 30 reaches an hour is half the limit: 0.5 · 0.2.
        var risk = RiskModel.Score(new WorkerExposure("W-17", "S-early",
            Steps: 12_000, StepsWindowMs: OneHour, OverheadReaches: 15, OverheadReachesWindowMs: HalfHour));

        Assert.Equal(0.1, risk.Score);
        Assert.Equal(ErgonomicsMeasure.OverheadReaches, risk.DominantMeasure);
    }

    [Fact]
    public void Nothing_measured_scores_zero()
    {
        Assert.Equal(0, RiskModel.Score(new WorkerExposure("W-17", "S-early")).Score);
    }
}
