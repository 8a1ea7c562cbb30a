using System.Net;
using System.Text.RegularExpressions;
using Phone.TestSupport;

namespace Phone.Web.Tests.Localization;

/// <summary>The pages' language: Accept-Language first, the switch (cookie) over it, the login page by query.</summary>
public sealed class LanguageSwitchTests
{
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
}
