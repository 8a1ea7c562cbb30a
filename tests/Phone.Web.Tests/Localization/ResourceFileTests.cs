using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Localization;
using Phone.TestSupport;

namespace Phone.Web.Tests.Localization;

/// <summary>
/// Every .resx pair under Phone.Web/Resources (whoever added it): both languages hold the same
/// keys, none is empty, each has its marker class, and every key the code uses exists.
/// </summary>
public sealed partial class ResourceFileTests
{
    public static TheoryData<string> Names() => [.. ResxFiles.Names()];

    [Fact]
    public void The_resources_are_found()
    {
        Assert.Contains("PageText", ResxFiles.Names());
        Assert.Contains("ApiText", ResxFiles.Names());
        Assert.Contains("SyncLogText", ResxFiles.Names());
        Assert.Contains("ValidationText", ResxFiles.Names());
    }

    [Fact]
    public void Every_Chinese_file_has_its_English_file()
    {
        var orphans = Directory.EnumerateFiles(ResxFiles.Directory, "*.resx")
            .Select(Path.GetFileName)
            .Where(f => f!.EndsWith($".{ResxFiles.Chinese}.resx", StringComparison.Ordinal))
            .Where(f => !File.Exists(Path.Combine(ResxFiles.Directory, f![..^$".{ResxFiles.Chinese}.resx".Length] + ".resx")));
        Assert.Empty(orphans);
    }

    [Theory]
    [MemberData(nameof(Names))]
    public void English_and_Chinese_have_the_same_keys_and_no_empty_text(string name)
    {
        var english = ResxFiles.Read(name);
        var chinese = ResxFiles.Read(name, ResxFiles.Chinese);

        Assert.NotEmpty(english);
        Assert.Equal(english.Keys.Order(StringComparer.Ordinal), chinese.Keys.Order(StringComparer.Ordinal));
        Assert.Empty(english.Where(e => string.IsNullOrWhiteSpace(e.Value)).Select(e => e.Key));
        Assert.Empty(chinese.Where(e => string.IsNullOrWhiteSpace(e.Value)).Select(e => e.Key));
    }

    [Theory]
    [MemberData(nameof(Names))]
    public void Both_languages_use_the_same_placeholders(string name)
    {
        var chinese = ResxFiles.Read(name, ResxFiles.Chinese);
        var differing = ResxFiles.Read(name)
            .Where(e => !Placeholders(e.Value).SetEquals(Placeholders(chinese[e.Key])))
            .Select(e => e.Key);

        Assert.Empty(differing);
    }

    [Theory]
    [MemberData(nameof(Names))]
    public void Each_resource_has_its_marker_class_and_is_embedded(string name)
    {
        var marker = typeof(Program).Assembly.GetType($"Phone.Web.Resources.{name}");
        Assert.NotNull(marker);
        var key = ResxFiles.Read(name).First();
        var chinese = ResxFiles.Read(name, ResxFiles.Chinese)[key.Key];

        var localizer = Localizer(marker);
        Assert.Equal(key.Value, In("en", () => localizer[key.Key].Value));
        Assert.Equal(chinese, In("zh-CN", () => localizer[key.Key].Value));
        Assert.False(In("zh-CN", () => localizer[key.Key].ResourceNotFound));
    }

