using System.Globalization;
using Phone.SipCore.FeatureSync.Model;

namespace Phone.SipCore.SyncLog;

/// <summary>
/// One argument of a <see cref="SyncLogEvent"/>: a value and how to render it. Names and
/// tokens, never words, so the page can say them in the viewer's language.
/// </summary>
public readonly record struct SyncLogArg(SyncLogArgKind Kind, string Value)
{
    /// <summary>Separates the parts of a <see cref="SyncLogArgKind.Value"/> token.</summary>
    public const char ValueSeparator = '|';

    public static SyncLogArg Text(string? value) => new(SyncLogArgKind.Text, value ?? "");

    public static SyncLogArg Text(long value) => new(SyncLogArgKind.Text, value.ToString(CultureInfo.InvariantCulture));

    public static SyncLogArg Detail(string? value) => new(SyncLogArgKind.Detail, value ?? "");

    /// <summary>A nested <see cref="StatusPhrase"/>, worded in the viewer's language where it stands.</summary>
    public static SyncLogArg Phrase(StatusPhrase phrase) => new(SyncLogArgKind.Phrase, (phrase ?? throw new ArgumentNullException(nameof(phrase))).Encode());

    /// <summary>
    /// A status line, a reason or an encoded <see cref="StatusPhrase"/> as it travels in a string
    /// field: a phrase when it decodes, else text shown as it is.
    /// </summary>
    public static SyncLogArg TextOrPhrase(string? value) =>
        StatusPhrase.TryDecode(value, out _) ? new(SyncLogArgKind.Phrase, value!) : Text(value);

    public static SyncLogArg Feature(FeatureKind kind) => new(SyncLogArgKind.Feature, kind.ToString());

    public static SyncLogArg Origin(FeatureOrigin origin) => new(SyncLogArgKind.Origin, origin.ToString());

    public static SyncLogArg Standing(FeatureStanding standing) => new(SyncLogArgKind.Standing, standing.ToString());

    /// <summary>
    /// <c>off</c>, <c>on</c>, <c>on|rings|target</c> (rings empty unless forward on no answer;
    /// the target last, so a separator inside it survives a split into three).
    /// </summary>
    public static SyncLogArg ValueOf(FeatureKind kind, FeatureValue value)
    {
        ArgumentNullException.ThrowIfNull(value);
        if (!value.Enabled)
        {
            return new(SyncLogArgKind.Value, "off");
        }
        if (kind == FeatureKind.Dnd)
        {
            return new(SyncLogArgKind.Value, "on");
        }
        var rings = kind == FeatureKind.ForwardNoAnswer ? value.RingCount?.ToString(CultureInfo.InvariantCulture) ?? "" : "";
        return new(SyncLogArgKind.Value, $"on{ValueSeparator}{rings}{ValueSeparator}{value.Target}");
    }
}
