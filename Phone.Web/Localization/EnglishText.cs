namespace Phone.Web.Localization;

internal static class EnglishText
{
    public static IReadOnlyDictionary<string, string> Entries { get; } = new Dictionary<string, string>(StringComparer.Ordinal)
    {
    };
}
