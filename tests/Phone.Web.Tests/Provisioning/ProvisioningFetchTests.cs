using Microsoft.Extensions.DependencyInjection;
using Phone.Storage.Lines;
using Phone.Storage.Provisioning;
using Phone.TestSupport;
using Phone.Web.Provisioning;

namespace Phone.Web.Tests.Provisioning;

/// <summary>
/// Fetches from a real HTTP server on loopback into the real host: the file is applied through
/// the settings service, so a changed line is stored and re-applied (seen in the live feed).
/// </summary>
public sealed class ProvisioningFetchTests : IAsyncLifetime
{
    private const string GoodFile = "SIP1 Label :Provisioned\nSIP1 User :2001\nSIP1 Password :line-secret\n";

    private readonly ProvisioningHost _host = new(timeout: TimeSpan.FromMilliseconds(700));

    private ProvisioningServer _server = null!;

    private ProvisioningService Service => _host.Service;

    private LineRepository Lines => _host.Lines;

    public async ValueTask InitializeAsync()
    {
        _server = await ProvisioningServer.StartAsync();
        _server.Files["desk1"] = GoodFile;
    }

    public async ValueTask DisposeAsync()
    {
        await _server.DisposeAsync();
        _host.Dispose();
    }

    private Task UseAsync(string path, string user = "", string? password = null) =>
        _host.UseAsync(new Uri(_server.Http, path).ToString(), "desk1", user, password);

    [Fact]
    public async Task First_fetch_applies_the_file_and_reapplies_the_line_including_its_password()
    {
        await UseAsync("/cfg/{id}.cfg");

        var run = await Service.FetchNowAsync("test", default);

        Assert.Equal(ProvisioningOutcome.Applied, run.Attempt.Outcome);
        Assert.Equal(200, run.Attempt.HttpStatus);
        Assert.Equal("lines 1", run.Attempt.Detail);
        Assert.Equal(("Provisioned", "2001"), ((await Lines.GetAsync(1))!.Label, (await Lines.GetAsync(1))!.User));
        Assert.Equal("line-secret", (await _host.Factory.Services.GetRequiredService<LineCredentialReader>().GetAsync(1))!.Password);
        await Wait.UntilAsync(() => _host.Factory.Feed.Get(1)?.Label == "Provisioned");
        Assert.Equal("lines 1", (await Service.GetAsync(default)).LastApplied);
    }

    [Fact]
    public async Task An_unchanged_file_costs_a_304_and_nothing_is_reapplied()
    {
        await UseAsync("/cfg/{id}.cfg");
        await Service.FetchNowAsync("test", default);
        await Wait.UntilAsync(() => _host.Factory.Feed.Get(1)?.Label == "Provisioned");
        var before = _host.Factory.Feed.Get(1);

        var run = await Service.FetchNowAsync("test", default);

        Assert.Equal((ProvisioningOutcome.NotModified, 304), (run.Attempt.Outcome, run.Attempt.HttpStatus));
        Assert.Same(before, _host.Factory.Feed.Get(1));
        Assert.Equal(2, _server.Hits("/cfg/desk1.cfg"));
    }

    [Fact]
    public async Task A_file_with_an_invalid_value_changes_nothing_and_lists_errors_by_line()
    {
        await UseAsync("/cfg/{id}.cfg");
        _server.Files["desk1"] = "SIP1 Label :Never\nSIP1 Port :99999\n";

        var run = await Service.FetchNowAsync("test", default);

        Assert.Equal(ProvisioningOutcome.Rejected, run.Attempt.Outcome);
        Assert.Equal(2, Assert.Single(run.Errors).LineNumber);
        Assert.StartsWith("line 2:", run.Attempt.Detail, StringComparison.Ordinal);
        Assert.NotEqual("Never", (await Lines.GetAsync(1))!.Label);
    }

