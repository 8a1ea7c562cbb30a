using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Phone.TestSupport;

namespace Phone.E2E.Tests.Browser;

/// <summary>Browser steps shared by the page tests: signing in and waiting for the live circuit.</summary>
internal static partial class BrowserSession
{
    public const float Bound = 15_000;

    /// <summary>Signs in through the login page and waits until <paramref name="path"/> is shown.</summary>
    public static async Task SignInAsync(IPage page, Uri baseAddress, string path = "/")
    {
        await page.GotoAsync(new Uri(baseAddress, "login?ReturnUrl=" + Uri.EscapeDataString(path)).ToString());
        await page.GetByTestId("login-password").FillAsync(PhoneWebFactory.AdminPassword);
        await page.GetByTestId("login-submit").ClickAsync();
        await WaitForPathAsync(page, path);
    }

    /// <summary>
    /// Waits until the page's address has <paramref name="path"/> as its path (any query after it).
    /// This polls the address only: Playwright's WaitForURLAsync also waits for the frame's
    /// "load" state, and after a sign-in redirect that wait once saw only "networkidle" fire
    /// and ran out its 15 s in CI although the page was there.
    /// </summary>
    public static Task WaitForPathAsync(IPage page, string path) =>
        Assertions.Expect(page).ToHaveURLAsync(
            new Regex("^[a-z]+://[^/]+" + Regex.Escape(path) + "([?#]|$)"), new() { Timeout = Bound });

    /// <summary>Waits until the page's Blazor circuit runs, so its controls work.</summary>
    public static Task WaitInteractiveAsync(IPage page) =>
        Assertions.Expect(page.Locator("[data-interactive='true']").First).ToBeVisibleAsync(new() { Timeout = Bound });

    /// <summary>Fills a bound input and leaves it, so Blazor's onchange binding sees the value.</summary>
    public static async Task SetAsync(ILocator input, string value)
    {
        await input.FillAsync(value);
        await input.DispatchEventAsync("change");
    }

    /// <summary>
    /// On the Status page in demo mode: waits until the line's subscription is active, runs a
    /// diagnosis with the round trip and waits until it says feature sync works; returns the result.
    /// </summary>
    public static async Task<ILocator> RunWorkingDiagnosisAsync(IPage page, int line)
    {
        await Assertions.Expect(page.GetByTestId($"line-{line}").GetByTestId("subscription"))
            .ToHaveClassAsync(SubActive(), new() { Timeout = Bound });
        var panel = page.GetByTestId($"diagnosis-{line}");
        await panel.GetByTestId("round-trip").CheckAsync();
        await panel.GetByTestId("diagnose").ClickAsync();
        var result = panel.GetByTestId("diagnosis-result");
        await Assertions.Expect(result).ToHaveAttributeAsync("data-verdict", "works", new() { Timeout = Bound });
        return result;
    }

    [GeneratedRegex("sub-active")]
    private static partial Regex SubActive();
}
