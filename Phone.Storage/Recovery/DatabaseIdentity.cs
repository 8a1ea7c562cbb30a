using System.Globalization;
using System.Security.Cryptography;
using Microsoft.Data.Sqlite;

namespace Phone.Storage.Recovery;

/// <summary>
/// Gives the database a random application id (header offset 68) once, so a WAL file copied
/// from another database that rewrites page 1 shows up as a different id
/// (<see cref="DatabaseInspection.ForeignWal"/>). Copies and restores keep it.
/// </summary>
internal static class DatabaseIdentity
{
    public static void AssignIfMissing(SqliteConnection connection)
    {
        using var read = connection.CreateCommand();
        read.CommandText = "PRAGMA application_id;";
        if (Convert.ToInt64(read.ExecuteScalar(), CultureInfo.InvariantCulture) != 0)
        {
            return;
        }
        using var write = connection.CreateCommand();
        // A PRAGMA takes no parameters; the value is a number we made.
        write.CommandText = $"PRAGMA application_id = {RandomNumberGenerator.GetInt32(1, int.MaxValue).ToString(CultureInfo.InvariantCulture)};";
        write.ExecuteNonQuery();
    }
}
