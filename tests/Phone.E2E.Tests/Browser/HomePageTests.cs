using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Phone.SipCore.Transport;
using Phone.TestSupport;

namespace Phone.E2E.Tests.Browser;

[Collection(ChromiumCollection.Name)]
public sealed class HomePageTests(ChromiumFixture chromium)
{
    [Fact]
    public async Task Home_page_becomes_interactive_and_shows_the_sip_listen_address()
    {
        using var factory = new PhoneWebFactory(realServer: true);
        var baseAddress = factory.StartRealServer();
        var listen = factory.Services.GetRequiredService<SipListener>().LocalEndPoint!.ToString();

        await using var context = await chromium.Browser.NewContextAsync();
        var page = await context.NewPageAsync();
        // Every page needs the admin: an anonymous visit lands on the login page first.
        var response = await page.GotoAsync(baseAddress.ToString());
        Assert.NotNull(response);
        Assert.True(response!.Ok, $"GET / returned {response.Status}");
        Assert.Equal("/login", new Uri(page.Url).AbsolutePath);
        await BrowserSession.SignInAsync(page, baseAddress);

        // The page renders first on the server, then the Blazor circuit connects over
        // SignalR; the marker flips only once the component runs interactively.
        await Assertions.Expect(page.Locator("[data-interactive='true']"))
            .ToBeVisibleAsync(new() { Timeout = 15_000 });
        await Assertions.Expect(page.GetByTestId("sip-listen")).ToHaveTextAsync(listen);
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("FeatureSync");
        Assert.StartsWith("127.0.0.1:", listen);
    }
}
