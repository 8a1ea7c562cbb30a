using Phone.SipCore.Transport;
using Phone.Storage.Traces;
using Phone.Web.Capture;

namespace Phone.Web.Components.Pages.Troubleshooting;

/// <summary>
/// The ladder's layout, worked out once per render: the parties as columns (the phone first,
/// then each remote address in the order it first appears) and the messages in time order, each
/// an arrow from one column to another with its label, its time since the previous message and
/// its Call-ID (RFC 3261 8.1.1.4: every message of a dialog or transaction carries the same one).
/// </summary>
public sealed record LadderModel(IReadOnlyList<LadderParty> Parties, IReadOnlyList<LadderArrow> Arrows)
{
    public const int PhoneColumn = 0;

    /// <param name="entries">The trace entries in any order (the page holds them newest first).</param>
    public static LadderModel Build(IEnumerable<SipTraceEntry> entries)
    {
        ArgumentNullException.ThrowIfNull(entries);
        var ordered = entries.OrderBy(e => e.Time).ThenBy(e => e.Id).ToList();
        var phone = new LadderParty(PhoneColumn, PhoneAddress(ordered), IsPhone: true, IsServer: false);
        var parties = new List<LadderParty> { phone };
        var columns = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        // The registrar is the server the line's REGISTERs go to; other parties are just addresses.
        var server = ordered.FirstOrDefault(e => e.Direction == SipTraceDirection.Out
            && e.FirstLine.StartsWith("REGISTER ", StringComparison.Ordinal)) is { } register ? Address(register.RemoteEndpoint) : null;
        var arrows = new List<LadderArrow>(ordered.Count);
        DateTimeOffset? previous = null;
        foreach (var entry in ordered)
        {
            var address = Address(entry.RemoteEndpoint);
            if (!columns.TryGetValue(address, out var column))
            {
                column = parties.Count;
                columns.Add(address, column);
                parties.Add(new LadderParty(column, address, IsPhone: false,
                    IsServer: string.Equals(address, server, StringComparison.OrdinalIgnoreCase)));
            }
            var outbound = entry.Direction == SipTraceDirection.Out;
            var summary = SipMessageSummary.Parse(entry.Text);
            arrows.Add(new LadderArrow(
                entry,
                From: outbound ? PhoneColumn : column,
                To: outbound ? column : PhoneColumn,
                Label: LabelOf(entry.FirstLine),
                SincePrevious: previous is { } p ? entry.Time - p : null,
                CallId: summary.KeyHeaders.FirstOrDefault(h => h.Key == "Call-ID").Value ?? "",
                Transport: Transport(entry.RemoteEndpoint),
                Summary: summary));
            previous = entry.Time;
        }
        return new LadderModel(parties, arrows);
    }

    /// <summary>A request's method, a response's status code and reason.</summary>
    public static string LabelOf(string firstLine)
    {
        ArgumentNullException.ThrowIfNull(firstLine);
        var parts = firstLine.Split(' ', 3, StringSplitOptions.RemoveEmptyEntries);
        if (parts.Length == 0)
        {
            return "";
        }
        if (parts[0].StartsWith("SIP/", StringComparison.OrdinalIgnoreCase))
        {
            return string.Join(' ', parts.Skip(1));
        }
        return parts[0];
    }

    // "UDP:192.0.2.1:5060" -> "192.0.2.1:5060": one party whatever the transport it is reached over.
    private static string Address(string endPoint) => TraceEndPointText.TryParse(endPoint)?.EndPoint.ToString() ?? endPoint;

    private static string Transport(string endPoint) =>
        (TraceEndPointText.TryParse(endPoint)?.Transport ?? SipTransportKind.Udp).ToString().ToUpperInvariant();

    private static string PhoneAddress(IEnumerable<SipTraceEntry> entries) =>
        entries.Select(e => e.LocalEndpoint).FirstOrDefault(l => l.Length > 0) is { } local ? Address(local) : "";
}

/// <summary>A column of the ladder.</summary>
public sealed record LadderParty(int Column, string Address, bool IsPhone, bool IsServer);

/// <summary>One message: an arrow from <see cref="From"/> to <see cref="To"/> (column numbers).</summary>
public sealed record LadderArrow(
    SipTraceEntry Entry,
    int From,
    int To,
    string Label,
    TimeSpan? SincePrevious,
    string CallId,
    string Transport,
    SipMessageSummary Summary)
{
    public bool PointsRight => To > From;

    public int FirstColumn => Math.Min(From, To);

    public int Span => Math.Abs(To - From) + 1;
}
