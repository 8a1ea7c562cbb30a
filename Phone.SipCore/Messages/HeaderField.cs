namespace Phone.SipCore.Messages;

/// <summary>
/// One header line as offsets into its message's buffer: the whole line (with folds
/// and the closing CRLF, for byte-exact re-serialization), the name and the value.
/// Holding offsets instead of strings is what keeps indexing allocation-free.
/// </summary>
public readonly record struct HeaderField(
    HeaderId Id,
    int LineOffset,
    int LineLength,
    int NameOffset,
    int NameLength,
    int ValueOffset,
    int ValueLength);
