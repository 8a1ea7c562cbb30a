using Phone.SipCore.Configuration;
using Phone.SipCore.FeatureSync.Model;

namespace Phone.SipCore.Simulator;

/// <summary>
/// Reads a dialled string the way a PBX with <see cref="PbxProfile"/>'s codes would: off-codes
/// and the DND on-code match exactly; forward on-codes carry the number in the profile's
/// pattern (<c>{code}{number}</c>, <c>{code}*{number}#</c>; docs/protocol.md section 2).
/// </summary>
public static class FeatureCodeInterpreter
{
    private static readonly FeatureKind[] Forwards = [FeatureKind.ForwardAlways, FeatureKind.ForwardBusy, FeatureKind.ForwardNoAnswer];

    public static CodeAction? Interpret(PbxProfile profile, string dialled)
    {
        ArgumentNullException.ThrowIfNull(profile);
        if (string.IsNullOrEmpty(dialled))
        {
            return null;
        }
        foreach (var kind in Enum.GetValues<FeatureKind>())
        {
            if (profile.OffCode(kind) is { Length: > 0 } off && dialled == off)
            {
                return new CodeAction(kind, false, null);
            }
        }
        if (profile.DndOnCode is { Length: > 0 } dnd && dialled == dnd)
        {
            return new CodeAction(FeatureKind.Dnd, true, null);
        }
        CodeAction? best = null;
        var bestPrefix = -1;
        foreach (var kind in Forwards)
        {
            if (profile.OnCode(kind) is not { Length: > 0 } code)
            {
                continue;
            }
            var template = profile.ForwardPattern.Replace(PbxProfile.CodePlaceholder, code, StringComparison.Ordinal);
            var at = template.IndexOf(PbxProfile.NumberPlaceholder, StringComparison.Ordinal);
            if (at < 0)
            {
                continue;
            }
            var prefix = template[..at];
            var suffix = template[(at + PbxProfile.NumberPlaceholder.Length)..];
            if (dialled.Length > prefix.Length + suffix.Length && prefix.Length > bestPrefix
                && dialled.StartsWith(prefix, StringComparison.Ordinal) && dialled.EndsWith(suffix, StringComparison.Ordinal))
            {
                var number = dialled[prefix.Length..^suffix.Length];
                if (number.All(c => char.IsAsciiLetterOrDigit(c) || c is '+' or '.' or '-' or '_'))
                {
                    best = new CodeAction(kind, true, number);
                    bestPrefix = prefix.Length;
                }
            }
        }
        return best;
    }
}
