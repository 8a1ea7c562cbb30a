using System.Globalization;
using Phone.SipCore.Parsing;

namespace Phone.SipCore.Stack;

/// <summary>Drops counted by reason: those of one source held back in a window, or all since start.</summary>
internal sealed class DropTally
{
    private readonly long[] _byReason = new long[Enum.GetValues<SipParseError>().Length];

    /// <summary>Drops of this source logged in full in the current window (not counted in <see cref="Total"/>).</summary>
    public int Logged { get; set; }

    public long Total { get; private set; }

    public void Count(SipParseError error)
    {
        Total++;
        _byReason[(int)error]++;
    }

    public void Add(DropTally other)
    {
        Total += other.Total;
        for (var i = 0; i < _byReason.Length; i++)
        {
            _byReason[i] += other._byReason[i];
        }
    }

    /// <summary>The reasons that occurred, most frequent first.</summary>
    public IEnumerable<(SipParseError Error, long Count)> ByReason() => _byReason
        .Select((count, error) => (Error: (SipParseError)error, Count: count))
        .Where(r => r.Count > 0)
        .OrderByDescending(r => r.Count);

    /// <summary>"MalformedHeader 812, InvalidVia 3": enum names only, nothing from the wire.</summary>
    public string Reasons() =>
        string.Join(", ", ByReason().Select(r => string.Create(CultureInfo.InvariantCulture, $"{r.Error} {r.Count}")));
}
