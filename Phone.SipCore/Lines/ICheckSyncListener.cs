namespace Phone.SipCore.Lines;

/// <summary>
/// Told when a line's own server asks the phone to re-provision: an unsolicited NOTIFY with
/// <c>Event: check-sync</c> (as BroadWorks and Asterisk send it). The trust policy has already
/// admitted the sender. Called on the line's queue: hand the work off, do not wait.
/// </summary>
public interface ICheckSyncListener
{
    /// <param name="reboot">The server asked for a reboot (<c>reboot=true</c>); the phone never reboots, it resyncs.</param>
    void CheckSyncRequested(int line, bool reboot);
}
