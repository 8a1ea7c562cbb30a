using System.Globalization;
using Microsoft.AspNetCore.Http.Metadata;

namespace Phone.Web.Api;

/// <summary>
/// How large a request body may be. The limit is endpoint metadata, so Kestrel applies it too
/// (the routing middleware copies it into <c>IHttpMaxRequestBodySizeFeature</c>); our own
/// readers (<see cref="BoundedBody"/>) count the bytes as well, because a chunked body has no
/// Content-Length and not every server (the test server) enforces the feature.
/// </summary>
internal static class RequestBodyLimits
{
    /// <summary>Any JSON body: the largest real one (a PBX profile) is about 1 KiB.</summary>
    public const long Json = 64 * 1024;

    /// <summary>A configuration file: a full phone's file is a few KiB.</summary>
    public const long ConfigFile = 1024 * 1024;

    /// <summary>Endpoint metadata that sets the body limit.</summary>
    public static IRequestSizeLimitMetadata Metadata(long bytes) => new Limit(bytes);

    /// <summary>The endpoint's limit; a JSON body without one gets <see cref="Json"/>.</summary>
    public static long For(HttpContext context) =>
        context.GetEndpoint()?.Metadata.GetMetadata<IRequestSizeLimitMetadata>()?.MaxRequestBodySize ?? Json;

    /// <summary>"1 MiB", "64 KiB", or bytes when not a whole number of either.</summary>
    public static string Describe(long bytes) => bytes switch
    {
        >= 1024 * 1024 when bytes % (1024 * 1024) == 0 => string.Create(CultureInfo.InvariantCulture, $"{bytes / (1024 * 1024)} MiB"),
        >= 1024 when bytes % 1024 == 0 => string.Create(CultureInfo.InvariantCulture, $"{bytes / 1024} KiB"),
        _ => string.Create(CultureInfo.InvariantCulture, $"{bytes} bytes"),
    };

    private sealed record Limit(long? MaxRequestBodySize) : IRequestSizeLimitMetadata;
}
