using System.Collections.Concurrent;
using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Phone.SipCore.FeatureSync.Model;
using Phone.SipCore.Lines;
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
