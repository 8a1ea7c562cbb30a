using Phone.SipCore.SyncLog;
using System.Globalization;
using Phone.Interop.Tests.Sipp;
using Phone.SipCore.Configuration;
using Phone.SipCore.FeatureSync.Model;
using Phone.SipCore.Lines;

namespace Phone.Interop.Tests.Lines;

/// <summary>Whole lines against sipp: a feature-code PBX, and the phone executing DND itself.</summary>
public sealed class LineFeatureCodeAndCallTests
{
    [Fact]
    public async Task A_yeastar_line_dials_the_dnd_code_once_and_shows_sent_not_confirmable()
    {
        await using var sipp = SippProcess.Start("pbx-line-feature-code.xml", calls: 2);
        await using var line = new LineHarness(sipp.Port, PbxPresets.Find("Yeastar S-series")!);
        line.Start();
        await line.WaitForAsync(s => s.Registration == RegistrationState.Registered, "registered");

        var result = await line.RequestAsync(FeatureKind.Dnd, true);

        Assert.True(result.Accepted, result.Error);
        var sent = await line.WaitForFeatureAsync(FeatureKind.Dnd, true, FeatureStanding.SentUnconfirmed);
        Assert.Equal(StatusPhraseCode.CodeSentNotConfirmable, StatusPhrase.TryDecode(sent.Features.Dnd.Detail, out var sentDetail) ? sentDetail.Code : (StatusPhraseCode?)null);
        Assert.Equal(SubscriptionStatus.NotUsed, sent.Subscription);
        await sipp.AssertPassedAsync(TimeSpan.FromSeconds(20));
        Assert.Contains("INVITE sip:*74@127.0.0.1", sipp.MessageLog());
    }

    [Fact]
    public async Task A_code_the_profile_lacks_is_refused_with_the_field_to_fill_in()
    {
        await using var sipp = SippProcess.Start("pbx-line-feature-code.xml", calls: 1);
        await using var line = new LineHarness(sipp.Port, PbxPresets.Find("Yeastar P-series")!);
        line.Start();
        await line.WaitForAsync(s => s.Registration == RegistrationState.Registered, "registered");

        var result = await line.RequestAsync(FeatureKind.Dnd, true);

        Assert.False(result.Accepted);
        Assert.True(StatusPhrase.TryDecode(result.Error, out var noCode));
        Assert.Equal((StatusPhraseCode.ProfileHasNoCode, SyncLogArg.Feature(FeatureKind.Dnd), "on"), (noCode.Code, noCode.Args[1], noCode.Args[3].Value));
    }

    [Fact]
    public async Task With_sync_off_the_line_answers_a_caller_busy_when_dnd_is_on()
    {
        await using var registrar = SippProcess.Start("pbx-line-feature-code.xml", calls: 1);
        await using var line = new LineHarness(registrar.Port, PbxPresets.Find("BroadWorks")!, featureSync: false);
        line.Start();
        await line.WaitForAsync(s => s.Registration == RegistrationState.Registered, "registered");
        await line.RequestAsync(FeatureKind.Dnd, true);
        await line.WaitForFeatureAsync(FeatureKind.Dnd, true, FeatureStanding.Local);

        await using var caller = SippProcess.Start("caller-busy.xml",
            extraArgs: ["-s", "2001", $"127.0.0.1:{line.PhonePort.ToString(CultureInfo.InvariantCulture)}"]);

        await caller.AssertPassedAsync(TimeSpan.FromSeconds(20));
        Assert.Contains("SIP/2.0 486", caller.MessageLog());
    }

    [Fact]
    public async Task A_3cx_line_takes_dnd_and_forwarding_pushed_by_uacsta()
    {
        await using var registrar = SippProcess.Start("pbx-line-feature-code.xml", calls: 1);
        await using var line = new LineHarness(registrar.Port, PbxPresets.Find("3CX")!);
        line.Start();
        await line.WaitForAsync(s => s.Registration == RegistrationState.Registered, "registered");

        // sipp plays 3CX: INVITE with a CSTA body, MonitorStart, Set/Get DND and forwarding, BYE.
        await using var server = SippProcess.Start("uacsta-3cx.xml",
            extraArgs: ["-s", "2001", $"127.0.0.1:{line.PhonePort.ToString(CultureInfo.InvariantCulture)}"]);
        await server.AssertPassedAsync(TimeSpan.FromSeconds(20));

        var dnd = await line.WaitForFeatureAsync(FeatureKind.Dnd, true, FeatureStanding.Confirmed);
        Assert.Equal(FeatureOrigin.Server, dnd.Features.Dnd.Origin);
        Assert.Equal(StatusPhrase.Detail(StatusPhraseCode.SetByServerCsta), dnd.Features.Dnd.Detail);
    }

    [Fact]
    public async Task Feature_codes_are_never_replayed_when_the_line_starts_and_registers()
    {
        await using var sipp = SippProcess.Start("pbx-line-feature-code.xml", calls: 1);
        await using var line = new LineHarness(sipp.Port, PbxPresets.Find("Yeastar S-series")!,
            initial: features => features.With(features.Dnd with { Enabled = true, Standing = FeatureStanding.SentUnconfirmed }));
        line.Start();

        var registered = await line.WaitForAsync(s => s.Registration == RegistrationState.Registered, "registered");

        Assert.True(registered.Features.Dnd.Enabled);
        await sipp.AssertPassedAsync(TimeSpan.FromSeconds(20)); // one call: the REGISTER; an INVITE would be unexpected
        Assert.DoesNotContain("INVITE sip:", sipp.MessageLog());
    }
}
