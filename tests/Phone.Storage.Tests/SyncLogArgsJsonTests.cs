using System.Collections.Immutable;
using Phone.SipCore.SyncLog;
using Phone.Storage.Logs;

namespace Phone.Storage.Tests;

/// <summary>The <c>sync_log.args</c> column's JSON: the stored format, read back, and the per-thread writer it reuses.</summary>
public sealed class SyncLogArgsJsonTests
{
    [Fact]
    public void Every_kind_is_stored_by_its_camel_cased_name_in_the_format_older_rows_have()
    {
        ImmutableArray<SyncLogArg> args =
        [
            new(SyncLogArgKind.Text, "sip:1001@pbx.test"), new(SyncLogArgKind.Feature, "Dnd"), new(SyncLogArgKind.Value, "on|3|1002"),
            new(SyncLogArgKind.Origin, "Web"), new(SyncLogArgKind.Standing, "Confirmed"), new(SyncLogArgKind.Detail, "486 Busy Here"),
            new(SyncLogArgKind.Phrase, "p"), new(SyncLogArgKind.Validation, "v"),
        ];

        Assert.Equal(
            """[{"kind":"text","value":"sip:1001@pbx.test"},{"kind":"feature","value":"Dnd"},{"kind":"value","value":"on|3|1002"},"""
            + """{"kind":"origin","value":"Web"},{"kind":"standing","value":"Confirmed"},{"kind":"detail","value":"486 Busy Here"},"""
            + """{"kind":"phrase","value":"p"},{"kind":"validation","value":"v"}]""",
            SyncLogArgsJson.Write(args));
        Assert.Equal(args, SyncLogArgsJson.Read(SyncLogArgsJson.Write(args)));
    }

    [Fact]
    public void Quotes_control_characters_and_chinese_are_escaped_and_read_back()
    {
        ImmutableArray<SyncLogArg> args = [new(SyncLogArgKind.Text, "\"quoted\" 中文\r\n<tag>")];

        var json = SyncLogArgsJson.Write(args);

        Assert.Equal("""[{"kind":"text","value":"\u0022quoted\u0022 \u4E2D\u6587\r\n\u003Ctag\u003E"}]""", json);
        Assert.Equal(args, SyncLogArgsJson.Read(json));
    }

    [Fact]
    public void No_arguments_and_a_default_array_are_an_empty_list()
    {
        Assert.Equal("[]", SyncLogArgsJson.Write([]));
        Assert.Equal("[]", SyncLogArgsJson.Write(default));
    }

    [Fact]
    public void A_row_written_after_a_long_one_holds_only_its_own_arguments()
    {
        SyncLogArgsJson.Write([new(SyncLogArgKind.Text, new string('x', 40_000))]);

        Assert.Equal("""[{"kind":"feature","value":"Dnd"}]""", SyncLogArgsJson.Write([new(SyncLogArgKind.Feature, "Dnd")]));
    }

    [Fact]
    public async Task Threads_writing_at_once_each_get_their_own_rows()
    {
        var writers = Enumerable.Range(0, 4).Select(t => Task.Run(() =>
        {
            for (var i = 0; i < 2_000; i++)
            {
                var value = $"{t}-{i}";
                var json = SyncLogArgsJson.Write([new(SyncLogArgKind.Text, value), new(SyncLogArgKind.Detail, value)]);
                Assert.Equal($$"""[{"kind":"text","value":"{{value}}"},{"kind":"detail","value":"{{value}}"}]""", json);
            }
        }, TestContext.Current.CancellationToken));

        await Task.WhenAll(writers);
    }
}
