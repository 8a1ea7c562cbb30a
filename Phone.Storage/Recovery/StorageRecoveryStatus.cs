namespace Phone.Storage.Recovery;

/// <summary>
/// The recovery of this run, if there was one, for the pages' banner, the status API and tools.
/// Kept in memory: the notice stays until the phone restarts; the damaged file stays in the
/// data folder.
/// </summary>
public sealed class StorageRecoveryStatus
{
    private StorageRecovery? _recovery;

    public StorageRecovery? Recovery
    {
        get => Volatile.Read(ref _recovery);
        internal set => Volatile.Write(ref _recovery, value);
    }
}
