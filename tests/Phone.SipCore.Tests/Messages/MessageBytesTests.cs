using System.Buffers;
using System.Runtime.InteropServices;
using System.Text;
using Phone.SipCore.Messages;
using Phone.SipCore.Parsing;

namespace Phone.SipCore.Tests.Messages;

/// <summary>
/// A parsed message reads its bytes from whatever memory it was parsed from: an array, a slice of
/// one that starts inside it, or memory that is no array at all, and a pooled message object
/// parsed into again reads its new bytes only. Every read must give the same bytes in each case.
/// </summary>
public sealed class MessageBytesTests
{
    private const string Notify =
        "NOTIFY sip:2001@192.0.2.10:5060 SIP/2.0\r\n" +
        "Via: SIP/2.0/UDP 192.0.2.1:5060;branch=z9hG4bK-bytes-1\r\n" +
        "From: <sip:as@192.0.2.1>;tag=server-tag\r\n" +
        "To: <sip:2001@192.0.2.1>;tag=phone-tag\r\n" +
        "Call-ID: bytes-call@192.0.2.1\r\n" +
        "CSeq: 7 NOTIFY\r\n" +
        "Max-Forwards: 70\r\n" +
        "Event: as-feature-event\r\n" +
        "Subscription-State: active;expires=3600\r\n" +
        "Content-Length: 4\r\n" +
        "\r\n" +
        "body";

    /// <summary>Memory that is not an array, so <see cref="MemoryMarshal.TryGetArray{T}"/> says no.</summary>
    private sealed class CopiedMemory(byte[] bytes) : MemoryManager<byte>
    {
        public override Span<byte> GetSpan() => bytes;

        public override MemoryHandle Pin(int elementIndex = 0) => throw new NotSupportedException();

        public override void Unpin()
        {
        }

        protected override void Dispose(bool disposing)
        {
        }
    }

    private static string Text(ReadOnlySpan<byte> bytes) => Encoding.UTF8.GetString(bytes);

    private static string[] Reads(SipMessage message) =>
    [
        Text(message.StartLine), Text(message.FromTagSpan), Text(message.ToTagSpan), Text(message.CallIdSpan),
        Text(message.GetValueSpan(HeaderId.Event)), Text(message.GetValueSpan(HeaderId.SubscriptionState)),
        Text(message.GetNameSpan(message.Headers[2])), Text(message.GetLineSpan(message.Headers[3])),
        message.GetValue(message.Headers[4]), Text(message.Body.Span), message.ToString(),
    ];

    [Theory]
    [InlineData(0)]
    [InlineData(2)] // keep-alive CRLFs before the start line: the message starts inside the buffer
    [InlineData(6)]
    public void Every_read_gives_the_same_bytes_from_an_array_a_slice_of_one_and_other_memory(int keepAlives)
    {
        var padded = Encoding.ASCII.GetBytes(string.Concat(Enumerable.Repeat("\r\n", keepAlives)) + Notify + "tail");
        var inArray = new byte[padded.Length + 10];
        padded.CopyTo(inArray, 5);
        var fromArray = SipParser.TryParse(new ReadOnlyMemory<byte>(inArray, 5, padded.Length - 4)).Message!;
        var fromOther = SipParser.TryParse(new CopiedMemory(padded).Memory[..^4]).Message!;
        Assert.False(MemoryMarshal.TryGetArray<byte>(new CopiedMemory(padded).Memory, out _));

        var expected = new[]
        {
            "NOTIFY sip:2001@192.0.2.10:5060 SIP/2.0", "server-tag", "phone-tag", "bytes-call@192.0.2.1",
            "as-feature-event", "active;expires=3600", "To", "Call-ID: bytes-call@192.0.2.1\r\n", "7 NOTIFY", "body", Notify,
        };
        Assert.Equal(expected, Reads(fromArray));
        Assert.Equal(expected, Reads(fromOther));
        fromArray.Release();
        fromOther.Release();
    }

    [Fact]
    public void A_message_reparsed_into_a_recycled_object_reads_its_own_bytes_not_the_last_ones()
    {
        var first = SipParser.TryParse(Encoding.ASCII.GetBytes(Notify)).Message!;
        first.Release();
        var other = Notify.Replace("server-tag", "second-tag", StringComparison.Ordinal);
        var second = SipParser.TryParse(new CopiedMemory(Encoding.ASCII.GetBytes(other)).Memory).Message!;

        Assert.Equal("second-tag", Text(second.FromTagSpan));
        Assert.Equal(other, second.ToString());
        second.Release();
        Assert.Throws<ObjectDisposedException>(() => second.FromTagSpan.Length);
    }
}
