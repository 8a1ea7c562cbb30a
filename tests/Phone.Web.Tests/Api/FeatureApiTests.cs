using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Json;
using Microsoft.Extensions.DependencyInjection;
using Phone.SipCore.FeatureSync.Model;
using Phone.SipCore.Lines;
using Phone.SipCore.SyncLog;
using Phone.TestSupport;

namespace Phone.Web.Tests.Api;

public sealed class FeatureApiTests
{
    private sealed class RecordingChanges : IFeatureChangeService
    {
        public ConcurrentQueue<(int Line, FeatureWish Wish)> Wishes { get; } = new();

        public string? Refuse { get; set; }

        public ValueTask<FeatureChangeResult> RequestAsync(int line, FeatureWish wish, CancellationToken cancellationToken)
        {
            if (Refuse is not null)
            {
                return ValueTask.FromResult(FeatureChangeResult.Refused(Refuse));
            }
            Wishes.Enqueue((line, wish));
            return ValueTask.FromResult(FeatureChangeResult.Ok);
        }
    }

    private static (PhoneWebFactory, RecordingChanges) Create()
    {
        var changes = new RecordingChanges();
        var factory = new PhoneWebFactory().WithServices(s => s.AddSingleton<IFeatureChangeService>(changes));
        return (factory, changes);
    }

    [Fact]
    public async Task Dnd_post_hands_the_wish_to_the_change_service_as_a_web_change()
    {
        var (factory, changes) = Create();
        using var _ = factory;
        using var client = factory.CreateAdminClient();

        var response = await client.PostJsonAsync("/api/lines/2/dnd", new { enabled = true });

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var (line, wish) = Assert.Single(changes.Wishes);
        Assert.Equal(2, line);
        Assert.Equal(new FeatureWish(FeatureKind.Dnd, new FeatureValue(true), FeatureOrigin.Web), wish);
        Assert.Equal(2, (int)(await response.ReadNodeAsync())["line"]!);
    }

    [Theory]
    [InlineData("always", FeatureKind.ForwardAlways, null)]
    [InlineData("busy", FeatureKind.ForwardBusy, null)]
    [InlineData("noAnswer", FeatureKind.ForwardNoAnswer, 3)]
    public async Task Forward_post_carries_target_and_ring_count(string route, FeatureKind kind, int? rings)
    {
        var (factory, changes) = Create();
        using var _ = factory;
        using var client = factory.CreateAdminClient();

        var response = await client.PostJsonAsync($"/api/lines/1/forward/{route}", new { enabled = true, target = "2424", ringCount = rings });

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var (_, wish) = Assert.Single(changes.Wishes);
        Assert.Equal(new FeatureWish(kind, new FeatureValue(true, "2424", rings), FeatureOrigin.Web), wish);
    }

    [Fact]
    public async Task Unknown_forward_kind_and_line_are_404_and_nothing_is_sent()
    {
        var (factory, changes) = Create();
        using var _ = factory;
        using var client = factory.CreateAdminClient();

        Assert.Equal(HttpStatusCode.NotFound, (await client.PostJsonAsync("/api/lines/1/forward/sometimes", new { enabled = true })).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.PostJsonAsync("/api/lines/40/dnd", new { enabled = true })).StatusCode);
        Assert.Empty(changes.Wishes);
    }

    [Fact]
    public async Task A_refused_change_is_400_with_the_reason()
    {
        var (factory, changes) = Create();
        using var _ = factory;
        changes.Refuse = "Target must be a dialable number.";
        using var client = factory.CreateAdminClient();

        var response = await client.PostJsonAsync("/api/lines/1/forward/always", new { enabled = true, target = "x<y" });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("Target must be a dialable number.", (string)(await response.ReadNodeAsync())["detail"]!);
    }

    [Theory]
    [InlineData("zh-CN,zh;q=0.9", "更改被拒绝，未发送任何内容。",
        "线路 1：无法发送免打扰：FortiVoice 的订阅（forti-dnd）不可用，且配置“FortiVoice”没有对应的功能码；请在 PBX 配置页面填写免打扰（开启）的功能码。")]
    [InlineData("en", "The change was refused; nothing was sent.",
        "Line 1: Do not disturb cannot be sent: the FortiVoice subscription (forti-dnd) is not available and profile 'FortiVoice' has no code for it; fill in the Do not disturb on code on the PBX profiles page.")]
    public async Task A_refused_change_is_worded_in_the_request_language_with_its_code(string language, string title, string detail)
    {
        var (factory, changes) = Create();
        using var _ = factory;
        changes.Refuse = StatusPhrase.Detail(StatusPhraseCode.NoSyncPath, SyncLogArg.Text(1), SyncLogArg.Feature(FeatureKind.Dnd),
            SyncLogArg.Text("FortiVoice"), SyncLogArg.Text("forti-dnd"), SyncLogArg.ValueOf(FeatureKind.Dnd, new FeatureValue(true)));
        using var client = factory.CreateAdminClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/lines/1/dnd") { Content = JsonContent.Create(new { enabled = true }) };
        request.Headers.AcceptLanguage.ParseAdd(language);

        using var response = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.ReadNodeAsync();
        Assert.Equal((title, detail, "NoSyncPath"), ((string)problem["title"]!, (string)problem["detail"]!, (string)problem["code"]!));
    }

    [Fact]
    public async Task Feature_routes_need_credentials()
    {
        var (factory, changes) = Create();
        using var _ = factory;
        using var client = factory.CreateAnonymousClient();

        Assert.Equal(HttpStatusCode.Unauthorized, (await client.PostJsonAsync("/api/lines/1/dnd", new { enabled = true })).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.PostJsonAsync("/api/lines/1/forward/busy", new { enabled = true, target = "1" })).StatusCode);
        Assert.Empty(changes.Wishes);
    }
}
