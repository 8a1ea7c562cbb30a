using System.Text;
using Microsoft.Extensions.Time.Testing;
using Phone.SipCore.Transactions;
using Phone.SipCore.Transport;

namespace Phone.SipCore.Tests.Transactions;

/// <summary>Records each send with the fake clock's time, in milliseconds since the test began.</summary>
internal sealed class RecordingSender(FakeTimeProvider time) : ISipMessageSender
{
    private readonly DateTimeOffset _start = time.GetUtcNow();

    public List<(double AtMs, string Text, SipEndPoint To)> Sent { get; } = [];

    public bool Fail { get; set; }

    public ValueTask SendAsync(ReadOnlyMemory<byte> message, SipEndPoint destination, CancellationToken cancellationToken)
    {
        if (Fail)
        {
            throw new IOException("network unreachable");
        }
        Sent.Add(((time.GetUtcNow() - _start).TotalMilliseconds, Encoding.UTF8.GetString(message.Span), destination));
        return ValueTask.CompletedTask;
    }

    public IEnumerable<double> TimesOf(string startLinePrefix) => Sent.Where(s => s.Text.StartsWith(startLinePrefix, StringComparison.Ordinal)).Select(s => s.AtMs);
}
