using Phone.SipCore.Transport;
using System.Globalization;
using System.Text.RegularExpressions;
using Phone.SipCore.Configuration;

namespace Phone.Storage.ConfigFile;

/// <summary>Lexical rules of the provisioning file: sections, keys and value formats.</summary>
internal static partial class ConfigFileSyntax
{
    public const string LinePrefix = "SIP";
    public const string ProfilePrefix = "PBX";
    public const string LineSection = "SIP Line List";
    public const string ProfileSection = "PBX Profile List";

    /// <summary>Section names accepted on import, English and as shown on the phone's screens.</summary>
    public static IReadOnlyList<string> LineSectionAliases { get; } = [LineSection, "SIP线路列表", "SIP线路"];

    public static IReadOnlyList<string> ProfileSectionAliases { get; } = [ProfileSection, "PBX配置列表", "PBX模板列表"];

    /// <summary>Keys compare case-insensitively with runs of white space made one space.</summary>
    public static bool SameKey(string a, string b) =>
        string.Equals(Normalize(a), Normalize(b), StringComparison.OrdinalIgnoreCase);

    public static string Normalize(string key) => Spaces().Replace(key.Trim(), " ");

    public static Match Section(string key) => SectionPattern().Match(key);

    public static Match Setting(string key) => SettingPattern().Match(key);

    public static string FromBool(bool value) => value ? "1" : "0";

    public static bool ToBool(string value) => value.Trim().ToLowerInvariant() switch
    {
        "1" or "true" or "on" or "yes" or "是" or "开" => true,
        "0" or "false" or "off" or "no" or "否" or "关" => false,
        _ => throw new FormatException($"'{value}' is not 0 or 1."),
    };

    public static int ToInt(string value) =>
        int.TryParse(value.Trim(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var n)
            ? n
            : throw new FormatException($"'{value}' is not a whole number.");

    public static int? ToOptionalInt(string value) => string.IsNullOrWhiteSpace(value) ? null : ToInt(value);

    public static SipTransportKind ToTransport(string value) => value.Trim().ToUpperInvariant() switch
    {
        "UDP" => SipTransportKind.Udp,
        "TCP" => SipTransportKind.Tcp,
        "TLS" => SipTransportKind.Tls,
        _ => throw new FormatException($"'{value}' is not UDP, TCP or TLS."),
    };

    public static string FromTransport(SipTransportKind value) => value.ToString().ToUpperInvariant();

    public static SyncMethod ToSyncMethod(string value)
    {
        var text = value.Trim();
        if (Enum.TryParse<SyncMethod>(text, ignoreCase: true, out var method) && Enum.IsDefined(method)
            && !int.TryParse(text, CultureInfo.InvariantCulture, out _))
        {
            return method;
        }
        return text.ToLowerInvariant() switch
        {
            "as-feature-event" => SyncMethod.AsFeatureEvent,
            "feature-codes" or "codes" => SyncMethod.FeatureCodes,
            "fortivoice" => SyncMethod.FeatureCodesWithAsFeatureEventDnd,
            _ => throw new FormatException($"'{value}' is not AsFeatureEvent, FeatureCodes or FeatureCodesWithAsFeatureEventDnd."),
        };
    }

    [GeneratedRegex(@"\s+")]
    private static partial Regex Spaces();

    [GeneratedRegex(@"^--\s*(?<name>.+?)\s*--$")]
    private static partial Regex SectionPattern();

    [GeneratedRegex(@"^(?<prefix>[A-Za-z]+)\s*(?<index>\d+)\s*(?<key>\S.*)$")]
    private static partial Regex SettingPattern();
}
