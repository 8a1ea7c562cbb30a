using System.Data;
using System.Security.Cryptography;
using Dapper;

namespace Phone.Storage.Lines;

/// <summary>
/// Gives lines their Contact URI token (<c>;line=k3f9a2</c>): 8 characters of [a-z0-9], random,
/// unique among lines, and never changed once set, because the server keys the registration
/// binding on the Contact.
/// </summary>
internal static class LineContactTokens
{
    public const int Length = 8;

    private const string Alphabet = "abcdefghijklmnopqrstuvwxyz0123456789";

    public static string NewToken() => RandomNumberGenerator.GetString(Alphabet, Length);

    /// <summary>
    /// Gives every line that has no token yet a fresh one, distinct from all others. Run it in
    /// the transaction that created the rows, so no line is ever seen without a token.
    /// </summary>
    public static void AssignMissing(IDbConnection connection, IDbTransaction? transaction)
    {
        var missing = connection.Query<long>("SELECT number FROM line WHERE contact_token = '' ORDER BY number;",
            transaction: transaction).AsList();
        if (missing.Count == 0)
        {
            return;
        }
        var taken = connection.Query<string>("SELECT contact_token FROM line WHERE contact_token <> '';",
            transaction: transaction).ToHashSet(StringComparer.Ordinal);
        foreach (var number in missing)
        {
            string token;
            do
            {
                // 36^8 tokens make a clash unlikely, not impossible; the unique index would
                // refuse one, so pick again instead.
                token = NewToken();
            }
            while (!taken.Add(token));
            connection.Execute("UPDATE line SET contact_token = @token WHERE number = @number AND contact_token = '';",
                new { token, number }, transaction);
        }
    }
}
