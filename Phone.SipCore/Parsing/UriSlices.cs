namespace Phone.SipCore.Parsing;

/// <summary>
/// Where the parts of a URI lie in its text. A length of -1 means the part is absent.
/// Produced without allocating, so the parser can validate URIs it never materializes.
/// </summary>
internal readonly record struct UriSlices(
    int SchemeLength,
    bool IsSip,
    int UserStart,
    int UserLength,
    int PasswordStart,
    int PasswordLength,
    int HostStart,
    int HostLength,
    int Port,
    int ParamsStart,
    int ParamsLength,
    int HeadersStart,
    int HeadersLength);
