namespace Phone.TestSupport;

/// <summary>
/// Measurements report figures and assert nothing about time; they take long, so they run only
/// when asked for with FEATURESYNC_MEASURE=1 and otherwise report Skipped (never Passed) with
/// how to run them. test.sh lists them among the skipped tests; they are the only skips CI allows.
/// </summary>
public static class OptInMeasurement
{
    public const string Variable = "FEATURESYNC_MEASURE";

    /// <summary>Every opt-in measurement's skip reason starts with this (test.sh matches it).</summary>
    public const string ReasonPrefix = "opt-in measurement: ";

    /// <summary>Skips the running measurement unless FEATURESYNC_MEASURE=1; <paramref name="howToRun"/> says where the command and its figures are.</summary>
    public static void SkipUnlessRequested(string howToRun) =>
        Assert.SkipUnless(Environment.GetEnvironmentVariable(Variable) == "1",
            $"{ReasonPrefix}set {Variable}=1 to run it ({howToRun})");
}
