using System.Globalization;

namespace Phone.Web.Hosting;

/// <summary>A start-up setting given in seconds (0 = off): read once, a bad value logged and replaced by the default.</summary>
internal static class SecondsSetting
{
    public const double MaxSeconds = 3600;

    public static TimeSpan Read(IConfiguration configuration, string key, TimeSpan fallback, ILogger logger)
    {
        var configured = configuration[key];
        if (configured is null)
        {
            return fallback;
        }
        if (double.TryParse(configured, NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds) && seconds >= 0 && seconds <= MaxSeconds)
        {
            return TimeSpan.FromSeconds(seconds);
        }
        logger.LogWarning("{Key} = '{Value}' is not a number of seconds from 0 to {Max}; using {Default} s", key, configured, MaxSeconds, fallback.TotalSeconds);
        return fallback;
    }
}
