using System.Buffers;
using System.Collections.Immutable;
using System.Text;
using System.Text.Json;
using Phone.SipCore.SyncLog;
using Phone.Storage.Internal;

namespace Phone.Storage.Logs;

/// <summary>The <c>sync_log.args</c> column: a JSON array of <c>{"kind":"feature","value":"Dnd"}</c>.</summary>
internal static class SyncLogArgsJson
{
    private static readonly JsonEncodedText KindProperty = JsonEncodedText.Encode("kind");
    private static readonly JsonEncodedText ValueProperty = JsonEncodedText.Encode("value");

    // Each kind's stored name ("feature", "value"...), made once: the camel-cased enum name.
    private static readonly JsonEncodedText[] KindNames = [.. Enum.GetValues<SyncLogArgKind>().Select(KindName)];

    // One buffer and writer per thread (in practice the storage writer's own thread), reset for each
    // row: a sync-log row used to make a stream, a writer, its buffers and two copies of the bytes,
    // about 9 KB of garbage per row when 1,000 lines start (docs/performance.md, "allocations").
    private const int MaxKeptBuffer = 16 * 1024;

    [ThreadStatic]
    private static (ArrayBufferWriter<byte> Buffer, Utf8JsonWriter Writer)? t_scratch;

    public static string Write(ImmutableArray<SyncLogArg> args)
    {
        var (buffer, writer) = t_scratch ??= NewScratch();
        buffer.ResetWrittenCount();
        writer.Reset(buffer);
        writer.WriteStartArray();
        foreach (var arg in args.IsDefault ? [] : args)
        {
            writer.WriteStartObject();
            writer.WriteString(KindProperty, (uint)arg.Kind < (uint)KindNames.Length ? KindNames[(int)arg.Kind] : KindName(arg.Kind));
            writer.WriteString(ValueProperty, arg.Value);
            writer.WriteEndObject();
        }
        writer.WriteEndArray();
        writer.Flush();
        var json = Encoding.UTF8.GetString(buffer.WrittenSpan);
        if (buffer.Capacity > MaxKeptBuffer)
        {
            t_scratch = null; // an unusually long row does not pin its buffer for the thread's life
        }
        return json;
    }

    private static JsonEncodedText KindName(SyncLogArgKind kind) =>
        JsonEncodedText.Encode(JsonNamingPolicy.CamelCase.ConvertName(kind.ToString()));

    private static (ArrayBufferWriter<byte>, Utf8JsonWriter) NewScratch()
    {
        var buffer = new ArrayBufferWriter<byte>(256);
        return (buffer, new Utf8JsonWriter(buffer));
    }

    public static ImmutableArray<SyncLogArg> Read(string json)
    {
        using var document = JsonDocument.Parse(json);
        return
        [
            .. document.RootElement.EnumerateArray().Select(e => new SyncLogArg(
                EnumText.Parse<SyncLogArgKind>(e.GetProperty("kind").GetString() ?? "", "sync_log.args kind"),
                e.GetProperty("value").GetString() ?? "")),
        ];
    }
}
