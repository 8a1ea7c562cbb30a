using System.Reflection;

namespace Phone.Web.Hosting;

/// <summary>The product name and version shown on every page and in the health check.</summary>
public static class ProductInfo
{
    public const string Name = "FeatureSync";

    /// <summary>The informational version without the source-revision suffix.</summary>
    public static string Version { get; } = ReadVersion();

    private static string ReadVersion()
    {
        var attribute = typeof(ProductInfo).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>();
        var version = attribute?.InformationalVersion ?? "0.0.0";
        var plus = version.IndexOf('+', StringComparison.Ordinal);
        return plus < 0 ? version : version[..plus];
    }
}
