using Phone.Interop.Tests.Sipp;
using Phone.SipCore.Configuration;
using Phone.SipCore.Lines;
using Phone.SipCore.Lines.Diagnosis;
using D = Phone.SipCore.Lines.Diagnosis.DiagnosisCodes.Details;
using S = Phone.SipCore.Lines.Diagnosis.DiagnosisCodes.Steps;
using V = Phone.SipCore.Lines.Diagnosis.DiagnosisCodes.Verdicts;

namespace Phone.Interop.Tests.Diagnosis;

/// <summary>
/// Feature-code profiles (issue 16): the codes a profile lacks, and the optional test call of one
/// code against sipp playing a PBX that answers 200, 404, 486 or never.
/// </summary>
public sealed class DiagnosisTestCallInteropTests
{
    private static readonly PbxProfile YeastarS = PbxPresets.Find("Yeastar S-series")!;

    private static async Task<(LineDiagnosis Diagnosis, Phone.Web.Diagnosis.DiagnosisModel English)> DiagnoseAsync(
        SippProcess sipp, PbxProfile profile, string? testCode)
    {
        await using var line = new LineHarness(sipp.Port, profile);
        line.Start();
        await line.WaitForAsync(s => s.Registration == RegistrationState.Registered, "registered");
        var diagnosis = await line.Agent.DiagnoseAsync(new DiagnosisRequest(TestCode: testCode));
        return (diagnosis, EnglishDiagnosis.Render(diagnosis));
    }

    [Fact]
    public async Task A_code_the_pbx_answers_is_a_test_call_ended_200_with_its_call_id_as_evidence()
    {
        await using var sipp = SippProcess.Start("pbx-line-feature-code.xml", calls: 2);

        var (diagnosis, english) = await DiagnoseAsync(sipp, YeastarS, "*74");

        Assert.True(diagnosis.Ok, string.Join("; ", diagnosis.Steps));
        Assert.Equal(V.CodesOnly, diagnosis.Verdict);
        Assert.Equal("The line registers; its profile syncs by feature codes, which the server cannot confirm", english.Verdict);
        Assert.Equal(D.CodesComplete, diagnosis.Steps.Single(s => s.Name == S.FeatureCodes).Detail);
        var call = diagnosis.Steps.Single(s => s.Name == S.TestCall);
        Assert.Equal((true, D.CallAnswered, "200"), (call.Ok, call.Detail, call.Arguments[1]));
        Assert.StartsWith("The test call to *74 ended 200: sent, not confirmable (200 OK", EnglishDiagnosis.StepOf(english, S.TestCall).Detail);
        var callId = Assert.Single(call.Evidence);
        await sipp.AssertPassedAsync(TimeSpan.FromSeconds(20));
        Assert.Contains($"Call-ID: {callId}", sipp.MessageLog());
        Assert.Contains("INVITE sip:*74@127.0.0.1", sipp.MessageLog());
    }

    [Theory]
    [InlineData("404", "Not Found")]
    [InlineData("486", "Busy Here")]
    public async Task A_code_the_pbx_refuses_fails_with_its_final_status(string status, string reason)
    {
        await using var sipp = SippProcess.Start($"pbx-line-feature-code-{status}.xml", calls: 2);

        var (diagnosis, english) = await DiagnoseAsync(sipp, YeastarS, "*74");

        Assert.False(diagnosis.Ok);
        Assert.Equal(V.CodeFailed, diagnosis.Verdict);
        Assert.Equal($"The feature code *74 failed: {status} {reason}", english.Verdict);
        var call = diagnosis.Steps.Single(s => s.Name == S.TestCall);
        Assert.Equal((false, D.CallFailed), (call.Ok, call.Detail));
        Assert.Equal(["*74", status, $"{status} {reason}"], call.Arguments);
        Assert.Equal($"The test call to *74 failed ({status}): {status} {reason}.", EnglishDiagnosis.StepOf(english, S.TestCall).Detail);
        Assert.Contains($"Call-ID: {Assert.Single(call.Evidence)}", sipp.MessageLog());
        await sipp.AssertPassedAsync(TimeSpan.FromSeconds(20));
    }

    [Fact]
    public async Task A_code_the_pbx_never_answers_is_cancelled_after_the_diagnosis_wait_not_the_lines_15_s()
    {
        await using var sipp = SippProcess.Start("pbx-line-feature-code-no-answer.xml", calls: 2);

        var (diagnosis, english) = await DiagnoseAsync(sipp, YeastarS, "*74");

        Assert.False(diagnosis.Ok);
        Assert.Equal(V.CodeNotAnswered, diagnosis.Verdict);
        Assert.Equal("The feature code *74 was not answered within 5 s", english.Verdict);
        var call = diagnosis.Steps.Single(s => s.Name == S.TestCall);
        Assert.Equal((false, D.CallNotAnswered), (call.Ok, call.Detail));
        Assert.Equal("The test call to *74 was not answered within 5 s; the phone cancelled it.", EnglishDiagnosis.StepOf(english, S.TestCall).Detail);
        // sipp saw the CANCEL and the ACK of the 487 (RFC 3261 9.1).
        await sipp.AssertPassedAsync(TimeSpan.FromSeconds(20));
        Assert.Contains("CANCEL sip:*74@127.0.0.1", sipp.MessageLog());
        // The line's 15 s answer timeout would take longer than the diagnosis' 5 s wait and its 4 s bound.
        Assert.True(diagnosis.Took < LineAgent.DiagnosisTestCallAnswerWait + LineAgent.DiagnosisWait, $"took {diagnosis.Took}");
    }

    [Fact]
    public async Task A_profile_without_dnd_codes_names_the_missing_codes()
    {
        await using var sipp = SippProcess.Start("pbx-line-feature-code.xml", calls: 1);

        var (diagnosis, english) = await DiagnoseAsync(sipp, PbxPresets.Find("Yeastar P-series")!, testCode: null);

        Assert.False(diagnosis.Ok);
        Assert.Equal(V.CodesMissing, diagnosis.Verdict);
        Assert.Equal(["Yeastar P-series", "Dnd on, Dnd off"], diagnosis.VerdictArguments);
        Assert.Equal("Profile Yeastar P-series lacks feature codes: Dnd on, Dnd off", english.Verdict);
        var codes = EnglishDiagnosis.StepOf(english, S.FeatureCodes);
        Assert.Equal((false, D.CodesMissing, "The profile lacks these codes: Dnd on, Dnd off."), (codes.Ok, codes.DetailCode, codes.Detail));
        Assert.DoesNotContain(diagnosis.Steps, s => s.Name == S.TestCall); // none asked for
    }
}