    [Theory]
    [InlineData("/cfg/nobody.cfg", "", null, ProvisioningOutcome.NotFound, 404)]
    [InlineData("/secure/{id}.cfg", ProvisioningServer.User, "wrong", ProvisioningOutcome.Unauthorized, 401)]
    public async Task A_4xx_is_a_clear_outcome_after_exactly_one_try(string path, string user, string? password,
        ProvisioningOutcome outcome, int status)
    {
        await UseAsync(path, user, password);

        var run = await Service.FetchNowAsync("test", default);

        Assert.Equal((outcome, status, 1), (run.Attempt.Outcome, run.Attempt.HttpStatus, run.Attempt.Tries));
        Assert.Equal(1, _server.Hits(path.Replace("{id}", "desk1", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task The_right_password_is_sent_as_basic_auth()
    {
        await UseAsync("/secure/{id}.cfg", ProvisioningServer.User, ProvisioningServer.Password);

        var run = await Service.FetchNowAsync("test", default);

        Assert.Equal(ProvisioningOutcome.Applied, run.Attempt.Outcome);
    }

    [Fact]
    public async Task A_stalling_server_ends_in_a_timeout_after_the_retries()
    {
        await UseAsync("/stall/{id}.cfg");

        var run = await Service.FetchNowAsync("test", default);

        Assert.Equal((ProvisioningOutcome.Timeout, 3), (run.Attempt.Outcome, run.Attempt.Tries));
        Assert.Contains("0.7 s", run.Attempt.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_5_MiB_file_is_refused_and_nothing_changes()
    {
        await UseAsync("/big/{id}.cfg");

        var run = await Service.FetchNowAsync("test", default);

        Assert.Equal((ProvisioningOutcome.TooLarge, 1), (run.Attempt.Outcome, run.Attempt.Tries));
        Assert.Contains("1024 KiB", run.Attempt.Detail, StringComparison.Ordinal);
        Assert.NotEqual("Provisioned", (await Lines.GetAsync(1))!.Label);
    }

    [Fact]
    public async Task A_500_is_retried_and_the_file_then_applied()
    {
        await UseAsync("/flaky/{id}.cfg");

        var run = await Service.FetchNowAsync("test", default);

        Assert.Equal((ProvisioningOutcome.Applied, 2), (run.Attempt.Outcome, run.Attempt.Tries));
        Assert.Equal(2, _server.Hits("/flaky/desk1.cfg"));
        Assert.Equal("Provisioned", (await Lines.GetAsync(1))!.Label);
    }

    [Fact]
    public async Task Check_sync_fetches_when_on_and_is_recorded_as_ignored_when_off()
    {
        await UseAsync("/cfg/{id}.cfg");
        var listener = _host.Factory.Services.GetRequiredService<Phone.SipCore.Lines.ICheckSyncListener>();

        listener.CheckSyncRequested(2, reboot: true);
        await Wait.UntilAsync(async () => (await Service.GetAttemptsAsync(1, default)) is [{ Outcome: ProvisioningOutcome.Applied }]);
        Assert.Equal("check-sync (line 2)", (await Service.GetAttemptsAsync(1, default))[0].Trigger);

        var view = await Service.GetAsync(default);
        await Service.SaveAsync(new ProvisioningSettings { Url = view.Url, DeviceId = view.DeviceId, IntervalHours = 0, CheckSync = false }, default);
        listener.CheckSyncRequested(2, reboot: false);
        await Wait.UntilAsync(async () => (await Service.GetAttemptsAsync(1, default)) is [{ Outcome: ProvisioningOutcome.CheckSyncIgnored }]);

        Assert.Equal("check-sync ignored (off)", (await Service.GetAttemptsAsync(1, default))[0].Detail);
        Assert.Equal(1, _server.Hits("/cfg/desk1.cfg"));
    }

    [Fact]
    public async Task The_readme_sample_file_applies()
    {
        var readme = await File.ReadAllTextAsync(Path.Combine(RepositoryRoot.Path, "README.md"));
        var section = readme[readme.IndexOf("## Provisioning a fleet", StringComparison.Ordinal)..];
        var start = section.IndexOf("```\n", StringComparison.Ordinal) + 4;
        _server.Files["desk1"] = section[start..section.IndexOf("```", start, StringComparison.Ordinal)];
        await UseAsync("/cfg/{id}.cfg");

        var run = await Service.FetchNowAsync("test", default);

        Assert.True(run.Attempt.Outcome == ProvisioningOutcome.Applied, run.Attempt.Detail);
        Assert.Equal("Reception", (await Lines.GetAsync(1))!.Label);
    }
}
