namespace Phone.Storage.Recovery;

/// <summary>
/// What a check of a database file found: <see cref="Problem"/> is null when it opened and
/// <c>PRAGMA quick_check</c> said ok. The identity is what must not change between the file
/// alone and the file with its WAL: the database's application id and the lines' Contact tokens,
/// both random and written once.
/// </summary>
internal sealed record DatabaseInspection(string? Problem, int ApplicationId, IReadOnlyDictionary<long, string> LineTokens)
{
    public static DatabaseInspection Failed(string problem) => new(problem, 0, new Dictionary<long, string>());

    /// <summary>
    /// Why <paramref name="withWal"/> cannot be this file's own WAL applied to it, or null.
    /// SQLite applies any WAL whose frames are consistent among themselves, so a WAL copied from
    /// another database is replayed onto this one without an error; what betrays it is an
    /// identity that this database never changes.
    /// </summary>
    public string? ForeignWal(DatabaseInspection withWal)
    {
        ArgumentNullException.ThrowIfNull(withWal);
        if (ApplicationId != 0 && withWal.ApplicationId != ApplicationId)
        {
            return $"the WAL file belongs to another database (its application id is {withWal.ApplicationId}, the database's {ApplicationId})";
        }
        foreach (var (line, token) in LineTokens)
        {
            if (token.Length > 0 && withWal.LineTokens.TryGetValue(line, out var other) && other != token)
            {
                return $"the WAL file belongs to another database (it gives line {line} another Contact token)";
            }
        }
        return null;
    }
}
