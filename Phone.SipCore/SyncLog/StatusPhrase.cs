using System.Collections.Immutable;
using System.Diagnostics.CodeAnalysis;
using System.Text.Json;

namespace Phone.SipCore.SyncLog;

/// <summary>
/// A detail for people (a status detail, a feature's detail, a refusal) as a code and arguments,
/// never a sentence: Phone.Web words it in the viewer's language. Travels in the existing string
/// fields (<c>LineStatus.RegistrationDetail</c>, <c>FeatureState.Detail</c>, a sync log detail,
/// <c>FeatureChangeResult.Error</c>) in its <see cref="Encode"/>d form, so the stored rows, the hub
/// and the JSON keep their shapes; a string that does not <see cref="TryDecode"/> is a protocol
/// detail as the peer or the parser wrote it (<c>486 Busy Here</c>) and is shown verbatim.
/// </summary>
public sealed record StatusPhrase(StatusPhraseCode Code, ImmutableArray<SyncLogArg> Args)
{
    /// <summary>Starts every encoded phrase; no status line, reason or parser error starts with it.</summary>
    public const string Prefix = "@phrase:";

    public static StatusPhrase Of(StatusPhraseCode code, params ReadOnlySpan<SyncLogArg> args) => new(code, [.. args]);

    /// <summary>The encoded phrase, for a string field (status detail, feature detail, refusal).</summary>
    public static string Detail(StatusPhraseCode code, params ReadOnlySpan<SyncLogArg> args) => Of(code, args).Encode();

    /// <summary>The encoded form, e.g. <c>@phrase:{"code":"NoNotifyWithin","args":[{"kind":"Text","value":"32"}]}</c>.</summary>
    public string Encode() => Prefix + JsonSerializer.Serialize(
        new Encoded(Code.ToString(), Args.IsDefaultOrEmpty ? [] : [.. Args.Select(a => new EncodedArg(a.Kind.ToString(), a.Value))]),
        StatusPhraseJson.Default.Encoded);

    /// <summary>Reads an <see cref="Encode"/>d phrase; false for plain text (a protocol detail) and for unknown codes.</summary>
    public static bool TryDecode(string? text, [NotNullWhen(true)] out StatusPhrase? phrase)
    {
        phrase = null;
        if (text is null || !text.StartsWith(Prefix, StringComparison.Ordinal))
        {
            return false;
        }
        try
        {
            var encoded = JsonSerializer.Deserialize(text.AsSpan(Prefix.Length), StatusPhraseJson.Default.Encoded);
            if (encoded is null || !Enum.TryParse<StatusPhraseCode>(encoded.Code, out var code) || !Enum.IsDefined(code))
            {
                return false;
            }
            var args = ImmutableArray.CreateBuilder<SyncLogArg>();
            foreach (var arg in encoded.Args ?? [])
            {
                args.Add(new(Enum.TryParse<SyncLogArgKind>(arg.Kind, out var kind) ? kind : SyncLogArgKind.Text, arg.Value ?? ""));
            }
            phrase = new(code, args.ToImmutable());
            return true;
        }
        catch (JsonException)
        {
            return false;
        }
    }

    /// <summary>The code of an encoded phrase, or null for plain text: the JSON APIs' <c>...Code</c> fields.</summary>
    public static string? CodeOf(string? text) => TryDecode(text, out var phrase) ? phrase.Code.ToString() : null;

    /// <summary>
    /// What the peer said inside a detail: the first text argument of an encoded phrase (looking
    /// into nested phrases), e.g. <c>403 Forbidden</c> in "403 Forbidden; retry in 30 s"; a plain
    /// detail as it is. For code that reads the status out of a detail (the diagnosis).
    /// </summary>
    public static string ProtocolText(string? detail)
    {
        if (!TryDecode(detail, out var phrase))
        {
            return detail ?? "";
        }
        foreach (var arg in phrase.Args.IsDefault ? [] : phrase.Args)
        {
            if (arg.Kind is SyncLogArgKind.Text or SyncLogArgKind.Detail)
            {
                return arg.Value;
            }
            if (arg.Kind == SyncLogArgKind.Phrase)
            {
                return ProtocolText(arg.Value);
            }
        }
        return "";
    }

    /// <summary>Code and raw arguments, for the process log; not for people.</summary>
    public override string ToString() =>
        Args.IsDefaultOrEmpty ? Code.ToString() : $"{Code} {string.Join(" ", Args.Select(a => a.Value))}";

    public bool Equals(StatusPhrase? other) =>
        other is not null && Code == other.Code && Args.AsSpan().SequenceEqual(other.Args.AsSpan());

    public override int GetHashCode() => HashCode.Combine(Code, Args.Length);

    internal sealed record Encoded(string Code, EncodedArg[]? Args);

    internal sealed record EncodedArg(string Kind, string? Value);
}
