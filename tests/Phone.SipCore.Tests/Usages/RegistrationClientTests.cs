using Microsoft.Extensions.Logging.Abstractions;
using Phone.SipCore.Lines;
using Phone.SipCore.Messages;
using Phone.SipCore.SyncLog;
using Phone.SipCore.Usages;

namespace Phone.SipCore.Tests.Usages;

public sealed class RegistrationClientTests : IAsyncLifetime
{
    private readonly ScriptedPeer _peer = new();
    private RegistrationClient _client = null!;
    private readonly System.Threading.Channels.Channel<RegistrationSnapshot> _states =
        System.Threading.Channels.Channel.CreateUnbounded<RegistrationSnapshot>();

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public async ValueTask DisposeAsync()
    {
        if (_client is not null)
        {
            await _client.DisposeAsync();
        }
        await _peer.DisposeAsync();
    }

    private RegistrationClient Client(int expiry = 3600, string password = "", int seed = 7)
    {
        var account = new SipAccount
        {
            User = "2001", Password = password, Domain = "127.0.0.2", Port = _peer.ServerEndPoint.Port, RegistrationExpiry = expiry,
        };
        _client = new RegistrationClient(_peer.Stack, account, 1, _peer.Resolver, NullLogger.Instance, new Random(seed));
        _client.Changed += s => _states.Writer.TryWrite(s);
        return _client;
    }

