namespace Phone.SipCore.Lines;

/// <summary>
/// The way a feature's last change travelled, shown next to it (issue 17): kept in
/// <see cref="LineStatus"/> only, not stored, because it describes this run's traffic.
/// </summary>
public enum FeaturePath
{
    /// <summary>A NOTIFY or a Set SUBSCRIBE of the line's feature subscription (docs/protocol.md 1, 3).</summary>
    Subscription,

    /// <summary>A feature-code call (docs/protocol.md 2).</summary>
    Code,

    /// <summary>Executed by the phone itself; nothing was sent (docs/protocol.md 7).</summary>
    Local,
}
