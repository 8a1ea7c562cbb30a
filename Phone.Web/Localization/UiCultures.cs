using System.Globalization;

namespace Phone.Web.Localization;

/// <summary>The languages of the pages: English (default) and Simplified Chinese.</summary>
public static class UiCultures
{
    public const string English = "en";
    public const string Chinese = "zh-CN";

    public static IReadOnlyList<string> All { get; } = [English, Chinese];

    /// <summary>The supported culture name matching <paramref name="name"/>, or null.</summary>
    public static string? Find(string? name) =>
        All.FirstOrDefault(c => string.Equals(c, name, StringComparison.OrdinalIgnoreCase));

    public static bool IsChinese(CultureInfo culture)
    {
        ArgumentNullException.ThrowIfNull(culture);
        return culture.Name.StartsWith("zh", StringComparison.OrdinalIgnoreCase);
    }
}
