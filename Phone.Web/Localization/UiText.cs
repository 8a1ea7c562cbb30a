using System.Globalization;

namespace Phone.Web.Localization;

/// <summary>
/// Every label of the pages, by key, in the current UI culture (set per request and per
/// circuit by the request-localization middleware). A key missing in Chinese falls back
/// to English; a key missing in both shows the key, which a test forbids.
/// </summary>
public sealed class UiText
{
    public string this[string key] => Lookup(CultureInfo.CurrentUICulture, key);

    public string Format(string key, params object?[] args) =>
        string.Format(CultureInfo.CurrentCulture, this[key], args);

    /// <summary>The label of an enum value, e.g. <c>Standing.Pending</c>.</summary>
    public string Of<TEnum>(TEnum value) where TEnum : struct, Enum => this[$"{typeof(TEnum).Name}.{value}"];

    public static string Lookup(CultureInfo culture, string key)
    {
        ArgumentNullException.ThrowIfNull(culture);
        if (UiCultures.IsChinese(culture) && ChineseText.Entries.TryGetValue(key, out var chinese))
        {
            return chinese;
        }
        return EnglishText.Entries.TryGetValue(key, out var english) ? english : key;
    }
}
