using System.Data;
using Dapper;
using Phone.SipCore.Configuration;
using Phone.Storage.Internal;

namespace Phone.Storage.Profiles;

/// <summary>The pbx_profile table's SQL, on a caller's connection and transaction.</summary>
internal static class PbxProfileSql
{
    private const string Columns = """
        id AS Id, name AS Name, sync_method AS SyncMethod, accept_ua_csta AS AcceptUaCsta,
        dnd_on_code AS DndOnCode, dnd_off_code AS DndOffCode,
        forward_always_on_code AS ForwardAlwaysOnCode, forward_always_off_code AS ForwardAlwaysOffCode,
        forward_busy_on_code AS ForwardBusyOnCode, forward_busy_off_code AS ForwardBusyOffCode,
        forward_no_answer_on_code AS ForwardNoAnswerOnCode, forward_no_answer_off_code AS ForwardNoAnswerOffCode,
        forward_pattern AS ForwardPattern, seconds_per_ring AS SecondsPerRing, event_package AS EventPackage,
        trusted_hosts AS TrustedHosts
        """;

    public static List<PbxProfile> ReadAll(IDbConnection connection, IDbTransaction? transaction) =>
        connection.Query<ProfileRow>($"SELECT {Columns} FROM pbx_profile ORDER BY id;", transaction: transaction)
            .Select(r => r.ToProfile()).ToList();

    public static PbxProfile? Read(IDbConnection connection, IDbTransaction? transaction, int id) =>
        connection.QuerySingleOrDefault<ProfileRow>($"SELECT {Columns} FROM pbx_profile WHERE id = @id;", new { id }, transaction)
            ?.ToProfile();

    public static bool NameTaken(IDbConnection connection, IDbTransaction? transaction, string name, int exceptId) =>
        connection.ExecuteScalar<long>("SELECT count(*) FROM pbx_profile WHERE name = @name COLLATE NOCASE AND id <> @exceptId;",
            new { name = name.Trim(), exceptId }, transaction) > 0;

    /// <summary>Lines that point at the profile, in number order.</summary>
    public static List<int> LinesUsing(IDbConnection connection, IDbTransaction? transaction, int id, bool featureSyncOnly = false) =>
        connection.Query<long>(
            "SELECT number FROM line WHERE pbx_profile_id = @id AND (@featureSyncOnly = 0 OR feature_sync = 1) ORDER BY number;",
            new { id, featureSyncOnly }, transaction).Select(n => (int)n).ToList();

    /// <summary>Inserts (Id 0: a new id is assigned; else that id) or updates; returns the id.</summary>
    public static int Write(IDbConnection connection, IDbTransaction? transaction, PbxProfile profile)
    {
        var args = new
        {
            Id = profile.Id == 0 ? (int?)null : profile.Id,
            Name = profile.Name.Trim(),
            SyncMethod = profile.Method.ToString(),
            profile.AcceptUaCsta,
            profile.DndOnCode,
            profile.DndOffCode,
            profile.ForwardAlwaysOnCode,
            profile.ForwardAlwaysOffCode,
            profile.ForwardBusyOnCode,
            profile.ForwardBusyOffCode,
            profile.ForwardNoAnswerOnCode,
            profile.ForwardNoAnswerOffCode,
            profile.ForwardPattern,
            profile.SecondsPerRing,
            profile.EventPackage,
            TrustedHosts = profile.TrustedHosts.Trim(),
        };
        return (int)connection.ExecuteScalar<long>("""
            INSERT INTO pbx_profile (id, name, sync_method, accept_ua_csta, dnd_on_code, dnd_off_code,
                forward_always_on_code, forward_always_off_code, forward_busy_on_code, forward_busy_off_code,
                forward_no_answer_on_code, forward_no_answer_off_code, forward_pattern, seconds_per_ring, event_package,
                trusted_hosts)
            VALUES (@Id, @Name, @SyncMethod, @AcceptUaCsta, @DndOnCode, @DndOffCode,
                @ForwardAlwaysOnCode, @ForwardAlwaysOffCode, @ForwardBusyOnCode, @ForwardBusyOffCode,
                @ForwardNoAnswerOnCode, @ForwardNoAnswerOffCode, @ForwardPattern, @SecondsPerRing, @EventPackage,
                @TrustedHosts)
            ON CONFLICT (id) DO UPDATE SET
                name = excluded.name, sync_method = excluded.sync_method, accept_ua_csta = excluded.accept_ua_csta,
                dnd_on_code = excluded.dnd_on_code, dnd_off_code = excluded.dnd_off_code,
                forward_always_on_code = excluded.forward_always_on_code, forward_always_off_code = excluded.forward_always_off_code,
                forward_busy_on_code = excluded.forward_busy_on_code, forward_busy_off_code = excluded.forward_busy_off_code,
                forward_no_answer_on_code = excluded.forward_no_answer_on_code,
                forward_no_answer_off_code = excluded.forward_no_answer_off_code,
                forward_pattern = excluded.forward_pattern, seconds_per_ring = excluded.seconds_per_ring,
                event_package = excluded.event_package, trusted_hosts = excluded.trusted_hosts
            RETURNING id;
            """, args, transaction);
    }

    private sealed class ProfileRow
    {
        public long Id { get; set; }
        public string Name { get; set; } = "";
        public string SyncMethod { get; set; } = "";
        public bool AcceptUaCsta { get; set; }
        public string DndOnCode { get; set; } = "";
        public string DndOffCode { get; set; } = "";
        public string ForwardAlwaysOnCode { get; set; } = "";
        public string ForwardAlwaysOffCode { get; set; } = "";
        public string ForwardBusyOnCode { get; set; } = "";
        public string ForwardBusyOffCode { get; set; } = "";
        public string ForwardNoAnswerOnCode { get; set; } = "";
        public string ForwardNoAnswerOffCode { get; set; } = "";
        public string ForwardPattern { get; set; } = "";
        public long SecondsPerRing { get; set; }
        public string EventPackage { get; set; } = "";
        public string TrustedHosts { get; set; } = "";

        public PbxProfile ToProfile() => new()
        {
            Id = (int)Id,
            Name = Name,
            Method = EnumText.Parse<SipCore.Configuration.SyncMethod>(SyncMethod, "pbx_profile.sync_method"),
            AcceptUaCsta = AcceptUaCsta,
            DndOnCode = DndOnCode,
            DndOffCode = DndOffCode,
            ForwardAlwaysOnCode = ForwardAlwaysOnCode,
            ForwardAlwaysOffCode = ForwardAlwaysOffCode,
            ForwardBusyOnCode = ForwardBusyOnCode,
            ForwardBusyOffCode = ForwardBusyOffCode,
            ForwardNoAnswerOnCode = ForwardNoAnswerOnCode,
            ForwardNoAnswerOffCode = ForwardNoAnswerOffCode,
            ForwardPattern = ForwardPattern,
            SecondsPerRing = (int)SecondsPerRing,
            EventPackage = EventPackage,
            TrustedHosts = TrustedHosts,
        };
    }
}
