using NetArchTest.Rules;

namespace Phone.Architecture.Tests;

/// <summary>Names that must mean one thing in the SIP core.</summary>
public sealed class TypeUniquenessTests
{
    /// <summary>
    /// The RFC 3261 25.1 character classes live in one place, so the parser and the settings
    /// validators cannot drift apart. Fails while Configuration and Parsing each have their own.
    /// </summary>
    [Fact]
    public void SipCore_has_exactly_one_type_named_SipSyntax()
    {
        var found = Types.InAssembly(ProductionAssemblies.SipCore).That().HaveName("SipSyntax")
            .GetTypes().Select(t => t.FullName ?? t.Name).Order(StringComparer.Ordinal).ToList();

        Assert.True(found.Count == 1,
            $"Phone.SipCore must have exactly one type named SipSyntax; it has {found.Count}:\n  " + string.Join("\n  ", found));
    }
}
