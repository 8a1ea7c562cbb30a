using NetArchTest.Rules;

namespace Phone.Architecture.Tests;

/// <summary>
/// design.md, "Phone.SipCore, layer by layer": transport -> transaction -> dialog -> usage, as in
/// pjsip and reSIProcate. A layer talks only to the ones below it; events travel up through
/// small handler interfaces declared low, never through a reference to a higher layer.
/// </summary>
public sealed class SipCoreLayeringTests
{
    private const string Root = "Phone.SipCore";

    // The layers above the transaction layer, by namespace (each rule covers sub-namespaces).
    private const string Dialogs = Root + ".Dialogs";
    private const string Usages = Root + ".Usages";
    private const string Lines = Root + ".Lines";
    private const string FeatureSync = Root + ".FeatureSync";
    private const string Simulator = Root + ".Simulator";

    [Fact]
    public void Transport_and_transactions_know_nothing_of_dialogs_usages_lines_feature_sync_or_the_simulator()
    {
        AssertLayer(["Transport", "Transactions"], allowEmpty: false, Lines, Usages, FeatureSync, Dialogs, Simulator);
    }

    /// <summary>
    /// Phone.SipCore.Dialogs is being created by another change; until it lands there are no
    /// types in it and the rule holds vacuously (it is written so that it does, on purpose).
    /// </summary>
    [Fact]
    public void Dialogs_know_nothing_of_usages_lines_feature_sync_or_the_simulator()
    {
        AssertLayer(["Dialogs"], allowEmpty: true, Usages, Lines, FeatureSync, Simulator);
    }

    /// <summary>
    /// The stack routes messages; lines and event packages sit above it. Fails until SipStack
    /// stops using Phone.SipCore.Lines (its event sink and trace direction): that is intended.
    /// </summary>
    [Fact]
    public void Stack_knows_nothing_of_lines_usages_or_feature_sync()
    {
        AssertLayer(["Stack"], allowEmpty: false, Lines, Usages, FeatureSync);
    }

    /// <param name="layers">Namespaces under Phone.SipCore whose types are checked, with their sub-namespaces.</param>
    /// <param name="allowEmpty">Whether the layer may have no types yet (otherwise a typo would pass silently).</param>
    /// <param name="forbidden">Namespaces the layer's types must not use.</param>
    private static void AssertLayer(string[] layers, bool allowEmpty, params string[] forbidden)
    {
        var pattern = $@"^{Root.Replace(".", @"\.", StringComparison.Ordinal)}\.({string.Join("|", layers)})(\..+)?$";
        var selected = Types.InAssembly(ProductionAssemblies.SipCore).That().ResideInNamespaceMatching(pattern);
        if (!allowEmpty)
        {
            Assert.True(selected.GetTypes().Any(), $"No types in {string.Join(" or ", layers)}: the rule would check nothing.");
        }

        var result = selected.ShouldNot().HaveDependencyOnAny(forbidden).GetResult();

        Assert.True(result.IsSuccessful,
            $"Types in {Root}.{string.Join($" / {Root}.", layers)} must not use {string.Join(", ", forbidden)}; these do:\n  "
            + string.Join("\n  ", DependencyReport.Explain(ProductionAssemblies.SipCore, result.FailingTypeNames, forbidden)));
    }
}
