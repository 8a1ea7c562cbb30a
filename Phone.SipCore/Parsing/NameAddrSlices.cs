namespace Phone.SipCore.Parsing;

/// <summary>
/// Where display name, URI and header parameters lie in a name-addr / addr-spec value;
/// <see cref="Tag"/> is the tag parameter's value (default when there is none).
/// </summary>
internal readonly record struct NameAddrSlices(
    int DisplayStart,
    int DisplayLength,
    bool DisplayQuoted,
    int UriStart,
    int UriLength,
    bool Bracketed,
    UriSlices Uri,
    int ParamsStart,
    int ParamsLength,
    Range Tag);
