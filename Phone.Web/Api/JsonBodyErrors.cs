using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Microsoft.Extensions.Localization;
using Phone.Web.Resources;

namespace Phone.Web.Api;

/// <summary>
/// Says what is wrong with a JSON body in words an API caller can act on: where the JSON
/// breaks, or which field holds a value of the wrong kind and what it should be (with the
/// allowed names of an enum). The serializer's own messages name .NET types and are English only.
/// </summary>
internal static class JsonBodyErrors
{
    /// <summary>Why <paramref name="json"/> is not JSON at all, or null when it is well-formed.</summary>
    public static string? Syntax(ReadOnlySpan<byte> json, JsonSerializerOptions options, IStringLocalizer<ApiText> text)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(text);
        var readerOptions = new JsonReaderOptions
        {
            AllowTrailingCommas = options.AllowTrailingCommas,
            CommentHandling = options.ReadCommentHandling,
            MaxDepth = options.MaxDepth,
        };
        var complete = TryRead(json, readerOptions, isFinalBlock: true, out var error);
        if (complete)
        {
            return null;
        }
        // A body that is fine so far but stops early was cut off (a truncated upload).
        return TryRead(json, readerOptions, isFinalBlock: false, out _)
            ? text["Api.JsonTruncated"]
            : text["Api.JsonMalformed", (error!.LineNumber ?? 0) + 1, (error.BytePositionInLine ?? 0) + 1];
    }

    /// <summary>The field (camelCase, as the API names it) and what its value must be.</summary>
    public static (string Field, string Message) Binding(JsonException error, JsonTypeInfo root, IStringLocalizer<ApiText> text)
    {
        ArgumentNullException.ThrowIfNull(error);
        ArgumentNullException.ThrowIfNull(root);
        var (field, type) = Resolve(error.Path, root);
        return (field, Expectation(type, root.Options, text));
    }

    private static bool TryRead(ReadOnlySpan<byte> json, JsonReaderOptions options, bool isFinalBlock, out JsonException? error)
    {
        var reader = new Utf8JsonReader(json, isFinalBlock, new JsonReaderState(options));
        try
        {
            while (reader.Read())
            {
            }
            error = null;
            return true;
        }
        catch (JsonException ex)
        {
            error = ex;
            return false;
        }
    }

    /// <summary>
    /// Follows the serializer's path (<c>$.transport</c>, <c>$.hosts[2]</c>, <c>$['a.b']</c>)
    /// through the request type's members to the field's API name and .NET type.
    /// </summary>
    private static (string Field, Type? Type) Resolve(string? path, JsonTypeInfo root)
    {
        var segments = JsonPathSegments.Split(path);
        if (segments.Count == 0)
        {
            return (BodyProblems.WholeBody, root.Type);
        }
        var field = new System.Text.StringBuilder();
        JsonTypeInfo? current = root;
        foreach (var segment in segments)
        {
            if (segment.Index is { } index)
            {
                field.Append('[').Append(index).Append(']');
                current = current?.ElementType is { } element ? root.Options.GetTypeInfo(element) : null;
                continue;
            }
            var property = current?.Properties.FirstOrDefault(p => string.Equals(p.Name, segment.Name, StringComparison.OrdinalIgnoreCase));
            field.Append(field.Length == 0 ? "" : ".").Append(property?.Name ?? segment.Name);
            current = property is null ? null : root.Options.GetTypeInfo(property.PropertyType);
        }
        return (field.ToString(), current?.Type);
    }

    private static string Expectation(Type? type, JsonSerializerOptions options, IStringLocalizer<ApiText> text)
    {
        if (type is null)
        {
            return text["Api.ExpectOther"];
        }
        type = Nullable.GetUnderlyingType(type) ?? type;
        if (type == typeof(bool))
        {
            return text["Api.ExpectBoolean"];
        }
        if (type == typeof(string))
        {
            return text["Api.ExpectString"];
        }
        if (type.IsEnum)
        {
            // The names as the API writes them (its naming policy), e.g. "udp, tcp, tls".
            var names = Enum.GetValues(type).Cast<object>().Select(v => JsonSerializer.Serialize(v, type, options).Trim('"'));
            return text["Api.ExpectOneOf", string.Join(", ", names)];
        }
        if (type == typeof(int))
        {
            return text["Api.ExpectInteger", int.MinValue, int.MaxValue];
        }
        if (type == typeof(long))
        {
            return text["Api.ExpectInteger", long.MinValue, long.MaxValue];
        }
        if (type == typeof(double) || type == typeof(float) || type == typeof(decimal))
        {
            return text["Api.ExpectNumber"];
        }
        return options.GetTypeInfo(type).Kind switch
        {
            JsonTypeInfoKind.Object or JsonTypeInfoKind.Dictionary => text["Api.ExpectObject"],
            JsonTypeInfoKind.Enumerable => text["Api.ExpectList"],
            _ => text["Api.ExpectOther"],
        };
    }
}
