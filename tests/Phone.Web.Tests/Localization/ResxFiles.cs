using System.Xml.Linq;
using Phone.TestSupport;

namespace Phone.Web.Tests.Localization;

/// <summary>The .resx pairs under Phone.Web/Resources, read from the source tree (found, not listed).</summary>
internal static class ResxFiles
{
    public const string Chinese = "zh-CN";

    public static string Directory { get; } = Path.Combine(RepositoryRoot.Path, "Phone.Web", "Resources");

    /// <summary>The resource names with an English (neutral) file, e.g. <c>PageText</c>.</summary>
    public static IReadOnlyList<string> Names() =>
    [
        .. System.IO.Directory.EnumerateFiles(Directory, "*.resx")
            .Select(Path.GetFileNameWithoutExtension)
            .Where(n => n is not null && !n.Contains('.', StringComparison.Ordinal))
            .Select(n => n!)
            .Order(StringComparer.Ordinal),
    ];

    /// <summary>The entries of <c>Name.resx</c> (culture null) or <c>Name.culture.resx</c>.</summary>
    public static IReadOnlyDictionary<string, string> Read(string name, string? culture = null)
    {
        var file = Path.Combine(Directory, culture is null ? $"{name}.resx" : $"{name}.{culture}.resx");
        return XDocument.Load(file).Root!.Elements("data")
            .ToDictionary(d => (string)d.Attribute("name")!, d => (string?)d.Element("value") ?? "", StringComparer.Ordinal);
    }
}
