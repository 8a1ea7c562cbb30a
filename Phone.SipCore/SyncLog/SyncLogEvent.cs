using System.Collections.Immutable;
using Phone.SipCore.FeatureSync.Model;

namespace Phone.SipCore.SyncLog;

/// <summary>
/// One sync log event as the SIP core reports it: what happened (<see cref="Code"/>) and its
/// arguments, no sentence. Storage keeps both; the pages and the API word it in the viewer's
/// language (Phone.Web's SyncLogText resource has a text per code).
/// </summary>
public sealed record SyncLogEvent(SyncLogCode Code, ImmutableArray<SyncLogArg> Args)
{
    public static SyncLogEvent Of(SyncLogCode code, params ReadOnlySpan<SyncLogArg> args) => new(code, [.. args]);

    /// <summary>An event about a feature and a value: arguments {0} (feature) and {1} (value) first.</summary>
    public static SyncLogEvent About(SyncLogCode code, FeatureKind kind, FeatureValue value, params ReadOnlySpan<SyncLogArg> more) =>
        new(code, [SyncLogArg.Feature(kind), SyncLogArg.ValueOf(kind, value), .. more]);

    /// <summary>Code and raw arguments, for the process log and as the stored fallback text; not for people.</summary>
    public override string ToString() =>
        Args.IsDefaultOrEmpty ? Code.ToString() : $"{Code} {string.Join(" ", Args.Select(a => a.Value))}";

    public bool Equals(SyncLogEvent? other) =>
        other is not null && Code == other.Code && Args.AsSpan().SequenceEqual(other.Args.AsSpan());

    public override int GetHashCode() => HashCode.Combine(Code, Args.Length);
}
