using System.Text;

namespace Phone.SipCore.FeatureSync.Documents;

/// <summary>
/// The text of the root's direct children that a feature document is built from, one slot per
/// child name either side uses (docs/protocol.md section 1). Children with other names are not
/// kept, so neither reader makes a string for them. The first child of a name wins, as before.
/// </summary>
internal struct FeatureFields
{
    /// <summary>The child names, in slot order; <see cref="SlotOf(ReadOnlySpan{byte})"/> indexes this.</summary>
    private static readonly string[] Names =
    [
        "device", "doNotDisturbOn", "forwardingType", "forwardStatus", "forwardTo", "activateForward", "forwardDN", "ringCount",
    ];

    private static readonly byte[][] Utf8Names = Array.ConvertAll(Names, Encoding.UTF8.GetBytes);

    private Slots _values;

    public readonly string? Device => _values[0];

    public readonly string? DoNotDisturbOn => _values[1];

    public readonly string? ForwardingType => _values[2];

    public readonly string? ForwardStatus => _values[3];

    public readonly string? ForwardTo => _values[4];

    public readonly string? ActivateForward => _values[5];

    public readonly string? ForwardDn => _values[6];

    public readonly string? RingCount => _values[7];

    /// <summary>The slot of a child's local name, or -1 for a child no document reads.</summary>
    public static int SlotOf(string localName) => Array.IndexOf(Names, localName);

    /// <inheritdoc cref="SlotOf(string)"/>
    public static int SlotOf(ReadOnlySpan<byte> utf8LocalName)
    {
        for (var i = 0; i < Utf8Names.Length; i++)
        {
            if (utf8LocalName.SequenceEqual(Utf8Names[i]))
            {
                return i;
            }
        }
        return -1;
    }

    /// <summary>True when the slot still waits for its first child (a later one of the same name is ignored).</summary>
    public readonly bool Wants(int slot) => slot >= 0 && _values[slot] is null;

    /// <summary>Keeps the text of the first child that names <paramref name="slot"/>.</summary>
    public void Offer(int slot, string text)
    {
        if (Wants(slot))
        {
            _values[slot] = text;
        }
    }

    [System.Runtime.CompilerServices.InlineArray(8)]
    private struct Slots
    {
        private string? _first;
    }
}
