using System.Security.Cryptography;
using System.Text;

namespace Phone.SipCore.Auth;

/// <summary>
/// A digest algorithm this phone can compute (RFC 7616 3.2, RFC 8760 2): the hash and whether it is
/// a "-sess" variant. SHA-512-256 is deliberately absent: .NET has no SHA-512/256 primitive
/// (it is not SHA-512 truncated; it uses different initial values), so such challenges are skipped.
/// </summary>
public sealed record DigestAlgorithm
{
    public static readonly DigestAlgorithm Md5 = new("MD5", HashAlgorithmName.MD5, isSession: false, strength: 1);
    public static readonly DigestAlgorithm Md5Sess = new("MD5-sess", HashAlgorithmName.MD5, isSession: true, strength: 1);
    public static readonly DigestAlgorithm Sha256 = new("SHA-256", HashAlgorithmName.SHA256, isSession: false, strength: 2);
    public static readonly DigestAlgorithm Sha256Sess = new("SHA-256-sess", HashAlgorithmName.SHA256, isSession: true, strength: 2);

    private static readonly DigestAlgorithm[] Supported = [Md5, Md5Sess, Sha256, Sha256Sess];

    private DigestAlgorithm(string name, HashAlgorithmName hash, bool isSession, int strength)
    {
        Name = name;
        Hash = hash;
        IsSession = isSession;
        Strength = strength;
    }

    /// <summary>The token as written in the algorithm parameter, e.g. "SHA-256-sess".</summary>
    public string Name { get; }

    public HashAlgorithmName Hash { get; }

    /// <summary>True for "-sess": HA1 also covers nonce and cnonce (RFC 7616 3.4.2).</summary>
    public bool IsSession { get; }

    /// <summary>Higher is stronger; used to pick among several challenges (RFC 7616 3.7).</summary>
    public int Strength { get; }

    /// <summary>
    /// Looks up an algorithm token case-insensitively (RFC 7616 3.3: tokens are case-insensitive).
    /// An absent parameter means MD5 (RFC 2617 3.2.1); an unknown token returns false.
    /// </summary>
    public static bool TryFromName(string? name, out DigestAlgorithm algorithm)
    {
        if (string.IsNullOrEmpty(name))
        {
            algorithm = Md5;
            return true;
        }
        foreach (var candidate in Supported)
        {
            if (string.Equals(candidate.Name, name, StringComparison.OrdinalIgnoreCase))
            {
                algorithm = candidate;
                return true;
            }
        }
        algorithm = Md5;
        return false;
    }

    /// <summary>H(data) as lower-case hex (RFC 7616 3.4: KD and H yield lower-case hex strings).</summary>
    public string HashHex(string data) => HashHex(Encoding.UTF8.GetBytes(data));

    public string HashHex(ReadOnlySpan<byte> data)
    {
        Span<byte> digest = stackalloc byte[64];
        int written = Hash == HashAlgorithmName.MD5
            ? MD5.HashData(data, digest)
            : SHA256.HashData(data, digest);
        return Convert.ToHexStringLower(digest[..written]);
    }

    public override string ToString() => Name;
}
