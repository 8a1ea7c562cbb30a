namespace Phone.Storage.Recovery;

/// <summary>
/// What start-up did about a damaged database: the damage found, where the damaged file was
/// moved, and the good copy restored in its place (null: none passed its check, so the phone
/// started with default settings).
/// </summary>
public sealed record StorageRecovery(
    DateTimeOffset At,
    string Problem,
    string DamagedFile,
    string Database,
    string? RestoredCopy,
    DateTimeOffset? RestoredCopyTakenAt)
{
    public bool StartedWithDefaults => RestoredCopy is null;
}
