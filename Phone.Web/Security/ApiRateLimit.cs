using System.Threading.RateLimiting;

namespace Phone.Web.Security;

/// <summary>
/// <c>FeatureSync:Web:RateLimit</c>: how many API and hub requests one client address may make
/// per window (fixed window; <c>PermitLimit</c>, default 100, per <c>WindowSeconds</c>, default 10).
/// </summary>
internal sealed record ApiRateLimit(int PermitLimit, TimeSpan Window)
{
    public const string Section = "FeatureSync:Web:RateLimit";
    public const string PermitLimitKey = Section + ":PermitLimit";
    public const string WindowSecondsKey = Section + ":WindowSeconds";

    public static ApiRateLimit Default { get; } = new(100, TimeSpan.FromSeconds(10));

    /// <summary>Reads the limit, failing at start-up with the key's name on a bad value.</summary>
    public static ApiRateLimit FromConfiguration(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        return new ApiRateLimit(
            Read(configuration, PermitLimitKey, Default.PermitLimit, 1, 1_000_000),
            TimeSpan.FromSeconds(Read(configuration, WindowSecondsKey, (int)Default.Window.TotalSeconds, 1, 3600)));
    }

    /// <summary>One fixed window per client address on the machine paths; everything else is not limited here.</summary>
    public PartitionedRateLimiter<HttpContext> CreateLimiter() =>
        PartitionedRateLimiter.Create<HttpContext, string>(context => IsMachinePath(context.Request)
            ? RateLimitPartition.GetFixedWindowLimiter(ClientKey(context), _ => new FixedWindowRateLimiterOptions
            {
                PermitLimit = PermitLimit,
                Window = Window,
                // Refused at once: a queue would hold the connections a flood is made of.
                QueueLimit = 0,
            })
            : RateLimitPartition.GetNoLimiter(""));

    /// <summary>The connection's address, which is the client's after a known proxy's X-Forwarded-For.</summary>
    private static string ClientKey(HttpContext context) => context.Connection.RemoteIpAddress?.ToString() ?? "unknown";

    private static bool IsMachinePath(HttpRequest request) =>
        request.Path.StartsWithSegments("/api") || request.Path.StartsWithSegments("/hubs");

    private static int Read(IConfiguration configuration, string key, int fallback, int min, int max)
    {
        // GetValue names the key when the text is not a number at all.
        var value = configuration.GetValue<int?>(key) ?? fallback;
        return value >= min && value <= max
            ? value
            : throw new InvalidOperationException($"{key} must be from {min} to {max}; found {value}.");
    }
}
