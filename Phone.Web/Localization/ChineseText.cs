namespace Phone.Web.Localization;

internal static class ChineseText
{
    public static IReadOnlyDictionary<string, string> Entries { get; } = new Dictionary<string, string>(StringComparer.Ordinal)
    {
    };
}