    /// <summary>Reads state changes in order until <paramref name="state"/> arrives, within 10 s.</summary>
    private async Task<RegistrationSnapshot> WaitForState(RegistrationState state)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        while (true)
        {
            var next = await _states.Reader.ReadAsync(timeout.Token);
            if (next.State == state)
            {
                return next;
            }
        }
    }

    [Fact]
    public async Task Register_carries_aor_contact_expires_and_allow_events()
    {
        // A usage that takes the package registers it, as a line's subscription does.
        using var subscriptionUsage = _peer.Stack.Capabilities.Add(["NOTIFY"], ["as-feature-event"]);
        Client(expiry: 600).Start();

        var register = await _peer.NextRequestAsync();

        Assert.Equal("REGISTER", register.Method.Name);
        Assert.Equal($"sip:127.0.0.2:{_peer.ServerEndPoint.Port}", register.RequestUriText);
        Assert.Equal("sip:2001@127.0.0.2", register.From.UriText);
        Assert.Equal(register.From.UriText, register.To.UriText);
        Assert.NotNull(register.FromTag);
        Assert.Equal(600u, register.Expires);
        Assert.StartsWith("<sip:2001@127.0.0.1:5060>", register.GetHeaderValue(HeaderId.Contact));
        Assert.Contains("as-feature-event", register.GetHeaderValue(HeaderId.AllowEvents));
        Assert.Contains("NOTIFY", register.GetHeaderValue(HeaderId.Allow));
        Assert.True(register.TopVia.HasRPort);
        Assert.StartsWith("z9hG4bK", register.TopVia.Branch);
    }

    [Fact]
    public async Task Register_names_no_event_package_when_no_usage_takes_one_and_carries_the_line_token()
    {
        var account = new SipAccount
        {
            User = "2001", Domain = "127.0.0.2", Port = _peer.ServerEndPoint.Port, ContactToken = "k3f9a2x1",
        };
        _client = new RegistrationClient(_peer.Stack, account, 1, _peer.Resolver, NullLogger.Instance, new Random(7));
        _client.Start();

        var register = await _peer.NextRequestAsync();

        Assert.Null(register.GetHeaderValue(HeaderId.AllowEvents));
        Assert.DoesNotContain("NOTIFY", register.GetHeaderValue(HeaderId.Allow));
        Assert.StartsWith("<sip:2001@127.0.0.1:5060;line=k3f9a2x1>", register.GetHeaderValue(HeaderId.Contact));
    }

    [Fact]
    public async Task Refreshes_at_85_percent_of_the_granted_time_with_the_same_call_id_and_a_higher_cseq()
    {
        _peer.Respond = r => SipMessageBuilder.ForResponseTo(r, 200, null, "srv").AddHeader(HeaderId.Expires, "1000").BuildResponse();
        Client().Start();
        var first = await _peer.NextRequestAsync();
        var registered = await WaitForState(RegistrationState.Registered);
        Assert.Equal(_peer.Time.GetUtcNow().AddSeconds(1000), registered.Until);

        await _peer.AdvanceAsync(TimeSpan.FromSeconds(849), TimeSpan.FromSeconds(1));
        Assert.False(_peer.TryTakeRequest(out _));
        await _peer.AdvanceAsync(TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(1));
        var refresh = await _peer.NextRequestAsync();

        Assert.Equal(first.CallId, refresh.CallId);
        Assert.Equal(first.FromTag, refresh.FromTag);
        Assert.True(refresh.CSeq.Number > first.CSeq.Number);
    }

    [Fact]
    public async Task A_423_is_answered_with_the_servers_min_expires()
    {
        _peer.Respond = r => r.Expires < 1800
            ? SipMessageBuilder.ForResponseTo(r, 423, "Interval Too Brief", "srv").AddHeader(HeaderId.MinExpires, "1800").BuildResponse()
            : SipResponse.Create(r, 200, null, "srv");
        Client(expiry: 300).Start();

        var first = await _peer.NextRequestAsync();
        var second = await _peer.NextRequestAsync();

        Assert.Equal(300u, first.Expires);
        Assert.Equal(1800u, second.Expires);
        await WaitForState(RegistrationState.Registered);
    }

    [Fact]
    public async Task A_failure_is_retried_after_a_jittered_backoff()
    {
        _peer.Respond = r => SipResponse.Create(r, 500, null, "srv");
        var client = Client(seed: 3);
        client.Start();
        await _peer.NextRequestAsync();
        var failed = await WaitForState(RegistrationState.Failed);
        Assert.Equal("500 Server Internal Error", failed.Detail);
        Assert.Equal(500, failed.StatusCode); // for the diagnosis, without parsing the detail

        // The first retry comes after 5 s +/- 20 %, never before 4 s and never after 6 s.
        await _peer.AdvanceAsync(TimeSpan.FromSeconds(3.9), TimeSpan.FromMilliseconds(100));
        Assert.False(_peer.TryTakeRequest(out _));
        await _peer.AdvanceAsync(TimeSpan.FromSeconds(2.2), TimeSpan.FromMilliseconds(100));
        Assert.Equal("REGISTER", (await _peer.NextRequestAsync()).Method.Name);
    }

    [Theory]
    [InlineData(1, 5)]
    [InlineData(2, 10)]
    [InlineData(3, 20)]
    [InlineData(7, 300)]
    [InlineData(30, 300)]
    public void Backoff_doubles_from_5_s_and_is_capped_at_5_min_within_20_percent_jitter(int failures, double baseSeconds)
    {
        var client = Client();
        for (var i = 0; i < 50; i++)
        {
            var delay = client.Backoff(failures).TotalSeconds;
            Assert.InRange(delay, baseSeconds * 0.8, baseSeconds * 1.2);
        }
    }

    [Fact]
    public async Task Challenges_are_answered_and_the_next_refresh_reuses_the_nonce_with_a_higher_nonce_count()
    {
        var challenged = 0;
        _peer.Respond = r =>
        {
            if (r.GetHeaderValue(HeaderId.Authorization) is null)
            {
                challenged++;
                return SipMessageBuilder.ForResponseTo(r, 401, null, "srv")
                    .AddHeader(HeaderId.WwwAuthenticate, "Digest realm=\"t\", nonce=\"n1\", qop=\"auth\"").BuildResponse();
            }
            return SipMessageBuilder.ForResponseTo(r, 200, null, "srv").AddHeader(HeaderId.Expires, "100").BuildResponse();
        };
        Client(password: "secret").Start();

        await WaitForState(RegistrationState.Registered);
        await _peer.AdvanceAsync(TimeSpan.FromSeconds(90), TimeSpan.FromSeconds(1));
        var requests = new List<SipRequest>();
        while (_peer.TryTakeRequest(out var r))
        {
            requests.Add(r);
        }

        Assert.Equal(1, challenged);
        Assert.Equal(3, requests.Count); // unauthenticated, answer to the 401, authenticated refresh
        Assert.Contains("nc=00000001", requests[1].GetHeaderValue(HeaderId.Authorization));
        Assert.Contains("nc=00000002", requests[2].GetHeaderValue(HeaderId.Authorization));
    }

    [Fact]
    public async Task Unregister_sends_expires_zero_and_reports_unregistered()
    {
        var client = Client();
        client.Start();
        await WaitForState(RegistrationState.Registered);
        await _peer.NextRequestAsync();

        await client.UnregisterAsync(TimeSpan.FromSeconds(5));

        var unregister = await _peer.NextRequestAsync();
        Assert.Equal(0u, unregister.Expires);
        Assert.Equal(RegistrationState.Unregistered, client.Current.State);
    }

    [Fact]
    public async Task No_answer_at_all_is_a_failure_after_timer_f()
    {
        _peer.Respond = _ => null;
        Client().Start();
        await _peer.NextRequestAsync();

        await _peer.AdvanceAsync(TimeSpan.FromSeconds(33), TimeSpan.FromMilliseconds(500));

        var failed = await WaitForState(RegistrationState.Failed);
        Assert.Equal(StatusPhrase.Of(StatusPhraseCode.NoFinalResponse, SyncLogArg.Text(32)), Phrase(failed.Detail));
        Assert.Null(failed.StatusCode);
    }

    [Fact]
    public async Task A_challenge_without_credentials_fails_with_a_phrase_around_the_status_line()
    {
        _peer.Respond = r => SipMessageBuilder.ForResponseTo(r, 401, null, "srv")
            .AddHeader(HeaderId.WwwAuthenticate, "Digest realm=\"t\", nonce=\"n1\", qop=\"auth\"").BuildResponse();
        Client().Start();

        var failed = await WaitForState(RegistrationState.Failed);

        Assert.Equal(StatusPhrase.Of(StatusPhraseCode.AuthNoCredentials, SyncLogArg.Text("401 Unauthorized")), Phrase(failed.Detail));
        Assert.Equal(401, failed.StatusCode);
    }

    [Fact]
    public async Task A_wrong_password_fails_with_the_user_and_the_realm_that_rejected_it()
    {
        _peer.Respond = r => SipMessageBuilder.ForResponseTo(r, 401, null, "srv")
            .AddHeader(HeaderId.WwwAuthenticate, "Digest realm=\"t\", nonce=\"n1\", qop=\"auth\"").BuildResponse();
        Client(password: "wrong").Start();

        var failed = await WaitForState(RegistrationState.Failed);

        Assert.Equal(StatusPhrase.Of(StatusPhraseCode.AuthCredentialsRejected, SyncLogArg.Text("401 Unauthorized"), SyncLogArg.Text("2001"), SyncLogArg.Text("t")),
            Phrase(failed.Detail));
    }

    private static StatusPhrase Phrase(string? detail) =>
        StatusPhrase.TryDecode(detail, out var phrase) ? phrase : throw new Xunit.Sdk.XunitException($"not a phrase: {detail}");

    [Fact]
    public async Task A_broken_transport_to_the_registrar_registers_again_at_once_as_a_new_binding()
    {
        Client().Start();
        await _peer.NextRequestAsync();
        await WaitForState(RegistrationState.Registered);

        _peer.Stack.OnTransportError(_peer.ServerLink.LocalEndPoint, new IOException("connection reset"));

        var again = await _peer.NextRequestAsync();
        Assert.Equal("REGISTER", again.Method.Name);
        Assert.True((await WaitForState(RegistrationState.Registered)).IsNewBinding);
    }
}
