using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Localization;
using Phone.Web.Resources;

namespace Phone.Web.Api;

/// <summary>
/// Reads the body of every endpoint that binds a JSON parameter before the endpoint does:
/// at most the endpoint's limit (413), JSON content only (415), and JSON that binds to the
/// parameter's type (400 naming the field and what it must be). Minimal APIs answer those
/// with an empty 400 before any endpoint filter runs, so this sits in front as middleware.
/// A body that passes is handed on from memory and bound by the framework as usual.
/// </summary>
internal sealed class JsonBodyCheck(RequestDelegate next, IOptions<JsonOptions> jsonOptions, IStringLocalizer<ApiText> text)
{
    private readonly JsonSerializerOptions _options = jsonOptions.Value.SerializerOptions;

    public async Task InvokeAsync(HttpContext context)
    {
        if (context.GetEndpoint()?.Metadata.GetMetadata<IAcceptsMetadata>() is { RequestType: { } type } accepts
            && accepts.ContentTypes.Any(IsJson)
            && await CheckAsync(context, type, accepts.IsOptional) is { } refusal)
        {
            await refusal.ExecuteAsync(context);
            return;
        }
        await next(context);
        // Routing answers a Content-Type no API endpoint accepts with its own empty 415.
        if (context.Response.StatusCode == StatusCodes.Status415UnsupportedMediaType && !context.Response.HasStarted
            && context.Request.Path.StartsWithSegments("/api"))
        {
            await BodyProblems.NotJson(text).ExecuteAsync(context);
        }
    }

    private async Task<IResult?> CheckAsync(HttpContext context, Type type, bool optional)
    {
        var request = context.Request;
        if (optional && request.ContentType is null && request.ContentLength is null or 0 && !request.Headers.TransferEncoding.Any())
        {
            return null; // an optional body left out entirely (e.g. POST /api/lines/{n}/diagnose)
        }
        if (!request.HasJsonContentType())
        {
            return BodyProblems.NotJson(text);
        }
        var limit = RequestBodyLimits.For(context);
        if (await BoundedBody.ReadAsync(request, limit, context.RequestAborted) is not { } body)
        {
            return BodyProblems.TooLarge(text, text["Api.BodyTooLarge", RequestBodyLimits.Describe(limit)]);
        }
        // The framework binds from this copy; the network stream has been read.
        request.Body = new MemoryStream(body, writable: false);

        var json = ToUtf8(body, request);
        if (json.AsSpan().Trim(" \t\r\n"u8).IsEmpty)
        {
            return optional ? null : BodyProblems.Unreadable(text, BodyProblems.WholeBody, text["Api.EmptyBody"]);
        }
        if (JsonBodyErrors.Syntax(json, _options, text) is { } syntax)
        {
            return BodyProblems.Unreadable(text, BodyProblems.WholeBody, syntax);
        }
        var typeInfo = _options.GetTypeInfo(type);
        try
        {
            if (JsonSerializer.Deserialize(json, typeInfo) is null && !optional)
            {
                return BodyProblems.Unreadable(text, BodyProblems.WholeBody, text["Api.ExpectObject"]);
            }
        }
        catch (JsonException ex)
        {
            var (field, message) = JsonBodyErrors.Binding(ex, typeInfo, text);
            return BodyProblems.Unreadable(text, field, message);
        }
        return null;
    }

    /// <summary>
    /// The body as UTF-8 without a byte-order mark, as the framework's stream reader sees it;
    /// a body declared in another charset is converted.
    /// </summary>
    private static byte[] ToUtf8(byte[] body, HttpRequest request)
    {
        var encoding = request.GetTypedHeaders().ContentType?.Encoding;
        var utf8 = encoding is null || encoding.CodePage == Encoding.UTF8.CodePage ? body : Encoding.Convert(encoding, Encoding.UTF8, body);
        return utf8.AsSpan().StartsWith(Encoding.UTF8.Preamble) ? utf8[Encoding.UTF8.Preamble.Length..] : utf8;
    }

    private static bool IsJson(string contentType) =>
        contentType.Contains("json", StringComparison.OrdinalIgnoreCase);
}
