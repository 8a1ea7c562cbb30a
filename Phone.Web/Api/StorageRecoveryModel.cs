using Phone.Storage.Recovery;

namespace Phone.Web.Api;

/// <summary>
/// <c>storageRecovery</c> in <c>GET /api/status</c>: what start-up did about a damaged database
/// in this run (absent when nothing happened), for tools that cannot read the pages' banner.
/// </summary>
public sealed record StorageRecoveryModel(
    DateTimeOffset At,
    string Problem,
    string DamagedFile,
    string Database,
    string? RestoredCopy,
    DateTimeOffset? RestoredCopyTakenAt,
    bool StartedWithDefaults)
{
    public static StorageRecoveryModel? From(StorageRecovery? recovery) => recovery is null
        ? null
        : new StorageRecoveryModel(recovery.At, recovery.Problem, recovery.DamagedFile, recovery.Database,
            recovery.RestoredCopy, recovery.RestoredCopyTakenAt, recovery.StartedWithDefaults);
}
