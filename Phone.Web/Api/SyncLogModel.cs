using Phone.SipCore.FeatureSync.Model;
using Phone.SipCore.Lines;
using Phone.SipCore.SyncLog;
using Phone.Storage.Logs;
using Phone.Web.Localization;

namespace Phone.Web.Api;

/// <summary>
/// One sync log event as <c>GET /api/lines/{n}/log</c> returns it: the fields it always had, with
/// <see cref="Text"/> worded in the request's language (Accept-Language), plus the event's
/// <see cref="Code"/> and <see cref="Args"/> for scripts (both null on rows older than schema 10).
/// </summary>
internal sealed record SyncLogModel(
    DateTimeOffset Time,
    int Line,
    SyncLogKind Kind,
    FeatureOrigin Origin,
    SyncOutcome Outcome,
    string Text,
    long Id,
    SyncLogCode? Code,
    IReadOnlyList<SyncLogArg>? Args)
{
    public static SyncLogModel From(SyncLogEntry entry, SyncLogRenderer words)
    {
        ArgumentNullException.ThrowIfNull(entry);
        ArgumentNullException.ThrowIfNull(words);
        return new(entry.Time, entry.Line, entry.Kind, entry.Origin, entry.Outcome, words.Render(entry), entry.Id,
            entry.Event?.Code, entry.Event is { } e ? [.. e.Args] : null);
    }
}
