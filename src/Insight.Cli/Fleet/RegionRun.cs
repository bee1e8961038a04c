namespace Insight.Cli.Fleet;

/// <summary>
/// One operation in one region. Each instance runs in a slot; a slot's wave is one more than that of the instance
/// it follows, so the waves are the longest chain of instances run one after another in a slot.
/// </summary>
internal sealed class RegionRun
{
    private readonly int[] _accounts;
    private readonly Queue<int> _freeSlotWaves = new();
    private readonly ConcurrencyMode _mode;
    private int _next;
    private int _running;
    private int _succeeded;
    private int _waves;
    private double _start;
    private double _end;
    private bool _begun;
    private bool _ended;
    private bool _skipped;

    public RegionRun(SimulatedOperation operation, string region, int[] accounts, int maxPercentage, int tolerancePercentage, ConcurrencyMode mode)
    {
        Operation = operation;
        Region = region;
        _accounts = accounts;
        _mode = mode;
        MaxConcurrent = Math.Max(1, accounts.Length * maxPercentage / 100);
        Tolerance = accounts.Length * tolerancePercentage / 100;
        for (var slot = 0; slot < InitialConcurrency; slot++)
        {
            _freeSlotWaves.Enqueue(0);
        }
    }

    public SimulatedOperation Operation { get; }

    public string Region { get; }

    public int MaxConcurrent { get; }

    public int Tolerance { get; }

    public int InitialConcurrency => _mode == ConcurrencyMode.Strict ? Math.Min(MaxConcurrent, Tolerance + 1) : MaxConcurrent;

    public List<int> FailedAccounts { get; } = [];

    public bool Stopped => FailedAccounts.Count > Tolerance;

    public bool Done => (Stopped || _next == _accounts.Length) && _running == 0;

    /// <summary>Concurrency allowed now: strict mode keeps running instances at most one above the failures still tolerated.</summary>
    private int Limit => _mode == ConcurrencyMode.Strict ? Math.Min(MaxConcurrent, Tolerance + 1 - FailedAccounts.Count) : MaxConcurrent;

    public bool CanLaunch => _begun && !_ended && !Stopped && _next < _accounts.Length && _running < Limit;

    public void Begin(double minutes)
    {
        _begun = true;
        _start = minutes;
        if (_accounts.Length == 0)
        {
            End(minutes);
        }
    }

    public (int Account, int Wave) Launch()
    {
        var wave = (_freeSlotWaves.Count > 0 ? _freeSlotWaves.Dequeue() : 0) + 1;
        _waves = Math.Max(_waves, wave);
        _running++;
        return (_accounts[_next++], wave);
    }

    public void Finish(int account, int wave, bool failed)
    {
        _running--;
        _freeSlotWaves.Enqueue(wave);
        if (failed)
        {
            FailedAccounts.Add(account);
        }
        else
        {
            _succeeded++;
        }
    }

    public void End(double minutes)
    {
        _ended = true;
        _end = minutes;
    }

    public void Skip(double minutes)
    {
        _skipped = true;
        _start = minutes;
        End(minutes);
    }

    public RegionOutcome Outcome() => new(
        Region,
        _accounts.Length,
        MaxConcurrent,
        InitialConcurrency,
        Tolerance,
        _waves,
        _start,
        _end,
        _succeeded,
        FailedAccounts.Count,
        _skipped ? _accounts.Length : _accounts.Length - _next,
        Stopped);
}
