using Phone.SipCore.Transport;
using System.Data;
using Dapper;
using Phone.SipCore.Configuration;
using Phone.Storage.Internal;

namespace Phone.Storage.Lines;

/// <summary>
/// The line table's SQL, on a caller's connection and transaction, so the repository and
/// the config-file import write lines the same way.
/// </summary>
internal static class LineSql
{
    private const string Columns = """
        number AS Number, enabled AS Enabled, label AS Label, user AS User, display_name AS DisplayName,
        auth_user AS AuthUser, password_protected AS PasswordProtected, registrar_host AS RegistrarHost,
        port AS Port, transport AS Transport, outbound_proxy AS OutboundProxy,
        registration_expiry AS RegistrationExpiry, feature_sync AS FeatureSync, pbx_profile_id AS PbxProfileId,
        accept_calls_only_from_server AS AcceptCallsOnlyFromServer, contact_token AS ContactToken
        """;

    /// <summary>
    /// Creates the missing lines 1..<paramref name="count"/>, disabled, in one statement, and
    /// gives every line without a contact token one (also healing rows written by other tools).
    /// </summary>
    public static void EnsureLines(IDbConnection connection, IDbTransaction? transaction, int count)
    {
        connection.Execute("""
            WITH RECURSIVE n(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM n WHERE x < @count)
            INSERT OR IGNORE INTO line (number) SELECT x FROM n;
            """, new { count }, transaction);
        LineContactTokens.AssignMissing(connection, transaction);
    }

    /// <summary>
    /// Creates line <paramref name="number"/>, disabled and with its contact token, unless it
    /// exists. Every path that can create a line row goes through here or <see cref="EnsureLines"/>.
    /// </summary>
    public static void EnsureLine(IDbConnection connection, IDbTransaction? transaction, int number) =>
        Created(connection, transaction, connection.Execute(InsertIfMissing, new { number }, transaction));

    /// <summary>Creates line <c>@number</c> unless it exists; follow it with <see cref="Created"/>.</summary>
    public const string InsertIfMissing = "INSERT OR IGNORE INTO line (number) VALUES (@number);";

    /// <summary>Completes the rows <see cref="InsertIfMissing"/> created (<paramref name="inserted"/> &gt; 0): their contact tokens.</summary>
    public static void Created(IDbConnection connection, IDbTransaction? transaction, int inserted)
    {
        if (inserted > 0)
        {
            LineContactTokens.AssignMissing(connection, transaction);
        }
    }

    public static List<LineRow> ReadAll(IDbConnection connection, IDbTransaction? transaction, int maxLines) =>
        connection.Query<LineRow>($"SELECT {Columns} FROM line WHERE number <= @maxLines ORDER BY number;",
            new { maxLines }, transaction).AsList();

    public static LineRow? Read(IDbConnection connection, IDbTransaction? transaction, int number) =>
        connection.QuerySingleOrDefault<LineRow>($"SELECT {Columns} FROM line WHERE number = @number;",
            new { number }, transaction);

    /// <summary>
    /// Upserts the line. <paramref name="protectedPassword"/> null keeps the stored password;
    /// <paramref name="clearPassword"/> removes it. The contact token is not a setting: it is
    /// given when the row is created and never written here.
    /// </summary>
    public static void Write(IDbConnection connection, IDbTransaction? transaction, LineSettings settings,
        string? protectedPassword, bool clearPassword)
    {
        EnsureLine(connection, transaction, settings.Number);
        connection.Execute("""
            INSERT INTO line (number, enabled, label, user, display_name, auth_user, password_protected, registrar_host,
                              port, transport, outbound_proxy, registration_expiry, feature_sync, pbx_profile_id,
                              accept_calls_only_from_server)
            VALUES (@Number, @Enabled, @Label, @User, @DisplayName, @AuthUser, @Password, @RegistrarHost,
                    @Port, @Transport, @OutboundProxy, @RegistrationExpiry, @FeatureSync, @PbxProfileId,
                    @AcceptCallsOnlyFromServer)
            ON CONFLICT (number) DO UPDATE SET
                enabled = excluded.enabled, label = excluded.label, user = excluded.user,
                display_name = excluded.display_name, auth_user = excluded.auth_user,
                password_protected = CASE WHEN @ClearPassword THEN NULL
                                          ELSE coalesce(excluded.password_protected, line.password_protected) END,
                registrar_host = excluded.registrar_host, port = excluded.port, transport = excluded.transport,
                outbound_proxy = excluded.outbound_proxy, registration_expiry = excluded.registration_expiry,
                feature_sync = excluded.feature_sync, pbx_profile_id = excluded.pbx_profile_id,
                accept_calls_only_from_server = excluded.accept_calls_only_from_server;
            """,
            new
            {
                settings.Number,
                settings.Enabled,
                settings.Label,
                settings.User,
                settings.DisplayName,
                settings.AuthUser,
                Password = protectedPassword,
                ClearPassword = clearPassword,
                settings.RegistrarHost,
                settings.Port,
                Transport = settings.Transport.ToString(),
                OutboundProxy = string.IsNullOrEmpty(settings.OutboundProxy) ? null : settings.OutboundProxy,
                settings.RegistrationExpiry,
                settings.FeatureSync,
                settings.PbxProfileId,
                settings.AcceptCallsOnlyFromServer,
            }, transaction);
    }

    /// <summary>A row as stored; only this layer sees the protected password.</summary>
    internal sealed class LineRow
    {
        public long Number { get; set; }
        public bool Enabled { get; set; }
        public string Label { get; set; } = "";
        public string User { get; set; } = "";
        public string DisplayName { get; set; } = "";
        public string AuthUser { get; set; } = "";
        public string? PasswordProtected { get; set; }
        public string RegistrarHost { get; set; } = "";
        public long Port { get; set; }
        public string Transport { get; set; } = "";
        public string? OutboundProxy { get; set; }
        public long RegistrationExpiry { get; set; }
        public bool FeatureSync { get; set; }
        public long? PbxProfileId { get; set; }
        public bool AcceptCallsOnlyFromServer { get; set; }
        public string ContactToken { get; set; } = "";

        public LineView ToView() => new(
            (int)Number, Enabled, Label, User, DisplayName, AuthUser, PasswordProtected is not null,
            RegistrarHost, (int)Port, EnumText.Parse<SipTransportKind>(Transport, "line.transport"),
            OutboundProxy, (int)RegistrationExpiry, FeatureSync, (int?)PbxProfileId, AcceptCallsOnlyFromServer, ContactToken);
    }
}
