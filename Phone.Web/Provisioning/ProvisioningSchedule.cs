using System.Threading.Channels;

namespace Phone.Web.Provisioning;

/// <summary>
/// What the scheduler shares: the next scheduled fetch (for the page) and the wake-ups it
/// waits on (a check-sync from a line, changed settings). Check-syncs are bounded and a burst
/// beyond the bound is dropped: one fetch serves them all.
/// </summary>
public sealed class ProvisioningSchedule
{
    private readonly Channel<int> _checkSyncs = Channel.CreateBounded<int>(
        new BoundedChannelOptions(8) { FullMode = BoundedChannelFullMode.DropWrite, SingleReader = true });
    private readonly Channel<bool> _wake = Channel.CreateBounded<bool>(
        new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite, SingleReader = true });
    private int _settingsChanged;
    // A boxed value: read by pages, written by the scheduler, replaced whole.
    private volatile object? _next;

    /// <summary>When the next periodic fetch is due; null when none is scheduled.</summary>
    public DateTimeOffset? NextFetch
    {
        get => (DateTimeOffset?)_next;
        internal set => _next = value;
    }

    /// <summary>Raised when <see cref="NextFetch"/> changes or an attempt was recorded; pages refresh.</summary>
    public event Action? Changed;

    /// <summary>A line's server asked for a resync. Never waits (called on the line's queue).</summary>
    public void CheckSyncRequested(int line)
    {
        _checkSyncs.Writer.TryWrite(line);
        _wake.Writer.TryWrite(true);
    }

    /// <summary>The settings were saved: the scheduler re-reads them and reschedules.</summary>
    public void SettingsChanged()
    {
        Interlocked.Exchange(ref _settingsChanged, 1);
        _wake.Writer.TryWrite(true);
    }

    internal void RaiseChanged() => Changed?.Invoke();

    internal async Task WaitAsync(CancellationToken cancellationToken)
    {
        await _wake.Reader.ReadAsync(cancellationToken);
    }

    internal bool TakeSettingsChanged() => Interlocked.Exchange(ref _settingsChanged, 0) == 1;

    internal bool TryTakeCheckSync(out int line) => _checkSyncs.Reader.TryRead(out line);
}
