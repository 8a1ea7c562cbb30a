using System.Collections;

namespace Phone.SipCore.Messages;

/// <summary>
/// An ordered, read-only parameter list. Names compare case-insensitively
/// (RFC 3261 7.3.1: parameter names are case-insensitive).
/// </summary>
public sealed class SipParameters : IReadOnlyList<SipParameter>
{
    public static readonly SipParameters Empty = new([]);

    private readonly SipParameter[] _items;

    public SipParameters(IEnumerable<SipParameter> items) => _items = items.ToArray();

    public int Count => _items.Length;

    public SipParameter this[int index] => _items[index];

    public bool Contains(string name) => IndexOf(name) >= 0;

    /// <summary>The value of the first parameter with that name; null if absent or valueless.</summary>
    public string? Get(string name)
    {
        var index = IndexOf(name);
        return index < 0 ? null : _items[index].Value;
    }

    public bool TryGet(string name, out string? value)
    {
        var index = IndexOf(name);
        value = index < 0 ? null : _items[index].Value;
        return index >= 0;
    }

    public IEnumerator<SipParameter> GetEnumerator() => ((IEnumerable<SipParameter>)_items).GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    private int IndexOf(string name)
    {
        for (var i = 0; i < _items.Length; i++)
        {
            if (string.Equals(_items[i].Name, name, StringComparison.OrdinalIgnoreCase))
            {
                return i;
            }
        }
        return -1;
    }
}
