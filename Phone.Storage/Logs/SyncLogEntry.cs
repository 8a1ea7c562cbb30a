using Phone.SipCore.Lines;
using Phone.SipCore.FeatureSync.Model;
using Phone.SipCore.SyncLog;

namespace Phone.Storage.Logs;

/// <summary>One event in a line's sync log. <see cref="Id"/> is 0 until stored.</summary>
/// <param name="Text">
/// Rows from before schema 10: the sentence as it was written. Newer rows: a plain fallback
/// (the event's code and argument values); pages word <see cref="Event"/> instead.
/// </param>
public sealed record SyncLogEntry(
    DateTimeOffset Time,
    int Line,
    SyncLogKind Kind,
    FeatureOrigin Origin,
    SyncOutcome Outcome,
    string Text)
{
    public long Id { get; init; }

    /// <summary>The event's code and arguments; null for rows written before schema 10.</summary>
    public SyncLogEvent? Event { get; init; }
}
