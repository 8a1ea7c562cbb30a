using Phone.SipCore.FeatureSync.Model;
using Phone.SipCore.Lines;
using Phone.Storage.Events;

namespace Phone.Web.Application;

/// <summary>
/// The web's one way to make a feature change it acknowledges (the API's 202, the Status
/// page): the line takes the change, then the caller waits until the storage writer has
/// committed it, so an acknowledged change survives a crash or a power cut.
/// </summary>
/// <remarks>
/// Why waiting afterwards covers the change: <see cref="LineAgent.RequestAsync"/> runs the
/// wish on the line's queue and completes only after it ran, and everything it sets
/// (local execution, "pending" for a subscription or a feature code) is reported to the event
/// sink synchronously inside that run (<c>LineAgent.SetFeature</c>). The commit barrier taken
/// after the change service returns therefore covers a batch holding that state. The SIP core
/// itself never waits for storage.
/// </remarks>
public sealed class AcknowledgedFeatureChanges(IFeatureChangeService changes, IStorageCommitBarrier storage)
{
    public async Task<AcknowledgedChange> RequestAsync(int line, FeatureWish wish, CancellationToken cancellationToken)
    {
        var result = await changes.RequestAsync(line, wish, cancellationToken).ConfigureAwait(false);
        if (!result.Accepted)
        {
            return new AcknowledgedChange(ChangeAcknowledgement.Refused, result.Error);
        }
        try
        {
            await storage.WhenCommittedAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is StorageWriteException or ObjectDisposedException)
        {
            // The line has the change, but a restart would not: it must not be acknowledged.
            return new AcknowledgedChange(ChangeAcknowledgement.NotStored, ex.Message);
        }
        return new AcknowledgedChange(ChangeAcknowledgement.Stored, null);
    }
}

public enum ChangeAcknowledgement
{
    /// <summary>The line took the change and it is committed to the database.</summary>
    Stored,

    /// <summary>The line refused the change (disabled, invalid, no path); nothing was sent or stored.</summary>
    Refused,

    /// <summary>The line took the change but the database could not store it.</summary>
    NotStored,
}

/// <param name="Error">Why it was refused or not stored; null when stored.</param>
public sealed record AcknowledgedChange(ChangeAcknowledgement Outcome, string? Error);
