using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;
using Phone.TestSupport;
using Phone.Web.Localization;

namespace Phone.Web.Tests.Localization;

public sealed partial class UiTextTests
{
    [Fact]
    public void English_and_Chinese_have_the_same_keys()
    {
        var english = EnglishText.Entries.Keys.Order(StringComparer.Ordinal).ToList();
        var chinese = ChineseText.Entries.Keys.Order(StringComparer.Ordinal).ToList();

        Assert.Equal(english, chinese);
    }

    [Fact]
    public void Every_label_used_by_the_pages_exists()
    {
        var source = Path.Combine(RepositoryRoot.Path, "Phone.Web");
        var used = Directory.EnumerateFiles(source, "*.*", SearchOption.AllDirectories)
            .Where(f => f.EndsWith(".razor", StringComparison.Ordinal) || f.EndsWith(".cs", StringComparison.Ordinal))
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .SelectMany(f => LabelUse().Matches(File.ReadAllText(f)).Select(m => m.Groups[1].Value))
            .ToHashSet();

        Assert.NotEmpty(used);
        Assert.DoesNotContain(used, k => !EnglishText.Entries.ContainsKey(k));
    }

    [Theory]
    [InlineData(typeof(Phone.SipCore.Lines.RegistrationState))]
    [InlineData(typeof(Phone.SipCore.Lines.SubscriptionStatus))]
    [InlineData(typeof(Phone.SipCore.Configuration.SyncMethod))]
    [InlineData(typeof(Phone.SipCore.FeatureSync.Model.FeatureKind))]
    [InlineData(typeof(Phone.SipCore.FeatureSync.Model.FeatureStanding))]
    [InlineData(typeof(Phone.SipCore.FeatureSync.Model.FeatureOrigin))]
    [InlineData(typeof(Phone.SipCore.Lines.SyncLogKind))]
    [InlineData(typeof(Phone.SipCore.Lines.SyncOutcome))]
    public void Every_enum_value_shown_on_a_page_has_a_label(Type type)
    {
        // Labels added after the move to resx live in Resources/SyncStateText.resx (both languages).
        var resx = new System.Resources.ResourceManager(typeof(Phone.Web.Resources.SyncStateText));
        foreach (var name in Enum.GetNames(type))
        {
            var key = $"{type.Name}.{name}";
            Assert.True(EnglishText.Entries.ContainsKey(key)
                || (resx.GetString(key, CultureInfo.InvariantCulture) is not null && resx.GetString(key, CultureInfo.GetCultureInfo("zh-CN")) != resx.GetString(key, CultureInfo.InvariantCulture)),
                key);
        }
    }

    [Fact]
    public void Chinese_is_chosen_for_zh_cultures_and_English_otherwise()
    {
        Assert.Equal("状态", UiText.Lookup(CultureInfo.GetCultureInfo("zh-CN"), "Nav.Status"));
        Assert.Equal("Status", UiText.Lookup(CultureInfo.GetCultureInfo("en-US"), "Nav.Status"));
        Assert.Equal("Status", UiText.Lookup(CultureInfo.GetCultureInfo("de-DE"), "Nav.Status"));
    }

    [Fact]
    public async Task The_browser_language_picks_the_labels_and_the_switch_overrides_it()
    {
        using var factory = new PhoneWebFactory();
        using var client = await factory.CreateSignedInClientAsync();

        var chinese = new HttpRequestMessage(HttpMethod.Get, "/");
        chinese.Headers.AcceptLanguage.ParseAdd("zh-CN,zh;q=0.9");
        var page = WebUtility.HtmlDecode(await (await client.SendAsync(chinese)).Content.ReadAsStringAsync());
        Assert.Contains("SIP 监听地址", page);
        Assert.Contains("故障排查", page);

        var english = WebUtility.HtmlDecode(await client.GetStringAsync("/"));
        Assert.Contains("SIP listen address", english);

        var switched = await client.GetAsync("/culture?name=zh-CN&returnUrl=%2Flines");
        Assert.Equal(HttpStatusCode.Redirect, switched.StatusCode);
        Assert.Equal("/lines", switched.Headers.Location!.OriginalString);
        var afterSwitch = WebUtility.HtmlDecode(await client.GetStringAsync("/lines"));
        Assert.Contains("SIP 线路", afterSwitch);
    }

    [Fact]
    public async Task The_language_switch_never_redirects_off_site()
    {
        using var factory = new PhoneWebFactory();
        using var client = await factory.CreateSignedInClientAsync();

        var response = await client.GetAsync("/culture?name=en&returnUrl=https%3A%2F%2Fevil.example%2F");

        Assert.Equal("/", response.Headers.Location!.OriginalString);
    }

    [Fact]
    public async Task The_login_page_switches_language_through_its_query_and_remembers_it()
    {
        using var factory = new PhoneWebFactory();
        using var client = factory.CreateClient(new() { AllowAutoRedirect = false, HandleCookies = true });

        var english = WebUtility.HtmlDecode(await client.GetStringAsync("/login?ReturnUrl=%2Flines"));
        var link = Regex.Match(english, "href=\"([^\"]*)\"[^>]*data-testid=\"lang-zh\"").Groups[1].Value;
        Assert.Contains("culture=zh-CN", link);
        Assert.Contains("ReturnUrl=%2Flines", link);

        var chinese = WebUtility.HtmlDecode(await client.GetStringAsync(link));
        Assert.Contains("<h1>登录</h1>", chinese);
        // The cookie keeps the choice for the next page, without the query.
        Assert.Contains("<h1>登录</h1>", WebUtility.HtmlDecode(await client.GetStringAsync("/login")));
    }

    [GeneratedRegex("""(?:L|text)(?:\.Format\(|\[)"([A-Za-z]+\.[A-Za-z]+)"[\],]""")]
    private static partial Regex LabelUse();
}
