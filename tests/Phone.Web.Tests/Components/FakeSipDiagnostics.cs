using Phone.Web.Sip;

namespace Phone.Web.Tests.Components;

/// <summary>Drop counts a test sets, in place of a running stack's.</summary>
public sealed class FakeSipDiagnostics : ISipDiagnostics
{
    public Dictionary<string, long> Counts { get; } = [];

    public IReadOnlyDictionary<string, long> DropCounts => Counts;
}
