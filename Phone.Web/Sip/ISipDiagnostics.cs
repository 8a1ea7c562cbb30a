namespace Phone.Web.Sip;

/// <summary>What the running SIP stack tells the Troubleshooting page about traffic it refused.</summary>
public interface ISipDiagnostics
{
    /// <summary>Messages dropped as unparseable since the stack started, by parse error; empty before it starts.</summary>
    IReadOnlyDictionary<string, long> DropCounts { get; }
}
