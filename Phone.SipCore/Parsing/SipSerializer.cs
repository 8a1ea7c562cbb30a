using System.Buffers;
using Phone.SipCore.Messages;

namespace Phone.SipCore.Parsing;

/// <summary>
/// Writes messages to the wire. A parsed message is immutable, so its wire form is its
/// buffer: unchanged messages round-trip byte for byte. Changed or new messages come
/// from <see cref="SipMessageBuilder"/>, which keeps untouched lines as received.
/// </summary>
public static class SipSerializer
{
    public static byte[] Serialize(SipMessage message) => message.Buffer.ToArray();

    public static byte[] Serialize(SipMessageBuilder builder) => builder.ToBytes();

    public static void WriteTo(SipMessage message, IBufferWriter<byte> writer) => writer.Write(message.Buffer.Span);

    /// <summary>Copies the message into <paramref name="destination"/>; false when it does not fit.</summary>
    public static bool TryWrite(SipMessage message, Span<byte> destination, out int written)
    {
        written = message.Buffer.Length;
        if (!message.Buffer.Span.TryCopyTo(destination))
        {
            written = 0;
            return false;
        }
        return true;
    }
}
