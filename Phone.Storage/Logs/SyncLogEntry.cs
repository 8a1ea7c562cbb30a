using Phone.SipCore.Lines;
using Phone.SipCore.FeatureSync.Model;

namespace Phone.Storage.Logs;

/// <summary>One event in a line's sync log. <see cref="Id"/> is 0 until stored.</summary>
public sealed record SyncLogEntry(
    DateTimeOffset Time,
    int Line,
    SyncLogKind Kind,
    FeatureOrigin Origin,
    SyncOutcome Outcome,
    string Text)
{
    public long Id { get; init; }
}
