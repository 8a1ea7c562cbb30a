using Microsoft.Extensions.DependencyInjection;
using Phone.Storage.Lines;
using Phone.Storage.Provisioning;
using Phone.TestSupport;
using Phone.Web.Provisioning;

namespace Phone.Web.Tests.Provisioning;

/// <summary>
/// The phone's provisioning, through the real host, against Debian's nginx on loopback: nginx's
/// own ETag gives the 304, its auth_basic the 401, its TLS (certificate from a CA made in the
/// test) the TLS failure without the CA and the applied file with it.
/// </summary>
public sealed class NginxProvisioningTests : IAsyncLifetime
{
    private const string File = "SIP1 Label :From nginx\nSIP1 User :2101\n";

    private readonly ProvisioningHost _host = new();

    private NginxServer _nginx = null!;

    private ProvisioningService Service => _host.Service;

    private LineRepository Lines => _host.Lines;

    public async ValueTask InitializeAsync()
    {
        _nginx = await NginxServer.StartAsync();
        _nginx.Put("cfg/desk1.cfg", File);
        _nginx.Put("secure/desk1.cfg", File);
    }

    public async ValueTask DisposeAsync()
    {
        await _nginx.DisposeAsync();
        _host.Dispose();
    }

    private Task UseAsync(Uri server, string path, string user = "", string? password = null, string? caPem = null) =>
        _host.UseAsync(server + path.TrimStart('/'), "desk1", user, password, caPem ?? "");

    [Fact]
    public async Task Over_http_the_first_fetch_applies_and_the_next_gets_a_304_from_the_etag()
    {
        await UseAsync(_nginx.Http, "/cfg/{id}.cfg");

        var first = await Service.FetchNowAsync("test", default);

        Assert.True(first.Attempt.Outcome == ProvisioningOutcome.Applied, first.Attempt.Detail);
        Assert.Equal(200, first.Attempt.HttpStatus);
        Assert.Equal(("From nginx", "2101"), ((await Lines.GetAsync(1))!.Label, (await Lines.GetAsync(1))!.User));
        await Wait.UntilAsync(() => _host.Factory.Feed.Get(1)?.Label == "From nginx");
        var before = _host.Factory.Feed.Get(1);

        var second = await Service.FetchNowAsync("test", default);

        Assert.Equal((ProvisioningOutcome.NotModified, 304), (second.Attempt.Outcome, second.Attempt.HttpStatus));
        Assert.Same(before, _host.Factory.Feed.Get(1));
        Assert.Equal([200, 304], _nginx.Requests("/cfg/desk1.cfg"));
    }

    [Fact]
    public async Task Basic_auth_with_the_right_password_applies()
    {
        await UseAsync(_nginx.Http, "/secure/{id}.cfg", NginxServer.User, NginxServer.Password);

        var run = await Service.FetchNowAsync("test", default);

        Assert.True(run.Attempt.Outcome == ProvisioningOutcome.Applied, run.Attempt.Detail);
        Assert.Equal("From nginx", (await Lines.GetAsync(1))!.Label);
        Assert.Equal(200, Assert.Single(_nginx.Requests("/secure/desk1.cfg")));
    }

    [Fact]
    public async Task Basic_auth_with_a_wrong_password_is_a_401_after_exactly_one_try()
    {
        await UseAsync(_nginx.Http, "/secure/{id}.cfg", NginxServer.User, "wrong");

        var run = await Service.FetchNowAsync("test", default);

        Assert.Equal((ProvisioningOutcome.Unauthorized, 401, 1), (run.Attempt.Outcome, run.Attempt.HttpStatus, run.Attempt.Tries));
        Assert.Equal(401, Assert.Single(_nginx.Requests("/secure/desk1.cfg")));
        Assert.NotEqual("From nginx", (await Lines.GetAsync(1))!.Label);
    }

    [Fact]
    public async Task Over_https_it_applies_with_the_test_ca()
    {
        await UseAsync(_nginx.Https, "/cfg/{id}.cfg", caPem: _nginx.CaCertificatePem);

        var run = await Service.FetchNowAsync("test", default);

        Assert.True(run.Attempt.Outcome == ProvisioningOutcome.Applied, run.Attempt.Detail);
        Assert.Equal("From nginx", (await Lines.GetAsync(1))!.Label);
    }

    [Fact]
    public async Task Over_https_without_the_ca_tls_fails()
    {
        await UseAsync(_nginx.Https, "/cfg/{id}.cfg");

        var run = await Service.FetchNowAsync("test", default);

        Assert.Equal((ProvisioningOutcome.NetworkError, 1), (run.Attempt.Outcome, run.Attempt.Tries));
        Assert.StartsWith("TLS failed", run.Attempt.Detail, StringComparison.Ordinal);
        Assert.Empty(_nginx.Requests("/cfg/desk1.cfg"));
        Assert.NotEqual("From nginx", (await Lines.GetAsync(1))!.Label);
    }
}