    [Fact]
    public void Every_key_the_pages_and_the_api_use_exists_in_its_resource()
    {
        var source = Path.Combine(RepositoryRoot.Path, "Phone.Web");
        var missing = new List<string>();
        var checkedKeys = 0;
        foreach (var file in Directory.EnumerateFiles(source, "*.*", SearchOption.AllDirectories)
                     .Where(f => f.EndsWith(".razor", StringComparison.Ordinal) || f.EndsWith(".cs", StringComparison.Ordinal))
                     .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal)))
        {
            var text = File.ReadAllText(file);
            // Which resource each localizer variable reads: declared in the file, or the pages' shared L.
            // (A name declared twice in one file, e.g. by two methods, must read the same resource.)
            var localizers = Declaration().Matches(text).GroupBy(m => m.Groups[2].Value, StringComparer.Ordinal)
                .ToDictionary(g => g.Key, g => g.Select(m => m.Groups[1].Value).Distinct(StringComparer.Ordinal).Single(), StringComparer.Ordinal);
            if (file.EndsWith(".razor", StringComparison.Ordinal))
            {
                localizers.TryAdd("L", "PageText");
            }
            foreach (Match use in KeyUse().Matches(text))
            {
                if (!localizers.TryGetValue(use.Groups[1].Value, out var resource))
                {
                    continue;
                }
                checkedKeys++;
                if (!ResxFiles.Read(resource).ContainsKey(use.Groups[2].Value))
                {
                    missing.Add($"{Path.GetFileName(file)}: {resource}[{use.Groups[2].Value}]");
                }
            }
        }

        Assert.True(checkedKeys > 200, $"only {checkedKeys} key uses found: the scan no longer sees the code");
        Assert.Empty(missing);
    }

    [Theory]
    [InlineData(typeof(Phone.SipCore.Lines.RegistrationState))]
    [InlineData(typeof(Phone.SipCore.Lines.SubscriptionStatus))]
    [InlineData(typeof(Phone.SipCore.Configuration.SyncMethod))]
    [InlineData(typeof(Phone.SipCore.FeatureSync.Model.FeatureKind))]
    [InlineData(typeof(Phone.SipCore.FeatureSync.Model.FeatureStanding))]
    [InlineData(typeof(Phone.SipCore.FeatureSync.Model.FeatureOrigin))]
    [InlineData(typeof(Phone.SipCore.Lines.FeaturePath))]
    [InlineData(typeof(Phone.SipCore.Lines.SyncLogKind))]
    [InlineData(typeof(Phone.SipCore.Lines.SyncOutcome))]
    public void Every_enum_value_shown_on_a_page_has_a_label(Type type)
    {
        var labels = ResxFiles.Read("PageText");
        Assert.DoesNotContain(Enum.GetNames(type), name => !labels.ContainsKey($"{type.Name}.{name}"));
    }

    [Fact]
    public void Chinese_is_chosen_for_zh_CN_and_English_otherwise()
    {
        var localizer = Localizer(typeof(Phone.Web.Resources.PageText));

        Assert.Equal("状态", In("zh-CN", () => localizer["Nav.Status"].Value));
        Assert.Equal("Status", In("en-US", () => localizer["Nav.Status"].Value));
        Assert.Equal("Status", In("de-DE", () => localizer["Nav.Status"].Value));
    }

    private static HashSet<string> Placeholders(string text) =>
        Placeholder().Matches(text).Select(m => m.Value).ToHashSet(StringComparer.Ordinal);

    internal static IStringLocalizer Localizer(Type resource)
    {
        var services = new ServiceCollection().AddLogging().AddLocalization().BuildServiceProvider();
        return services.GetRequiredService<IStringLocalizerFactory>().Create(resource);
    }

    internal static T In<T>(string culture, Func<T> read)
    {
        var before = CultureInfo.CurrentUICulture;
        CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo(culture);
        try
        {
            return read();
        }
        finally
        {
            CultureInfo.CurrentUICulture = before;
        }
    }

    [GeneratedRegex(@"\{[A-Za-z0-9]+(?:[,:][^}]*)?\}")]
    private static partial Regex Placeholder();

    [GeneratedRegex(@"IStringLocalizer<(?:Phone\.Web\.Resources\.)?(\w+)>\s+(\w+)")]
    private static partial Regex Declaration();

    [GeneratedRegex("""\b(\w+)\["([A-Za-z]+\.[A-Za-z.]+)"[\],]""")]
    private static partial Regex KeyUse();
}
