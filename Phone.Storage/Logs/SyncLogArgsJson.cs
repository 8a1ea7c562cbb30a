using System.Collections.Immutable;
using System.Text.Json;
using Phone.SipCore.SyncLog;
using Phone.Storage.Internal;

namespace Phone.Storage.Logs;

/// <summary>The <c>sync_log.args</c> column: a JSON array of <c>{"kind":"feature","value":"Dnd"}</c>.</summary>
internal static class SyncLogArgsJson
{
    public static string Write(ImmutableArray<SyncLogArg> args)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartArray();
            foreach (var arg in args.IsDefault ? [] : args)
            {
                writer.WriteStartObject();
                writer.WriteString("kind", JsonNamingPolicy.CamelCase.ConvertName(arg.Kind.ToString()));
                writer.WriteString("value", arg.Value);
                writer.WriteEndObject();
            }
            writer.WriteEndArray();
        }
        return System.Text.Encoding.UTF8.GetString(buffer.ToArray());
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
