using System.Reflection;
using NetArchTest.Rules;

namespace Phone.Architecture.Tests;

/// <summary>
/// design.md, Layout: dependencies point one way, Phone.Web -> Phone.Storage -> Phone.SipCore.
/// Checked twice: the assembly references the compiler recorded, and every type's use of
/// another project's namespaces (signatures, fields, method bodies).
/// </summary>
public sealed class ProjectDependencyTests
{
    [Fact]
    public void SipCore_references_neither_the_Storage_nor_the_Web_assembly() =>
        AssertNoAssemblyReference(ProductionAssemblies.SipCore, ProductionAssemblies.StorageName, ProductionAssemblies.WebName);

    [Fact]
    public void SipCore_types_depend_on_neither_Storage_nor_Web() =>
        AssertNoTypeDependency(ProductionAssemblies.SipCore, ProductionAssemblies.StorageName, ProductionAssemblies.WebName);

    [Fact]
    public void Storage_does_not_reference_the_Web_assembly() =>
        AssertNoAssemblyReference(ProductionAssemblies.Storage, ProductionAssemblies.WebName);

    [Fact]
    public void Storage_types_do_not_depend_on_Web() =>
        AssertNoTypeDependency(ProductionAssemblies.Storage, ProductionAssemblies.WebName);

    private static void AssertNoAssemblyReference(Assembly assembly, params string[] forbidden)
    {
        var offenders = assembly.GetReferencedAssemblies()
            .Where(r => forbidden.Contains(r.Name, StringComparer.OrdinalIgnoreCase))
            .Select(r => r.FullName)
            .ToList();

        Assert.True(offenders.Count == 0,
            $"{assembly.GetName().Name} must not reference {string.Join(" or ", forbidden)}, but references:\n  "
            + string.Join("\n  ", offenders));
    }

    private static void AssertNoTypeDependency(Assembly assembly, params string[] forbidden)
    {
        var types = Types.InAssembly(assembly);
        var result = types.ShouldNot().HaveDependencyOnAny(forbidden).GetResult();

        Assert.True(result.IsSuccessful,
            $"Types of {assembly.GetName().Name} must not use {string.Join(" or ", forbidden)}; these do:\n  "
            + string.Join("\n  ", DependencyReport.Explain(assembly, result.FailingTypeNames, forbidden)));
    }
}
