using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Phone.SipCore.FeatureSync.Model;
using Phone.SipCore.Lines;
using Phone.SipCore.SyncLog;
using Phone.SipCore.Transport;
using Phone.TestSupport;

namespace Phone.Web.Tests.Api;

public sealed class StatusApiTests
{
    /// <summary>Publishes line 2 registered, changed by <paramref name="change"/>, and reads it back from /api/status.</summary>
    private static async Task<System.Text.Json.Nodes.JsonNode> LineTwoAfterPublishingAsync(Func<LineStatus, LineStatus> change)
    {
        using var factory = new PhoneWebFactory();
        using var client = factory.CreateAdminClient();
        await client.GetAsync("/healthz");
        factory.Feed.Publish(change(LineStatuses.Registered(2)));

        var json = await (await client.GetAsync("/api/status")).ReadNodeAsync();

        return json["lines"]!.AsArray().Single(l => (int)l!["line"]! == 2)!;
    }

    [Theory]
    [InlineData("zh-CN", "已接受，等待首个 NOTIFY", "由话机执行")]
    [InlineData("en", "accepted; waiting for the first NOTIFY", "executed by the phone")]
    public async Task Details_follow_accept_language_and_carry_their_codes(string language, string subscription, string feature)
    {
        using var factory = new PhoneWebFactory();
        using var client = factory.CreateAdminClient();
        await client.GetAsync("/healthz");
        var status = LineStatuses.Registered(2);
        factory.Feed.Publish(status with
        {
            RegistrationDetail = "200 OK",
            SubscriptionDetail = StatusPhrase.Detail(StatusPhraseCode.WaitingForFirstNotify),
            Features = status.Features.With(status.Features.Dnd with { Detail = StatusPhrase.Detail(StatusPhraseCode.ExecutedByPhone) }),
        });
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/status");
        request.Headers.AcceptLanguage.ParseAdd(language);

        var json = await (await client.SendAsync(request)).ReadNodeAsync();

        var line = json["lines"]!.AsArray().Single(l => (int)l!["line"]! == 2)!;
        // A protocol detail stays as the registrar wrote it and has no code.
        Assert.Equal(("200 OK", null), ((string?)line["registrationDetail"], (string?)line["registrationDetailCode"]));
        Assert.Equal((subscription, "WaitingForFirstNotify"), ((string?)line["subscriptionDetail"], (string?)line["subscriptionDetailCode"]));
        Assert.Equal((feature, "ExecutedByPhone"), ((string?)line["dnd"]!["detail"], (string?)line["dnd"]!["detailCode"]));
    }

    [Fact]
    public async Task Status_without_credentials_is_401_with_a_basic_challenge()
    {
        using var factory = new PhoneWebFactory();
        using var client = factory.CreateAnonymousClient();

        var response = await client.GetAsync("/api/status");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Contains(response.Headers.WwwAuthenticate, h => h.Scheme == "Basic");
    }

    [Fact]
    public async Task Status_lists_every_line_with_the_sip_port()
    {
        using var factory = new PhoneWebFactory();
        using var client = factory.CreateAdminClient();

        var json = await (await client.GetAsync("/api/status")).ReadNodeAsync();

        var port = factory.Services.GetRequiredService<SipListener>().LocalEndPoint!.Port;
        Assert.Equal(port, (int)json["sipPort"]!);
        var lines = json["lines"]!.AsArray();
        Assert.Equal(16, lines.Count);
        Assert.Equal(1, (int)lines[0]!["line"]!);
        Assert.False((bool)lines[0]!["dnd"]!["enabled"]!);
        Assert.NotNull(lines[0]!["forwardAlways"]!["target"]);
    }

    [Fact]
    public async Task Status_shows_the_live_snapshot_with_camel_case_enums_and_ring_seconds()
    {
        var line = await LineTwoAfterPublishingAsync(status => status with
        {
            Features = status.Features.With(new FeatureState(FeatureKind.ForwardNoAnswer, true, "2424", 3,
                FeatureStanding.SentUnconfirmed, FeatureOrigin.Web, LineStatuses.At)),
        });

        Assert.Equal("registered", (string)line["registration"]!);
        Assert.Equal("active", (string)line["subscription"]!);
        Assert.Equal("confirmed", (string)line["dnd"]!["standing"]!);
        var noAnswer = line["forwardNoAnswer"]!;
        Assert.Equal("2424", (string)noAnswer["target"]!);
        Assert.Equal(3, (int)noAnswer["ringCount"]!);
        Assert.Equal(18, (int)noAnswer["ringSeconds"]!);
        Assert.Equal("sentUnconfirmed", (string)noAnswer["standing"]!);
        Assert.Equal("web", (string)noAnswer["origin"]!);
    }

    [Fact]
    public async Task Each_feature_says_which_path_its_last_change_took()
    {
        var line = await LineTwoAfterPublishingAsync(status => status with
        {
            Paths = status.Paths.SetItem(FeatureKind.Dnd, FeaturePath.Subscription).SetItem(FeatureKind.ForwardAlways, FeaturePath.Code)
                .SetItem(FeatureKind.ForwardBusy, FeaturePath.Local),
        });

        Assert.Equal("subscription", (string)line["dnd"]!["via"]!);
        Assert.Equal("code", (string)line["forwardAlways"]!["via"]!);
        Assert.Equal("local", (string)line["forwardBusy"]!["via"]!);
        // Nothing moved this run: present, and null.
        Assert.True(line["forwardNoAnswer"]!.AsObject().ContainsKey("via"));
        Assert.Null(line["forwardNoAnswer"]!["via"]);
    }
}
