using System.Globalization;
using Microsoft.Extensions.Configuration;

namespace Phone.Storage;

/// <summary>Sizes the storage layer: how many lines exist and how much history is kept.</summary>
public sealed record StorageOptions
{
    public const string MaxLinesKey = "FeatureSync:MaxLines";
    public const string SyncLogCapacityKey = "FeatureSync:SyncLogCapacity";
    public const string SipTraceCapacityKey = "FeatureSync:SipTraceCapacity";
    public const int DefaultMaxLines = 16;
    public const int MaxLinesLimit = 1000;

    /// <summary>Lines 1..MaxLines exist from the first start (disabled).</summary>
    public int MaxLines { get; init; } = DefaultMaxLines;

    /// <summary>Sync log events kept per line; older ones are dropped.</summary>
    public int SyncLogCapacity { get; init; } = 2000;

    /// <summary>SIP messages kept in the trace, across all lines.</summary>
    public int SipTraceCapacity { get; init; } = 5000;

    /// <summary>Reads the options, failing at start-up with the key's name on a bad value.</summary>
    public static StorageOptions FromConfiguration(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var defaults = new StorageOptions();
        return new StorageOptions
        {
            MaxLines = Read(configuration, MaxLinesKey, defaults.MaxLines, 1, MaxLinesLimit),
            SyncLogCapacity = Read(configuration, SyncLogCapacityKey, defaults.SyncLogCapacity, 1, 10_000_000),
            SipTraceCapacity = Read(configuration, SipTraceCapacityKey, defaults.SipTraceCapacity, 1, 10_000_000),
        };
    }

    private static int Read(IConfiguration configuration, string key, int fallback, int min, int max)
    {
        var text = configuration[key];
        if (string.IsNullOrWhiteSpace(text))
        {
            return fallback;
        }
        if (!int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) || value < min || value > max)
        {
            throw new InvalidOperationException($"{key} must be a whole number from {min} to {max}; found '{text}'.");
        }
        return value;
    }
}
