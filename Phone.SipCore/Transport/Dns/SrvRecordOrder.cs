namespace Phone.SipCore.Transport.Dns;

/// <summary>One SRV answer, reduced to what ordering needs.</summary>
internal sealed record SrvEntry(ushort Priority, ushort Weight, ushort Port, string Target);

/// <summary>
/// RFC 2782 "Usage rules": lowest priority first; within a priority, pick by weighted random
/// selection, zero-weight entries first in the running sum so they are chosen rarely but still can be.
/// </summary>
internal static class SrvRecordOrder
{
    public static List<SrvEntry> Order(IEnumerable<SrvEntry> records, Random random)
    {
        var ordered = new List<SrvEntry>();
        foreach (var group in records.GroupBy(r => r.Priority).OrderBy(g => g.Key))
        {
            // RFC 2782: "arrange all SRV RRs (that have not been ordered yet) in any order, except
            // that all those with weight 0 are placed at the beginning of the list".
            var remaining = group.OrderBy(r => r.Weight == 0 ? 0 : 1).ToList();
            while (remaining.Count > 0)
            {
                var sum = remaining.Sum(r => r.Weight);
                // "choose a uniform random number between 0 and the sum ... (inclusive)" and take the
                // first entry whose running sum is greater than or equal to it.
                var pick = random.Next(sum + 1);
                var running = 0;
                var chosen = remaining.Count - 1;
                for (var i = 0; i < remaining.Count; i++)
                {
                    running += remaining[i].Weight;
                    if (running >= pick)
                    {
                        chosen = i;
                        break;
                    }
                }
                ordered.Add(remaining[chosen]);
                remaining.RemoveAt(chosen);
            }
        }
        return ordered;
    }
}
