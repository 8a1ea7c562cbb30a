using System.Threading.Channels;
using Phone.SipCore.FeatureSync.Documents;
using Phone.SipCore.FeatureSync.Model;
using Phone.SipCore.Lines;
using Phone.SipCore.Usages;

namespace Phone.SipCore.Tests.Usages;

/// <summary>Records what a subscription reports, as events to wait for in order.</summary>
internal sealed class RecordingSubscriptionOwner : ISubscriptionOwner
{
    public Channel<string> Events { get; } = Channel.CreateUnbounded<string>();

    public List<FeatureBody> Bodies { get; } = [];

    public SubscriptionStatus LastStatus { get; private set; }

    public string? LastDetail { get; private set; }

    public int? LastStatusCode { get; private set; }

    public void OnSubscriptionStatus(SubscriptionStatus status, string? detail, DateTimeOffset? expires, int? statusCode = null)
    {
        LastStatus = status;
        LastDetail = detail;
        LastStatusCode = statusCode;
        Events.Writer.TryWrite($"status:{status}:{detail}");
    }

    public void OnNotify(FeatureBody body)
    {
        lock (Bodies)
        {
            Bodies.Add(body);
        }
        Events.Writer.TryWrite($"notify:{body.Documents.Count}");
    }

    public void OnSubscriptionLost() => Events.Writer.TryWrite("lost");

    public void OnSetResponse(FeatureKind kind, int status, string reason) => Events.Writer.TryWrite($"set:{kind}:{status}");

    public void OnSetFailed(FeatureKind kind, string reason) => Events.Writer.TryWrite($"setfailed:{kind}");

    /// <summary>Reads events until one starts with <paramref name="prefix"/>, within 10 s.</summary>
    public async Task<string> WaitForAsync(string prefix)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        var seen = new List<string>();
        try
        {
            while (true)
            {
                var next = await Events.Reader.ReadAsync(timeout.Token);
                seen.Add(next);
                if (next.StartsWith(prefix, StringComparison.Ordinal))
                {
                    return next;
                }
            }
        }
        catch (OperationCanceledException)
        {
            throw new TimeoutException($"no '{prefix}' event; saw: {string.Join(" | ", seen)}");
        }
    }
}
