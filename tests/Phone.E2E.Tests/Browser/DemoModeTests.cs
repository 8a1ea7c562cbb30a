using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Phone.SipCore.Simulator;
using Phone.TestSupport;
using Phone.Web.Demo;

namespace Phone.E2E.Tests.Browser;

/// <summary>
/// Demo mode in a browser: the built-in PBX simulator and its Server console page against
/// the real Status page, both ways, with nothing else installed.
/// </summary>
[Collection(ChromiumCollection.Name)]
public sealed class DemoModeTests(ChromiumFixture chromium)
{
    private static PhoneWebFactory DemoFactory() => new PhoneWebFactory(realServer: true).WithSetting(DemoMode.EnabledKey, "true");

    [Fact]
    public async Task Dnd_changed_on_the_server_console_shows_on_the_status_page_without_reload()
    {
        using var factory = DemoFactory();
        var baseAddress = factory.StartRealServer();
        await using var context = await chromium.Browser.NewContextAsync(new() { Locale = "en-US" });
        var status = await context.NewPageAsync();
        await BrowserSession.SignInAsync(status, baseAddress, "/");
        await BrowserSession.WaitInteractiveAsync(status);
        var dnd = status.GetByTestId("feature-1-dnd");
        await Assertions.Expect(status.GetByTestId("line-1").GetByTestId("subscription")).ToHaveTextAsync("active", new() { Timeout = BrowserSession.Bound });
        await Assertions.Expect(dnd.GetByTestId("value")).ToContainTextAsync("Off");

        // The nav link exists in demo mode; the console opens beside the status page.
        var console = await context.NewPageAsync();
        await console.GotoAsync(baseAddress.ToString());
        await console.GetByRole(AriaRole.Link, new() { Name = "Server console" }).ClickAsync();
        await BrowserSession.WaitInteractiveAsync(console);
        var serverDnd = console.GetByTestId("console-2001-dnd");
        await serverDnd.GetByTestId("toggle").ClickAsync();
        await Assertions.Expect(serverDnd.GetByTestId("value")).ToContainTextAsync("On", new() { Timeout = BrowserSession.Bound });

        // The status page follows by NOTIFY, live: no reload.
        await Assertions.Expect(dnd.GetByTestId("value")).ToContainTextAsync("On", new() { Timeout = BrowserSession.Bound });
        await Assertions.Expect(dnd.GetByTestId("origin")).ToHaveTextAsync("server");
        await Assertions.Expect(dnd.GetByTestId("standing")).ToHaveTextAsync("confirmed");
    }

    [Fact]
    public async Task A_forward_set_on_the_status_page_shows_on_the_server_console_for_both_families()
    {
        using var factory = DemoFactory();
        await using var context = await chromium.Browser.NewContextAsync(new() { Locale = "en-US" });
        var (console, status) = await OpenConsoleAndStatusAsync(factory, context);
        await Assertions.Expect(status.GetByTestId("line-1").GetByTestId("subscription")).ToHaveTextAsync("active", new() { Timeout = BrowserSession.Bound });
        await Assertions.Expect(status.GetByTestId("line-2").GetByTestId("registration")).ToHaveTextAsync("registered", new() { Timeout = BrowserSession.Bound });

        // BroadWorks line: sent by SUBSCRIBE, the server console follows, the NOTIFY confirms.
        await SetForwardAsync(status.GetByTestId("feature-1-forwardAlways"), "2424");
        await Assertions.Expect(console.GetByTestId("console-2001-forwardAlways").GetByTestId("value"))
            .ToContainTextAsync("2424", new() { Timeout = BrowserSession.Bound });
        await Assertions.Expect(status.GetByTestId("feature-1-forwardAlways").GetByTestId("standing"))
            .ToHaveTextAsync("confirmed", new() { Timeout = BrowserSession.Bound });

        // Yeastar line: a feature code is dialled; the console shows the code and the state it implies.
        await SetForwardAsync(status.GetByTestId("feature-2-forwardBusy"), "3000");
        var yeastar = console.GetByTestId("console-user-2002");
        await Assertions.Expect(yeastar.GetByTestId("last-dialled")).ToContainTextAsync("*723000 (200)", new() { Timeout = BrowserSession.Bound });
        await Assertions.Expect(console.GetByTestId("console-2002-forwardBusy").GetByTestId("value")).ToContainTextAsync("3000");
        Assert.Equal("3000", factory.Services.GetRequiredService<PbxSimulator>().Get(DemoAccounts.YeastarUser)!.Features.ForwardBusy.Target);
    }

