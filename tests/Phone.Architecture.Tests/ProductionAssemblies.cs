using System.Reflection;

namespace Phone.Architecture.Tests;

/// <summary>
/// The three production assemblies, as built beside these tests by the project references.
/// Loaded by name, so the tests need no public type of each project.
/// </summary>
internal static class ProductionAssemblies
{
    public const string SipCoreName = "Phone.SipCore";
    public const string StorageName = "Phone.Storage";
    public const string WebName = "Phone.Web";

    public static Assembly SipCore { get; } = Load(SipCoreName);

    public static Assembly Storage { get; } = Load(StorageName);

    public static Assembly Web { get; } = Load(WebName);

    public static IReadOnlyList<Assembly> All { get; } = [SipCore, Storage, Web];

    /// <summary>Where the assembly's file lies (for reading its IL).</summary>
    public static string PathOf(Assembly assembly) =>
        assembly.Location is { Length: > 0 } location
            ? location
            : throw new InvalidOperationException($"{assembly.GetName().Name} was not loaded from a file.");

    private static Assembly Load(string name)
    {
        var file = Path.Combine(AppContext.BaseDirectory, name + ".dll");
        if (!File.Exists(file))
        {
            throw new InvalidOperationException($"{file} is missing: the test project must reference {name}.");
        }
        return Assembly.Load(new AssemblyName(name));
    }
}
