namespace Phone.SipCore.SyncLog;

/// <summary>How the viewer's language renders a <see cref="SyncLogArg"/>.</summary>
public enum SyncLogArgKind
{
    /// <summary>Shown as it is: an address, a URI, a number, a dial string.</summary>
    Text,

    /// <summary>A <c>FeatureKind</c> name, shown as the feature's label.</summary>
    Feature,

    /// <summary>A feature value (<see cref="SyncLogArg.ValueOf"/>'s token), shown as "on", "off", "to 1002 after 3 rings".</summary>
    Value,

    /// <summary>A <c>FeatureOrigin</c> name, shown as its label.</summary>
    Origin,

    /// <summary>A <c>FeatureStanding</c> name, shown as its label.</summary>
    Standing,

    /// <summary>
    /// What the protocol said (a SIP status and reason, a parser's error), shown as it is after
    /// the event's sentence, in brackets. Not a placeholder of the event's text.
    /// </summary>
    Detail,

    /// <summary>An encoded <see cref="StatusPhrase"/>, worded in the viewer's language.</summary>
    Phrase,

    /// <summary>Validation failures (<see cref="ValidationArg"/>): codes and placeholders, worded in the viewer's language.</summary>
    Validation,
}
