namespace Phone.E2E.Tests.Browser;

/// <summary>Browser tests share one Chromium and run one after another (2-core machines).</summary>
[CollectionDefinition(Name)]
public sealed class ChromiumCollection : ICollectionFixture<ChromiumFixture>
{
    public const string Name = "Chromium";
}
