using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.SignalR.Client;
using Phone.SipCore.FeatureSync.Model;
using Phone.SipCore.SyncLog;
using Microsoft.Extensions.DependencyInjection;
using Phone.TestSupport;
using Phone.Web.Hubs;

namespace Phone.Web.Tests.Hubs;

public sealed class StatusHubTests
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(10);

    /// <summary>Calls <paramref name="onLine"/> with every line of every LineStatesChanged message, in order.</summary>
    private static void OnEachLine(HubConnection connection, Action<JsonElement> onLine) =>
        connection.On<JsonElement>(StatusHub.LineStatesChanged, lines =>
        {
            foreach (var line in lines.EnumerateArray())
            {
                onLine(line);
            }
        });

    /// <summary>The first pushed line that <paramref name="matches"/> accepts.</summary>
    private static Task<JsonElement> FirstPush(HubConnection connection, Func<JsonElement, bool> matches)
    {
        var pushed = new TaskCompletionSource<JsonElement>(TaskCreationOptions.RunContinuationsAsynchronously);
        OnEachLine(connection, line =>
        {
            if (matches(line))
            {
                pushed.TrySetResult(line);
            }
        });
        return pushed.Task;
    }

    private static HubConnection Connect(PhoneWebFactory factory, bool withCredentials, string? acceptLanguage = null) =>
        new HubConnectionBuilder()
            .WithUrl(new Uri(factory.Server.BaseAddress, "hubs/status"), options =>
            {
                options.HttpMessageHandlerFactory = _ => factory.Server.CreateHandler();
                options.Transports = HttpTransportType.LongPolling;
                if (withCredentials)
                {
                    options.Headers["Authorization"] = PhoneWebFactory.BasicHeader().ToString();
                }
                if (acceptLanguage is not null)
                {
                    options.Headers["Accept-Language"] = acceptLanguage;
                }
            })
            .Build();

    /// <summary>The first push of <paramref name="line"/> whose registration detail is set.</summary>
    private static Task<JsonElement> Receive(HubConnection connection, int line) =>
        FirstPush(connection, pushed => pushed.GetProperty("line").GetInt32() == line
            && pushed.GetProperty("registrationDetail").ValueKind == JsonValueKind.String);

    [Fact]
    public async Task Two_clients_get_the_same_status_each_in_the_language_of_its_request()
    {
        using var factory = new PhoneWebFactory();
        await using var english = Connect(factory, withCredentials: true, "en-US,en;q=0.9");
        await using var chinese = Connect(factory, withCredentials: true, "zh-CN,zh;q=0.9");
        var inEnglish = Receive(english, 6);
        var inChinese = Receive(chinese, 6);
        await english.StartAsync();
        await chinese.StartAsync();
        await english.InvokeAsync<JsonElement>("GetStatus").WaitAsync(Bound);
        await chinese.InvokeAsync<JsonElement>("GetStatus").WaitAsync(Bound);

        factory.Feed.Publish(LineStatuses.Registered(6) with
        {
            Registration = Phone.SipCore.Lines.RegistrationState.Failed,
            RegistrationDetail = StatusPhrase.Detail(StatusPhraseCode.AuthNoCredentials, SyncLogArg.Text("401 Unauthorized")),
        });
        var englishLine = await inEnglish.WaitAsync(Bound);
        var chineseLine = await inChinese.WaitAsync(Bound);

        Assert.Equal("401 Unauthorized: the server asks for credentials, but the line has no auth user or password",
            englishLine.GetProperty("registrationDetail").GetString());
        Assert.Equal("401 Unauthorized：服务器要求认证，但线路没有认证用户名或密码", chineseLine.GetProperty("registrationDetail").GetString());
        Assert.Equal(englishLine.GetProperty("registrationDetailCode").GetString(), chineseLine.GetProperty("registrationDetailCode").GetString());
        // The whole status on connect speaks the connection's language too.
        var status = await chinese.InvokeAsync<JsonElement>("GetStatus").WaitAsync(Bound);
        var six = status.GetProperty("lines").EnumerateArray().Single(l => l.GetProperty("line").GetInt32() == 6);
        Assert.Equal(chineseLine.GetProperty("registrationDetail").GetString(), six.GetProperty("registrationDetail").GetString());
    }

    [Fact]
    public async Task The_broadcaster_knows_which_languages_are_listened_in()
    {
        // Pushes are worded only for a language with an open connection (HubAudience).
        using var factory = new PhoneWebFactory();
        var audience = factory.Services.GetRequiredService<HubAudience>();
        Assert.False(audience.Listens("zh-CN"));
        Assert.False(audience.Anyone);
        var chinese = Connect(factory, withCredentials: true, "zh-CN,zh;q=0.9");
        await chinese.StartAsync();
        await chinese.InvokeAsync<JsonElement>("GetStatus").WaitAsync(Bound);

        Assert.True(audience.Listens("zh-CN"));
        Assert.False(audience.Listens("en"));
        Assert.True(audience.Anyone);

        await chinese.DisposeAsync();
        var deadline = DateTime.UtcNow + Bound;
        while (audience.Listens("zh-CN") && DateTime.UtcNow < deadline)
        {
            await Task.Delay(20);
        }
        Assert.False(audience.Listens("zh-CN"));
        Assert.False(audience.Anyone); // statuses are no longer even offered to the broadcaster
    }

    [Fact]
    public async Task The_hub_refuses_a_client_without_credentials()
    {
        using var factory = new PhoneWebFactory();
        await using var connection = Connect(factory, withCredentials: false);

        var error = await Assert.ThrowsAsync<HttpRequestException>(() => connection.StartAsync());

        Assert.Equal(HttpStatusCode.Unauthorized, error.StatusCode);
    }

    [Fact]
    public async Task The_hub_pushes_line_state_changes_as_the_api_shows_them()
    {
        using var factory = new PhoneWebFactory();
        await using var connection = Connect(factory, withCredentials: true);
        var received = FirstPush(connection, line => line.GetProperty("line").GetInt32() == 5
            && line.GetProperty("dnd").GetProperty("enabled").GetBoolean());
        await connection.StartAsync();
        // As a client does: the whole status first. Its answer comes once the hub has put the
        // connection in its language's group, so every later change is pushed.
        await connection.InvokeAsync<JsonElement>("GetStatus").WaitAsync(Bound);

        factory.Feed.Publish(LineStatuses.Registered(5).WithDnd(true, FeatureStanding.Pending, FeatureOrigin.Web));
        var line = await received.WaitAsync(Bound);

        Assert.Equal("pending", line.GetProperty("dnd").GetProperty("standing").GetString());
        Assert.Equal("web", line.GetProperty("dnd").GetProperty("origin").GetString());
        Assert.Equal("registered", line.GetProperty("registration").GetString());
        // The same object as GET /api/status.
        using var client = factory.CreateAdminClient();
        var api = (await client.GetStringAsync("/api/status"));
        var fromApi = JsonDocument.Parse(api).RootElement.GetProperty("lines").EnumerateArray().Single(l => l.GetProperty("line").GetInt32() == 5);
        Assert.Equal(fromApi.GetRawText(), line.GetRawText());
    }

    [Fact]
    public async Task A_line_whose_status_cannot_be_worded_is_skipped_and_the_others_still_reach_the_client()
    {
        using var factory = new PhoneWebFactory();
        await using var connection = Connect(factory, withCredentials: true);
        var received = FirstPush(connection, line => line.GetProperty("line").GetInt32() == 5
            && line.GetProperty("dnd").GetProperty("enabled").GetBoolean());
        await connection.StartAsync();
        await connection.InvokeAsync<JsonElement>("GetStatus").WaitAsync(Bound);

        // A status the wording throws on (no feature states at all): in the same round as line 5's.
        factory.Feed.Publish(LineStatuses.Registered(6) with { Features = null! });
        factory.Feed.Publish(LineStatuses.Registered(5).WithDnd(true, FeatureStanding.Pending, FeatureOrigin.Web));

        await received.WaitAsync(Bound);
        // The broadcaster's loop is still running: a later change is pushed too.
        var later = FirstPush(connection, line => line.GetProperty("line").GetInt32() == 7);
        factory.Feed.Publish(LineStatuses.Registered(7));
        await later.WaitAsync(Bound);
    }

    [Fact]
    public async Task A_burst_of_changes_reaches_a_client_coalesced_and_ends_on_the_last_state()
    {
        using var factory = new PhoneWebFactory();
        await using var connection = Connect(factory, withCredentials: true);
        var pushes = new System.Collections.Concurrent.ConcurrentQueue<JsonElement>();
        var last = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        OnEachLine(connection, line =>
        {
            if (line.GetProperty("line").GetInt32() != 7)
            {
                return;
            }
            pushes.Enqueue(line);
            if (line.GetProperty("dnd").GetProperty("standing").GetString() == "confirmed")
            {
                last.TrySetResult();
            }
        });
        await connection.StartAsync();
        await connection.InvokeAsync<JsonElement>("GetStatus").WaitAsync(Bound);

        const int Burst = 200;
        for (var i = 0; i < Burst - 1; i++)
        {
            factory.Feed.Publish(LineStatuses.Registered(7).WithDnd(i % 2 == 0, FeatureStanding.Pending));
        }
        factory.Feed.Publish(LineStatuses.Registered(7).WithDnd(true, FeatureStanding.Confirmed));
        await last.Task.WaitAsync(Bound);

        // Rounds come at most every StatusHubBroadcaster.RoundInterval, each with the line's newest
        // state: the client saw far fewer pushes than changes, and the last one is the final state.
        Assert.True(pushes.Count < Burst / 2, $"{pushes.Count} pushes for {Burst} changes");
        Assert.True(pushes.Last().GetProperty("dnd").GetProperty("enabled").GetBoolean());
    }

    [Fact]
    public async Task A_round_goes_out_as_one_message_per_hundred_lines_each_line_once_in_line_order()
    {
        using var factory = new PhoneWebFactory();
        await using var connection = Connect(factory, withCredentials: true);
        const int Lines = 1000;
        var messages = new System.Collections.Concurrent.ConcurrentQueue<int[]>();
        var seen = new System.Collections.Concurrent.ConcurrentDictionary<int, bool>();
        var all = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        connection.On<JsonElement>(StatusHub.LineStatesChanged, lines =>
        {
            var numbers = lines.EnumerateArray().Select(l => l.GetProperty("line").GetInt32()).ToArray();
            messages.Enqueue(numbers);
            foreach (var number in numbers)
            {
                seen.TryAdd(number, true);
            }
            if (seen.Count == Lines)
            {
                all.TrySetResult();
            }
        });
        await connection.StartAsync();
        await connection.InvokeAsync<JsonElement>("GetStatus").WaitAsync(Bound);

        // Line numbers scattered over 1-50,000 and published in no order, so neither the order of
        // publishing nor the pending table's own order (hash buckets) puts them in line order:
        // line order in a message is the broadcaster's doing. 7,919 is prime, so all 1,000 differ.
        for (var i = 0; i < Lines; i++)
        {
            factory.Feed.Publish(LineStatuses.Registered(1 + i * 7919 % 50_000).WithDnd(true, FeatureStanding.Confirmed));
        }
        await all.Task.WaitAsync(Bound);

        var sent = messages.ToArray();
        Assert.All(sent, numbers =>
        {
            Assert.InRange(numbers.Length, 1, StatusHubBroadcaster.MaxLinesPerMessage);
            Assert.Equal(numbers.Order(), numbers); // in line order
            Assert.Equal(numbers.Length, numbers.Distinct().Count());
        });
        // The lines came in rounds, not one message each, and a full round was split at the cap.
        Assert.True(sent.Length < Lines / 10, $"{sent.Length} messages for {Lines} lines");
        Assert.Contains(sent, numbers => numbers.Length == StatusHubBroadcaster.MaxLinesPerMessage);
    }

    [Fact]
    public async Task GetStatus_returns_every_line_and_the_sip_port()
    {
        using var factory = new PhoneWebFactory();
        await using var connection = Connect(factory, withCredentials: true);
        await connection.StartAsync();

        var status = await connection.InvokeAsync<JsonElement>("GetStatus").WaitAsync(Bound);

        Assert.Equal(16, status.GetProperty("lines").GetArrayLength());
        Assert.True(status.GetProperty("sipPort").GetInt32() > 0);
    }
}
