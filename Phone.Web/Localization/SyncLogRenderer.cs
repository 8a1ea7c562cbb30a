using System.Collections.Immutable;
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
/// standing names through the page labels, validation failures by their codes (<see cref="ValidationMessages"/>),
/// and the protocol's detail verbatim after it
/// (a detail that is an encoded <see cref="StatusPhrase"/> in this language too). Rows from before the events were stored show their stored text.
/// </summary>
public sealed class SyncLogRenderer(IStringLocalizer<SyncLogText> text, IStringLocalizer<PageText> labels, ValidationMessages validation)
{
    public string Render(SyncLogEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        return entry.Event is { } logEvent ? Render(logEvent) : entry.Text;
    }

    public string Render(SyncLogEvent logEvent)
    {
        ArgumentNullException.ThrowIfNull(logEvent);
        return Sentence($"SyncLog.{logEvent.Code}", logEvent.Args);
    }

    /// <summary>A status phrase (a status or feature detail, a refusal) in the current culture.</summary>
    public string Render(StatusPhrase phrase)
    {
        ArgumentNullException.ThrowIfNull(phrase);
        return Sentence($"Phrase.{phrase.Code}", phrase.Args);
    }

    /// <summary>
    /// A detail as it travels in a string field (<c>LineStatus.RegistrationDetail</c>,
    /// <c>FeatureState.Detail</c>, <c>FeatureChangeResult.Error</c>): an encoded phrase in the
    /// current culture, anything else (a status line, a parser's error, text stored before phrases)
    /// as it is.
    /// </summary>
    [return: System.Diagnostics.CodeAnalysis.NotNullIfNotNull(nameof(detail))]
    public string? Detail(string? detail) => StatusPhrase.TryDecode(detail, out var phrase) ? Render(phrase) : detail;

    /// <summary>The sentence of <paramref name="key"/> with the arguments in place and the details in brackets after it.</summary>
    private string Sentence(string key, ImmutableArray<SyncLogArg> args)
    {
        args = args.IsDefault ? [] : args;
        var placed = args.Where(a => a.Kind != SyncLogArgKind.Detail).Select(Word).ToArray<object>();
        var sentence = text[key, placed].Value;
        foreach (var detail in args.Where(a => a.Kind == SyncLogArgKind.Detail && a.Value.Length > 0))
        {
            sentence = text["SyncLog.WithDetail", sentence, Detail(detail.Value)].Value;
        }
        return sentence;
    }

    private string Word(SyncLogArg arg) => arg.Kind switch
    {
        SyncLogArgKind.Feature => Label<FeatureKind>(arg.Value),
        SyncLogArgKind.Origin => Label<FeatureOrigin>(arg.Value),
        SyncLogArgKind.Standing => Label<FeatureStanding>(arg.Value),
        SyncLogArgKind.Value => Value(arg.Value),
        SyncLogArgKind.Phrase => Detail(arg.Value),
        SyncLogArgKind.Validation => ValidationArg.Read(arg.Value).Select(validation.Of)
            .Aggregate((first, next) => text["SyncLog.NextSentence", first, next].Value),
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