    [Fact]
    public async Task The_console_switches_reproduce_a_refusal_and_a_server_without_the_package()
    {
        using var factory = DemoFactory();
        await using var context = await chromium.Browser.NewContextAsync(new() { Locale = "en-US" });
        var (console, status) = await OpenConsoleAndStatusAsync(factory, context);
        var subscription = status.GetByTestId("line-1").GetByTestId("subscription");
        await Assertions.Expect(subscription).ToHaveTextAsync("active", new() { Timeout = BrowserSession.Bound });

        // Refuse: the server answers the Set, then NOTIFYs the old value; the page says rejected.
        await console.GetByTestId("switches-2001").GetByTestId("refuse").CheckAsync();
        var dnd = status.GetByTestId("feature-1-dnd");
        await dnd.GetByTestId("toggle").ClickAsync();
        await Assertions.Expect(dnd.GetByTestId("standing")).ToHaveTextAsync("rejected", new() { Timeout = 30_000 });
        await Assertions.Expect(dnd.GetByTestId("value")).ToContainTextAsync("Off");

        // 489: the live subscription is ended and the new one refused.
        await console.GetByTestId("switches-global").GetByTestId("reject489").CheckAsync();
        await Assertions.Expect(subscription).ToHaveTextAsync("not supported by the server", new() { Timeout = BrowserSession.Bound });
        await Assertions.Expect(console.GetByTestId("console-user-2001").GetByTestId("subscriptions")).ToHaveTextAsync("0");
    }

    [Fact]
    public async Task The_fortivoice_line_syncs_both_ways_by_its_subscription_with_the_switch_off()
    {
        using var factory = DemoFactory();
        await using var context = await chromium.Browser.NewContextAsync(new() { Locale = "en-US" });
        var (console, status) = await OpenConsoleAndStatusAsync(factory, context);
        var line = status.GetByTestId("line-3");
        await Assertions.Expect(line.GetByTestId("subscription")).ToHaveTextAsync("active", new() { Timeout = BrowserSession.Bound });

        // Server to phone: DND set on the console arrives by NOTIFY.
        await console.GetByTestId("console-2003-dnd").GetByTestId("toggle").ClickAsync();
        var dnd = status.GetByTestId("feature-3-dnd");
        await Assertions.Expect(dnd.GetByTestId("value")).ToContainTextAsync("On", new() { Timeout = BrowserSession.Bound });
        await Assertions.Expect(dnd.GetByTestId("origin")).ToHaveTextAsync("server");

        // Phone to server: a forward sent by SUBSCRIBE, confirmed, and said so.
        await SetForwardAsync(status.GetByTestId("feature-3-forwardAlways"), "2424");
        await Assertions.Expect(console.GetByTestId("console-2003-forwardAlways").GetByTestId("value"))
            .ToContainTextAsync("2424", new() { Timeout = BrowserSession.Bound });
        var forward = status.GetByTestId("feature-3-forwardAlways");
        await Assertions.Expect(forward.GetByTestId("standing")).ToHaveTextAsync("confirmed", new() { Timeout = BrowserSession.Bound });
        await Assertions.Expect(forward.GetByTestId("via")).ToContainTextAsync("via subscription");
    }

    /// <summary>Starts the demo, signs in on the Server console and opens the Status page beside it, both interactive.</summary>
    private static async Task<(IPage Console, IPage Status)> OpenConsoleAndStatusAsync(PhoneWebFactory factory, IBrowserContext context)
    {
        var baseAddress = factory.StartRealServer();
        var console = await context.NewPageAsync();
        await BrowserSession.SignInAsync(console, baseAddress, "/server-console");
        await BrowserSession.WaitInteractiveAsync(console);
        var status = await context.NewPageAsync();
        await status.GotoAsync(baseAddress.ToString());
        await BrowserSession.WaitInteractiveAsync(status);
        return (console, status);
    }

    private static async Task SetForwardAsync(ILocator row, string target)
    {
        await row.GetByTestId("enabled").CheckAsync();
        await BrowserSession.SetAsync(row.GetByTestId("target"), target);
        await row.GetByTestId("apply").ClickAsync();
    }
}
