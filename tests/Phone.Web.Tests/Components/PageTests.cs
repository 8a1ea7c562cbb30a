using Bunit;
using Microsoft.Extensions.DependencyInjection;
using Phone.SipCore.Configuration;
using Phone.SipCore.FeatureSync.Model;
using Phone.SipCore.Lines;
using Phone.Storage.Lines;
using Phone.Storage.Profiles;
using Phone.TestSupport;
using Phone.Web.Components.Pages.Account;
using Phone.Web.Components.Pages.Config;
using Phone.Web.Components.Pages.Profiles;
using Phone.Web.Components.Pages.Status;
using Phone.Web.Security;

namespace Phone.Web.Tests.Components;

public sealed class PageTests : ComponentTestContext
{
    [Fact]
    public async Task The_status_page_follows_the_feed_from_another_thread()
    {
        var page = Render<StatusPage>();
        page.WaitForElement("[data-testid='no-lines']");
        var feed = Services.GetRequiredService<LineStatusFeed>();

        // Published from a thread-pool thread, as the SIP core does; the page marshals it.
        await Task.Run(() => feed.Publish(LineStatuses.Registered(4).WithDnd(true, FeatureStanding.Pending, FeatureOrigin.Web)));
        page.WaitForAssertion(() => Assert.Equal("pending", page.Find("[data-testid='feature-4-dnd'] [data-testid='standing']").TextContent),
            TimeSpan.FromSeconds(5));

        await Task.Run(() => feed.Publish(LineStatuses.Registered(4).WithDnd(true, FeatureStanding.Confirmed)));
        page.WaitForAssertion(() => Assert.Equal("confirmed", page.Find("[data-testid='feature-4-dnd'] [data-testid='standing']").TextContent),
            TimeSpan.FromSeconds(5));
        Assert.Equal("true", page.Find("[data-interactive]").GetAttribute("data-interactive"));
        Assert.Equal("not listening", page.Find("[data-testid='sip-listen']").TextContent);
    }

    [Fact]
    public async Task A_change_the_phone_could_not_store_shows_the_storage_failure_instead_of_being_taken()
    {
        // The line takes every change here (TestChanges); the database then fails to store it.
        Commits.Failure = new Phone.Storage.Events.StorageWriteException(
            "The database could not store the change: SQLite Error 13: 'database or disk is full'.");
        var page = Render<StatusPage>();
        page.WaitForElement("[data-testid='no-lines']");
        await Task.Run(() => Services.GetRequiredService<LineStatusFeed>().Publish(LineStatuses.Registered(4)));

        page.WaitForElement("[data-testid='feature-4-dnd'] [data-testid='toggle']", TimeSpan.FromSeconds(5)).Click();

        page.WaitForAssertion(() => Assert.Contains("SQLite Error 13: 'database or disk is full'",
            page.Find("[data-testid='feature-4-dnd'] [data-testid='error']").TextContent, StringComparison.Ordinal), TimeSpan.FromSeconds(5));
    }

    [Fact]
    public async Task The_profile_editor_says_which_codes_are_missing_and_refuses_deleting_a_profile_in_use()
    {
        var profiles = Services.GetRequiredService<PbxProfileRepository>();
        var profile = await profiles.CreateFromPresetAsync("3CX");
        await Services.GetRequiredService<LineRepository>().SaveAsync(new LineSettings { Number = 5, PbxProfileId = profile.Id });

        var editor = Render<ProfileEditor>(p => p.Add(c => c.Profile, profile).Add(c => c.UsedBy, [5]).Add(c => c.Interactive, true));

        Assert.Equal("Used by lines 5.", editor.Find("[data-testid='used-by']").TextContent.Trim());
        var hints = editor.FindAll("[data-testid='empty-hint']").Select(h => h.TextContent).ToList();
        Assert.Equal(3, hints.Count);
        Assert.Contains("Forward always: empty codes must be filled in before this feature can sync.", hints);

        editor.Find("[data-testid='delete']").Click();

        Assert.Contains("used by line(s) 5", editor.Find("[data-testid='delete-error']").TextContent);
        Assert.NotNull(await profiles.GetAsync(profile.Id));
    }

    [Fact]
    public async Task The_profile_editor_shows_rule_failures_beside_the_code()
    {
        var profile = await Services.GetRequiredService<PbxProfileRepository>().CreateFromPresetAsync("Generic");
        var editor = Render<ProfileEditor>(p => p.Add(c => c.Profile, profile).Add(c => c.Interactive, true));

        editor.Find("[data-testid='dnd-on']").Change("*7a");
        editor.Find("[data-testid='seconds-per-ring']").Change("99");
        editor.Find("form").Submit();

        Assert.Contains("may only hold 0-9 * #", editor.Find("[data-testid='dnd-on']").ParentElement!.TextContent);
        Assert.Contains("must be from 1 to 30", editor.Find("[data-testid='seconds-per-ring']").ParentElement!.TextContent);
    }

    [Fact]
    public async Task The_password_form_checks_its_fields_and_the_current_password()
    {
        var account = Services.GetRequiredService<AdminAccount>();
        await account.CreateAsync("first-password", CancellationToken.None);
        var page = Render<PasswordPage>();

        page.Find("[data-testid='next']").Change("short");
        page.Find("[data-testid='confirm']").Change("other");
        page.Find("form").Submit();
        Assert.Contains("8 to 128 characters", page.Find("[data-testid='next']").ParentElement!.TextContent);
        Assert.Contains("differ", page.Find("[data-testid='confirm']").ParentElement!.TextContent);
        Assert.Contains("Enter the current password.", page.Find("[data-testid='current']").ParentElement!.TextContent);

        page.Find("[data-testid='current']").Change("wrong-password");
        page.Find("[data-testid='next']").Change("second-password");
        page.Find("[data-testid='confirm']").Change("second-password");
        page.Find("form").Submit();
        page.WaitForAssertion(() => Assert.Contains("The current password is wrong.", page.Find("[data-testid='current']").ParentElement!.TextContent));

        page.Find("[data-testid='current']").Change("first-password");
        page.Find("form").Submit();
        page.WaitForElement("[data-testid='changed']");
        Assert.True(await account.VerifyAsync("admin", "second-password", CancellationToken.None));
    }

    [Fact]
    public async Task An_uploaded_config_file_with_errors_lists_them_by_line_and_changes_nothing()
    {
        var page = Render<ConfigPage>();

        page.FindComponent<Microsoft.AspNetCore.Components.Forms.InputFile>()
            .UploadFiles(InputFileContent.CreateFromText("SIP1 Label :<script>x</script>\nSIP1 Port :99999\n", "bad.cfg"));

        page.WaitForElement("[data-testid='upload-errors']");
        var error = Assert.Single(page.FindAll("[data-testid='upload-errors'] li"));
        Assert.StartsWith("Line 2:", error.TextContent);
        Assert.Empty(page.FindAll("script"));
        Assert.Equal("", (await Services.GetRequiredService<LineRepository>().GetAsync(1))!.Label);
    }
}
