namespace Phone.SipCore.Lines;

/// <summary>
/// The live state of every line. Pages and the SignalR hub subscribe; the SIP core publishes.
/// Handlers run on the publisher's thread and must only hand off (e.g. InvokeAsync).
/// </summary>
public interface ILineStatusFeed
{
    IReadOnlyList<LineStatus> Snapshot();

    LineStatus? Get(int line);

    /// <summary>Calls <paramref name="onChange"/> for every new snapshot until disposed.</summary>
    IDisposable Subscribe(Action<LineStatus> onChange);
}
