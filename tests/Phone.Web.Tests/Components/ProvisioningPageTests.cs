using Bunit;
using Microsoft.Extensions.DependencyInjection;
using Phone.Storage.Provisioning;
using Phone.Web.Components.Pages.Provisioning;

namespace Phone.Web.Tests.Components;

public sealed class ProvisioningPageTests : ComponentTestContext
{
    [Fact]
    public async Task Shows_the_attempts_and_fetch_now_records_another()
    {
        var repository = Services.GetRequiredService<ProvisioningRepository>();
        await repository.RecordAsync(new ProvisioningAttempt(DateTimeOffset.UtcNow, "start", "http://h/a.cfg", 200, "\"1\"", 40, 1,
            ProvisioningOutcome.Applied, "lines 1, 2"));
        await repository.RecordAsync(new ProvisioningAttempt(DateTimeOffset.UtcNow, "schedule", "http://h/a.cfg", 304, "\"1\"", 0, 1,
            ProvisioningOutcome.NotModified, "304 Not Modified"));

        var page = Render<ProvisioningPage>();

        Assert.Equal(2, page.FindAll("[data-testid='attempt']").Count);
        Assert.Contains("lines 1, 2", page.Markup, StringComparison.Ordinal);
        var fetch = page.Find("[data-testid='fetch']");
        Assert.Equal("Fetch now", fetch.TextContent);

        fetch.Click();

        page.WaitForAssertion(() => Assert.Equal(3, page.FindAll("[data-testid='attempt']").Count));
        Assert.Contains("NotConfigured", page.Find("[data-testid='fetch-result']").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public void A_bad_url_is_named_and_nothing_is_saved()
    {
        var page = Render<ProvisioningPage>();

        page.Find("[data-testid='url']").Change("ftp://prov.example.com/a.cfg");
        page.Find("[data-testid='save']").Click();

        page.WaitForAssertion(() => Assert.Contains("http://", page.Find("[data-testid='error-Url']").TextContent, StringComparison.Ordinal));
        Assert.Empty(page.FindAll("[data-testid='saved']"));
    }
}
