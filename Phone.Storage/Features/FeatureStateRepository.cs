using Dapper;
using FluentValidation;
using Microsoft.Data.Sqlite;
using Phone.SipCore.Configuration;
using Phone.SipCore.FeatureSync.Model;
using Phone.Storage.Internal;
using Phone.Storage.Lines;

namespace Phone.Storage.Features;

/// <summary>
/// The last known state of every feature of every line, so the phone shows (and never
/// re-dials, protocol.md 5) what it knew before a restart.
/// </summary>
public sealed class FeatureStateRepository(PhoneDatabase database, StorageOptions options,
    FeatureStateValidator validator, TimeProvider timeProvider)
{
    /// <summary>Stores one feature's state, replacing the stored one; shared with the storage writer's prepared command.</summary>
    internal const string UpsertSql = """
        INSERT INTO feature_state (line, kind, enabled, target, ring_count, standing, origin, changed_at, detail)
        VALUES (@line, @Kind, @Enabled, @Target, @RingCount, @Standing, @Origin, @ChangedAt, @Detail)
        ON CONFLICT (line, kind) DO UPDATE SET
            enabled = excluded.enabled, target = excluded.target, ring_count = excluded.ring_count,
            standing = excluded.standing, origin = excluded.origin, changed_at = excluded.changed_at,
            detail = excluded.detail;
        """;

    private const string Columns = """
        line AS Line, kind AS Kind, enabled AS Enabled, target AS Target, ring_count AS RingCount,
        standing AS Standing, origin AS Origin, changed_at AS ChangedAt, detail AS Detail
        """;

    /// <summary>The line's four features; a feature never stored reads as off and local.</summary>
    public Task<LineFeatureState> GetAsync(int line, CancellationToken cancellationToken = default)
    {
        CheckLine(line);
        cancellationToken.ThrowIfCancellationRequested();
        using var connection = database.Open();
        var rows = connection.Query<StateRow>($"SELECT {Columns} FROM feature_state WHERE line = @line;", new { line });
        return Task.FromResult(Assemble(line, rows));
    }

    /// <summary>Every line 1..MaxLines.</summary>
    public Task<IReadOnlyList<LineFeatureState>> GetAllAsync(CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        using var connection = database.Open();
        var byLine = connection.Query<StateRow>($"SELECT {Columns} FROM feature_state WHERE line <= @max;", new { max = options.MaxLines })
            .ToLookup(r => (int)r.Line);
        IReadOnlyList<LineFeatureState> all = Enumerable.Range(1, options.MaxLines).Select(n => Assemble(n, byLine[n])).ToList();
        return Task.FromResult(all);
    }

    /// <exception cref="ValidationException">The state breaks a rule (target, ring count); nothing was written.</exception>
    public Task SaveAsync(int line, FeatureState state, CancellationToken cancellationToken = default) =>
        SaveManyAsync(line, [state], cancellationToken);

    /// <summary>Stores all four features of a line in one transaction.</summary>
    public Task SaveAsync(LineFeatureState state, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(state);
        return SaveManyAsync(state.Line, state.All, cancellationToken);
    }

    private Task SaveManyAsync(int line, IReadOnlyList<FeatureState> states, CancellationToken cancellationToken)
    {
        CheckLine(line);
        cancellationToken.ThrowIfCancellationRequested();
        var failures = states.SelectMany(s => validator.Validate(s).Errors).ToList();
        if (failures.Count > 0)
        {
            throw new ValidationException(failures);
        }
        using var connection = database.Open();
        using var transaction = connection.BeginTransaction();
        // State can arrive before the line row exists (a raised MaxLines); the row is the FK parent.
        LineSql.EnsureLine(connection, transaction, line);
        foreach (var state in states)
        {
            Write(connection, transaction, line, state);
        }
        transaction.Commit();
        return Task.CompletedTask;
    }

    private static void Write(SqliteConnection connection, SqliteTransaction transaction, int line, FeatureState state) =>
        connection.Execute(UpsertSql,
            new
            {
                line,
                Kind = state.Kind.ToString(),
                state.Enabled,
                Target = string.IsNullOrEmpty(state.Target) ? null : state.Target,
                state.RingCount,
                Standing = state.Standing.ToString(),
                Origin = state.Origin.ToString(),
                state.ChangedAt,
                state.Detail,
            }, transaction);

    private LineFeatureState Assemble(int line, IEnumerable<StateRow> rows)
    {
        var state = LineFeatureState.Initial(line, timeProvider.GetUtcNow());
        foreach (var row in rows)
        {
            state = state.With(row.ToState());
        }
        return state;
    }

    private void CheckLine(int line)
    {
        if (line < 1 || line > options.MaxLines)
        {
            throw new ArgumentOutOfRangeException(nameof(line), line, $"Line must be from 1 to {options.MaxLines}.");
        }
    }

    private sealed class StateRow
    {
        public long Line { get; set; }
        public string Kind { get; set; } = "";
        public bool Enabled { get; set; }
        public string? Target { get; set; }
        public long? RingCount { get; set; }
        public string Standing { get; set; } = "";
        public string Origin { get; set; } = "";
        public DateTimeOffset ChangedAt { get; set; }
        public string? Detail { get; set; }

        public FeatureState ToState() => new(
            EnumText.Parse<FeatureKind>(Kind, "feature_state.kind"),
            Enabled,
            Target,
            (int?)RingCount,
            EnumText.Parse<FeatureStanding>(Standing, "feature_state.standing"),
            EnumText.Parse<FeatureOrigin>(Origin, "feature_state.origin"),
            ChangedAt,
            Detail);
    }
}
