using System.Globalization;
using Microsoft.Extensions.Localization;
using Phone.SipCore.FeatureSync.Model;
using Phone.SipCore.SyncLog;
using Phone.Storage.Logs;
using Phone.Web.Resources;

namespace Phone.Web.Localization;

/// <summary>
/// Words a sync log event in the current UI culture (the page's, or the API request's
/// Accept-Language): the code's sentence from <see cref="SyncLogText"/>, feature, origin and
/// standing names through the page labels, and the protocol's detail verbatim after it.
/// Rows from before the events were stored show their stored text.
/// </summary>
public sealed class SyncLogRenderer(IStringLocalizer<SyncLogText> text, IStringLocalizer<PageText> labels)
{
    public string Render(SyncLogEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        return entry.Event is { } logEvent ? Render(logEvent) : entry.Text;
    }

    public string Render(SyncLogEvent logEvent)
    {
        ArgumentNullException.ThrowIfNull(logEvent);
        var args = logEvent.Args.IsDefault ? [] : logEvent.Args;
        var placed = args.Where(a => a.Kind != SyncLogArgKind.Detail).Select(Word).ToArray<object>();
        var sentence = text[$"SyncLog.{logEvent.Code}", placed].Value;
        foreach (var detail in args.Where(a => a.Kind == SyncLogArgKind.Detail && a.Value.Length > 0))
        {
            sentence = text["SyncLog.WithDetail", sentence, detail.Value].Value;
        }
        return sentence;
    }

    private string Word(SyncLogArg arg) => arg.Kind switch
    {
        SyncLogArgKind.Feature => Label<FeatureKind>(arg.Value),
        SyncLogArgKind.Origin => Label<FeatureOrigin>(arg.Value),
        SyncLogArgKind.Standing => Label<FeatureStanding>(arg.Value),
        SyncLogArgKind.Value => Value(arg.Value),
        _ => arg.Value,
    };

    /// <summary>A known enum name as its page label; anything else as stored.</summary>
    private string Label<TEnum>(string name) where TEnum : struct, Enum =>
        Enum.TryParse<TEnum>(name, out var value) && Enum.IsDefined(value) ? labels.Of(value) : name;

    /// <summary>The token of <see cref="SyncLogArg.ValueOf"/>: <c>off</c>, <c>on</c>, <c>on|rings|target</c>.</summary>
    private string Value(string token)
    {
        var parts = token.Split(SyncLogArg.ValueSeparator, 3);
        if (parts[0] == "off")
        {
            return text["SyncLog.Value.Off"].Value;
        }
        if (parts.Length < 3)
        {
            return text["SyncLog.Value.On"].Value;
        }
        return int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var rings)
            ? text["SyncLog.Value.OnToAfter", parts[2], rings].Value
            : text["SyncLog.Value.OnTo", parts[2]].Value;
    }
}
