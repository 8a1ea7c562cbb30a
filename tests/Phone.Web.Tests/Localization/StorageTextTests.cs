using System.Collections;
using System.Globalization;
using System.Resources;
using Phone.Web.Resources;

namespace Phone.Web.Tests.Localization;

/// <summary>The storage texts (a change not stored, the recovery banner): every English key has a Chinese text of its own, with the same placeholders.</summary>
public sealed class StorageTextTests
{
    [Fact]
    public void Every_key_has_a_chinese_text_with_the_same_placeholders()
    {
        var manager = new ResourceManager(typeof(StorageText).FullName!, typeof(StorageText).Assembly);
        var english = Entries(manager, CultureInfo.InvariantCulture);
        var chinese = Entries(manager, CultureInfo.GetCultureInfo("zh-CN"));

        Assert.NotEmpty(english);
        Assert.Equal(english.Keys.Order(StringComparer.Ordinal), chinese.Keys.Order(StringComparer.Ordinal));
        foreach (var (key, text) in english)
        {
            Assert.NotEqual(text, chinese[key]);
            Assert.Equal(Placeholders(text), Placeholders(chinese[key]));
        }
    }

    private static Dictionary<string, string> Entries(ResourceManager manager, CultureInfo culture) =>
        manager.GetResourceSet(culture, createIfNotExists: true, tryParents: false)!
            .Cast<DictionaryEntry>()
            .ToDictionary(e => (string)e.Key, e => (string)e.Value!);

    private static string Placeholders(string text) =>
        string.Join(",", System.Text.RegularExpressions.Regex.Matches(text, @"\{\d+\}").Select(m => m.Value).Order(StringComparer.Ordinal));
}
