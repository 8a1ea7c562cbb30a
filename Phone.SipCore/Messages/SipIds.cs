using System.Security.Cryptography;

namespace Phone.SipCore.Messages;

/// <summary>Branches, tags and Call-IDs: random, so they are unique across restarts and phones.</summary>
public static class SipIds
{
    /// <summary>The RFC 3261 8.1.1.7 magic cookie marks branches built by this specification.</summary>
    public const string MagicCookie = "z9hG4bK";

    public static string NewBranch() => MagicCookie + Random(10);

    /// <summary>RFC 3261 19.3: at least 32 bits of randomness.</summary>
    public static string NewTag() => Random(8);

    public static string NewCallId(string host) => $"{Random(12)}@{host}";

    private static string Random(int bytes) => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(bytes));
}
