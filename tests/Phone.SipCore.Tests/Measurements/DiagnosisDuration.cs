using System.Globalization;
using Phone.SipCore.Configuration;
using Phone.SipCore.FeatureSync.AsFeatureEvent;
using Phone.SipCore.FeatureSync.Model;
using Phone.SipCore.Lines;
using Phone.SipCore.Lines.Diagnosis;
using Phone.SipCore.Tests.Simulator;
using Phone.TestSupport;
using V = Phone.SipCore.Lines.Diagnosis.DiagnosisCodes.Verdicts;

namespace Phone.SipCore.Tests.Measurements;

/// <summary>
/// A measurement, not a test: how long a diagnosis of a working BroadWorks line takes against the
/// in-process simulator (the production confirmation and settle windows), without and with the DND
/// round trip, and a feature-code line's test call. Reports min/median/max and asserts nothing about time.
/// Opt-in: <c>FEATURESYNC_MEASURE=1 dotnet test tests/Phone.SipCore.Tests -c Release --filter "FullyQualifiedName~DiagnosisDuration" --logger "console;verbosity=detailed"</c>.
/// </summary>
public sealed class DiagnosisDuration(ITestOutputHelper output)
{
    private const int Runs = 10;

    [Fact]
    public async Task Diagnosis_run_time_against_the_simulator()
    {
        OptInMeasurement.SkipUnlessRequested("about half a minute; command and figures in docs/performance.md");
        await using var h = new SimulatorHarness(syncOptions: new AsFeatureEventOptions());
        var broadWorks = h.StartLine(1, "2001", PbxPresets.BroadWorks);
        var yeastar = h.StartLine(2, "2002", PbxPresets.YeastarS);
        await h.WaitForLine(1, s => s.Subscription == SubscriptionStatus.Active && s.Features.Dnd.Standing == FeatureStanding.Confirmed, "active");
        await h.WaitForLine(2, s => s.Registration == RegistrationState.Registered, "registered");

        await Measure("BroadWorks, no round trip", broadWorks, new DiagnosisRequest(), V.WorksUntested);
        await Measure("BroadWorks, round trip", broadWorks, new DiagnosisRequest(RoundTrip: true), V.Works);
        await Measure("Yeastar S, test call *074", yeastar, new DiagnosisRequest(TestCode: "*074"), V.CodesOnly);
    }

    private async Task Measure(string what, LineAgent agent, DiagnosisRequest request, string expected)
    {
        var took = new List<double>();
        for (var i = 0; i < Runs; i++)
        {
            var diagnosis = await agent.DiagnoseAsync(request);
            Assert.True(diagnosis.Verdict == expected, $"{what}: {diagnosis.Verdict} {string.Join("; ", diagnosis.Steps)}");
            took.Add(diagnosis.Took.TotalMilliseconds);
        }
        took.Sort();
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{what}: {Runs} runs, min {took[0]:0} ms, median {took[Runs / 2]:0} ms, max {took[^1]:0} ms"));
    }
}
