using System.Net;
using Microsoft.Extensions.Time.Testing;
using Phone.SipCore.Parsing;
using Phone.SipCore.Stack;
using Phone.SipCore.Transport;
using Phone.TestSupport;

namespace Phone.SipCore.Tests.Stack;

public sealed class DropLogTests
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 28, 12, 0, 0, TimeSpan.Zero));
    private readonly CapturingLogger<SipStack> _logger = new();

    private static SipEndPoint From(string address, int port = 5060) =>
        new(SipTransportKind.Udp, new IPEndPoint(IPAddress.Parse(address), port));

    [Fact]
    public void The_first_five_drops_of_a_source_are_logged_in_full_then_one_summary_counts_the_rest()
    {
        using var drops = new DropLog(_logger, _time);
        for (var i = 0; i < 12; i++)
        {
            drops.Dropped(From("192.0.2.1", 5060 + i), i < 10 ? SipParseError.MalformedHeader : SipParseError.InvalidVia, $"bad {i}");
        }

        Assert.Equal(5, _logger.Lines.Count);
        Assert.Equal("Dropped a message from UDP:192.0.2.1:5060: bad 0", _logger.Lines[0]);
        _time.Advance(TimeSpan.FromSeconds(59));
        Assert.Equal(5, _logger.Lines.Count);

        _time.Advance(TimeSpan.FromSeconds(1));

        Assert.Equal(6, _logger.Lines.Count);
        Assert.Equal("7 more messages from 192.0.2.1 dropped in the last minute: MalformedHeader 5, InvalidVia 2", _logger.Lines[5]);
        Assert.Equal(10, drops.Counts["MalformedHeader"]);
        Assert.Equal(2, drops.Counts["InvalidVia"]);
        Assert.False(drops.Counts.ContainsKey("TooLarge"));
    }

    [Fact]
    public void A_new_window_logs_in_full_again_and_a_quiet_source_gets_no_summary()
    {
        using var drops = new DropLog(_logger, _time);
        drops.Dropped(From("192.0.2.1"), SipParseError.MalformedStartLine, "quiet");
        _time.Advance(TimeSpan.FromMinutes(5));
        for (var i = 0; i < 6; i++)
        {
            drops.Dropped(From("192.0.2.1"), SipParseError.MalformedStartLine, "again");
        }

        Assert.Equal(6, _logger.Lines.Count); // 1 + 5 in full; nothing was held back in the first window
        _time.Advance(TimeSpan.FromMinutes(1));
        Assert.Equal("1 more messages from 192.0.2.1 dropped in the last minute: MalformedStartLine 1", _logger.Lines[^1]);
        _time.Advance(TimeSpan.FromMinutes(10));
        Assert.Equal(7, _logger.Lines.Count); // an idle log writes nothing
    }

    [Fact]
    public void Sources_are_counted_apart_and_the_window_budget_caps_full_lines_over_all_of_them()
    {
        using var drops = new DropLog(_logger, _time, new DropLogLimits { FullPerSource = 5, FullPerWindow = 8 });
        foreach (var source in new[] { "192.0.2.1", "192.0.2.2" })
        {
            for (var i = 0; i < 6; i++)
            {
                drops.Dropped(From(source), SipParseError.InvalidCSeq, "x");
            }
        }

        Assert.Equal(8, _logger.Lines.Count);
        _time.Advance(TimeSpan.FromMinutes(1));
        Assert.Equal(
            ["1 more messages from 192.0.2.1 dropped in the last minute: InvalidCSeq 1",
             "3 more messages from 192.0.2.2 dropped in the last minute: InvalidCSeq 3"],
            _logger.Lines.Skip(8));
    }

    [Fact]
    public void Past_the_source_bound_the_oldest_are_folded_into_one_overflow_summary_and_no_count_is_lost()
    {
        var limits = new DropLogLimits { FullPerSource = 1, MaxSources = 4 };
        using var drops = new DropLog(_logger, _time, limits);
        for (var source = 0; source < 10; source++)
        {
            for (var i = 0; i < 3; i++)
            {
                drops.Dropped(From($"198.51.100.{source + 1}"), SipParseError.InvalidCallId, "x");
            }
        }
        Assert.Equal(10, _logger.Lines.Count);

        _time.Advance(TimeSpan.FromMinutes(1));

        var summaries = _logger.Lines.Skip(10).ToList();
        Assert.Equal(limits.MaxSources + 1, summaries.Count);
        Assert.Equal(
            ["2 more messages from 198.51.100.7 dropped in the last minute: InvalidCallId 2",
             "2 more messages from 198.51.100.8 dropped in the last minute: InvalidCallId 2",
             "2 more messages from 198.51.100.9 dropped in the last minute: InvalidCallId 2",
             "2 more messages from 198.51.100.10 dropped in the last minute: InvalidCallId 2",
             "12 more messages from other sources dropped in the last minute: InvalidCallId 12"],
            summaries);
        Assert.Equal(30, drops.Counts["InvalidCallId"]);
    }

    [Fact]
    public void Text_from_the_wire_is_escaped_and_cut()
    {
        using var drops = new DropLog(_logger, _time);

        drops.Dropped(From("192.0.2.1"), SipParseError.MalformedHeader, "header 'X\r\nForged: line\0\u001B[2J\u007F' has no colon");
        drops.Dropped(From("192.0.2.1"), SipParseError.MalformedHeader, new string('A', 5000));

        Assert.Equal("Dropped a message from UDP:192.0.2.1:5060: header 'X\\r\\nForged: line\\x00\\x1B[2J\\x7F' has no colon", _logger.Lines[0]);
        Assert.Equal("Dropped a message from UDP:192.0.2.1:5060: " + new string('A', 200) + "…", _logger.Lines[1]);
        Assert.All(_logger.Lines, line => Assert.DoesNotContain(line, char.IsControl));
    }

    [Fact]
    public void Disposing_writes_the_open_window_and_stops_the_timer()
    {
        var drops = new DropLog(_logger, _time);
        for (var i = 0; i < 7; i++)
        {
            drops.Dropped(From("192.0.2.1"), SipParseError.TooManyHeaders, "x");
        }

        drops.Dispose();
        _time.Advance(TimeSpan.FromMinutes(2));

        Assert.Equal(6, _logger.Lines.Count);
        Assert.Equal("2 more messages from 192.0.2.1 dropped in the last minute: TooManyHeaders 2", _logger.Lines[^1]);
    }
}
