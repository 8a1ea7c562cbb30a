using Bunit;
using Phone.SipCore.FeatureSync.Model;
using Phone.SipCore.Lines;
using Phone.TestSupport;
using Phone.Web.Components.Pages.Status;

namespace Phone.Web.Tests.Components;

public sealed class StatusComponentTests : ComponentTestContext
{
    private IRenderedComponent<LineCard> RenderCard(LineStatus status, bool interactive = true,
        Func<int, FeatureWish, Task<string?>>? onRequest = null) =>
        Render<LineCard>(p => p
            .Add(c => c.Status, status)
            .Add(c => c.Interactive, interactive)
            .Add(c => c.OnRequest, onRequest));

    [Fact]
    public void A_pending_change_shows_as_pending_and_a_confirmed_one_as_confirmed()
    {
        var pending = RenderCard(LineStatuses.Registered(1).WithDnd(true, FeatureStanding.Pending, FeatureOrigin.Web));
        var dnd = pending.Find("[data-feature='dnd']");
        Assert.Equal("pending", dnd.QuerySelector("[data-testid='standing']")!.TextContent);
        Assert.Contains("standing-pending", dnd.QuerySelector("[data-testid='standing']")!.ClassName);
        Assert.Equal("web", dnd.QuerySelector("[data-testid='origin']")!.TextContent);

        var confirmed = RenderCard(LineStatuses.Registered(1).WithDnd(true, FeatureStanding.Confirmed));
        var row = confirmed.Find("[data-feature='dnd']");
        Assert.Equal("confirmed", row.QuerySelector("[data-testid='standing']")!.TextContent);
        Assert.Equal("server", row.QuerySelector("[data-testid='origin']")!.TextContent);
        Assert.Contains("On", row.QuerySelector("[data-testid='value']")!.TextContent);
    }

    [Theory]
    [InlineData(FeatureStanding.SentUnconfirmed, "sent")]
    [InlineData(FeatureStanding.Rejected, "rejected")]
    [InlineData(FeatureStanding.NotConfirmed, "not confirmed")]
    [InlineData(FeatureStanding.Local, "local")]
    [InlineData(FeatureStanding.NotAssigned, "not assigned")]
    [InlineData(FeatureStanding.NotReported, "not reported by the server")]
    public void Every_standing_has_its_label(FeatureStanding standing, string label)
    {
        var card = RenderCard(LineStatuses.Registered(1).WithDnd(false, standing));

        Assert.Equal(label, card.Find("[data-feature='dnd'] [data-testid='standing']").TextContent);
    }

    [Fact]
    public void Not_reported_by_the_server_has_its_chinese_label_too()
    {
        var before = System.Globalization.CultureInfo.CurrentUICulture;
        System.Globalization.CultureInfo.CurrentUICulture = System.Globalization.CultureInfo.GetCultureInfo("zh-CN");
        try
        {
            var card = RenderCard(LineStatuses.Registered(1).WithDnd(false, FeatureStanding.NotReported));

            Assert.Equal("服务器未报告", card.Find("[data-feature='dnd'] [data-testid='standing']").TextContent);
        }
        finally
        {
            System.Globalization.CultureInfo.CurrentUICulture = before;
        }
    }

    [Fact]
    public void Each_feature_says_which_path_its_last_change_took_and_nothing_before_one()
    {
        var status = LineStatuses.Registered(1);
        var card = RenderCard(status with
        {
            Paths = status.Paths.SetItem(FeatureKind.Dnd, FeaturePath.Code).SetItem(FeatureKind.ForwardBusy, FeaturePath.Subscription),
        });

        var dnd = card.Find("[data-feature='dnd'] [data-testid='via']");
        Assert.Equal("· via feature code", dnd.TextContent.Trim());
        Assert.Equal("code", dnd.GetAttribute("data-via"));
        Assert.Equal("· via subscription", card.Find("[data-feature='forwardBusy'] [data-testid='via']").TextContent.Trim());
        Assert.Empty(card.FindAll("[data-feature='forwardAlways'] [data-testid='via']"));
    }

    [Fact]
    public void A_no_answer_forward_shows_rings_and_seconds()
    {
        var status = LineStatuses.Registered(3) with { SecondsPerRing = 5 };
        status = status with
        {
            Features = status.Features.With(new FeatureState(FeatureKind.ForwardNoAnswer, true, "2424", 3,
                FeatureStanding.Confirmed, FeatureOrigin.Server, LineStatuses.At)),
        };

        var card = RenderCard(status);

        var row = card.Find("[data-feature='forwardNoAnswer']");
        Assert.Contains("2424", row.TextContent);
        Assert.Equal("· after 3 rings (15 s)", row.QuerySelector("[data-testid='rings']")!.TextContent.Trim());
    }

    [Fact]
    public void Controls_are_disabled_until_the_circuit_is_interactive()
    {
        var card = RenderCard(LineStatuses.Registered(1), interactive: false);

        Assert.True(card.Find("[data-feature='dnd'] [data-testid='toggle']").HasAttribute("disabled"));
        Assert.True(card.Find("[data-feature='forwardBusy'] [data-testid='apply']").HasAttribute("disabled"));
    }

    [Fact]
    public void Toggling_dnd_and_applying_a_forward_ask_for_web_changes()
    {
        var wishes = new List<(int, FeatureWish)>();
        var card = RenderCard(LineStatuses.Registered(2), onRequest: (line, wish) =>
        {
            wishes.Add((line, wish));
            return Task.FromResult<string?>(null);
        });

        card.Find("[data-feature='dnd'] [data-testid='toggle']").Click();
        card.Find("[data-feature='forwardAlways'] [data-testid='enabled']").Change(true);
        card.Find("[data-feature='forwardAlways'] [data-testid='target']").Change("2424");
        card.Find("[data-feature='forwardAlways'] [data-testid='apply']").Click();

        Assert.Equal(
        [
            (2, new FeatureWish(FeatureKind.Dnd, new FeatureValue(true), FeatureOrigin.Web)),
            (2, new FeatureWish(FeatureKind.ForwardAlways, new FeatureValue(true, "2424"), FeatureOrigin.Web)),
        ], wishes);
    }

    [Fact]
    public void A_refused_change_shows_its_reason()
    {
        var card = RenderCard(LineStatuses.Registered(2), onRequest: (_, _) => Task.FromResult<string?>("Target must be digits."));

        card.Find("[data-feature='forwardBusy'] [data-testid='apply']").Click();

        Assert.Equal("Target must be digits.", card.Find("[data-feature='forwardBusy'] [data-testid='error']").TextContent);
    }

    [Fact]
    public void A_display_name_with_a_script_tag_renders_as_text()
    {
        const string evil = "<script>alert('x')</script>";
        var card = RenderCard(LineStatuses.Registered(1, label: evil, user: "<img src=x onerror=alert(1)>") with
        {
            RegistrationDetail = "403 <b>Forbidden</b>",
        });

        Assert.Empty(card.FindAll("script"));
        Assert.Empty(card.FindAll("img"));
        Assert.Empty(card.FindAll("b"));
        Assert.Contains(evil, card.Find("h2").TextContent);
        Assert.Contains("&lt;script&gt;", card.Markup);
    }
}
