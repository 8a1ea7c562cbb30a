using System.Diagnostics;
using System.Globalization;
using System.Text;
using BenchmarkDotNet.Attributes;
using Microsoft.Data.Sqlite;
using Phone.SipCore.Configuration;
using Phone.SipCore.FeatureSync.Model;
using Phone.SipCore.Lines;
using Phone.SipCore.SyncLog;
using Phone.SipCore.Transport;
using Phone.Storage;
using Phone.Storage.Events;
using Phone.Storage.Lines;
using Phone.Storage.Logs;
using Phone.Storage.Traces;

namespace Phone.Benchmarks;

/// <summary>
/// The storage writer's own cost per batch, without the sink in front of it: one
/// <see cref="BatchStatements.Write"/> of a batch as a 1,000 NOTIFY/s storm makes it with a 50 ms
/// group-commit window (50 NOTIFYs over 50 different lines of 1,000; per NOTIFY one DND state, one
/// sync log row, the NOTIFY in and the 200 out as trace rows), in one transaction, committed, on a
/// real file. The log and trace are full to their default capacities beforehand (a phone that has
/// run for months), so every trim deletes rows and the tables are larger than SQLite's page cache.
/// Numbers are reported in docs/performance.md, never asserted.
/// </summary>
[MemoryDiagnoser]
[MinColumn]
[MedianColumn]
public class BatchWriteBenchmarks
{
    private const int Lines = StorageOptions.MaxLinesLimit;
    private const int NotifiesPerBatch = 50;
    private const int DistinctBatches = Lines / NotifiesPerBatch;

    // Bump when the prefilled content or the schema changes: the template file is kept between runs.
    private const string TemplateVersion = "v1";

    private static readonly StorageOptions Options = new() { MaxLines = Lines };
    private static readonly DateTimeOffset At = new(2026, 12, 1, 23, 0, 0, TimeSpan.Zero);

    private readonly string _directory = Path.Combine(Path.GetTempPath(), "featuresync-batch-bench-" + Guid.NewGuid().ToString("N"));
    private readonly WriteBatch[] _batches = new WriteBatch[DistinctBatches];
    private SqliteConnection _connection = null!;
    private BatchStatements _statements = null!;
    private int _next;
    // Process CPU time per batch, sampled every CpuSample batches: the wall time of a batch on a
    // shared machine includes other processes' turns and the disk's fsync wait; the CPU time is what
    // counts against issue 14's budget. Printed at the end as "cpu-us-per-batch".
    private const int CpuSample = 100;
    private readonly List<double> _cpuPerBatch = [];
    private TimeSpan _cpuAtSample;

    /// <summary>FULL is the writer's setting (an fsync per commit); OFF leaves the statements' CPU alone.</summary>
    [Params("FULL", "OFF")]
    public string Synchronous { get; set; } = "FULL";

    /// <summary>
    /// True: the log and trace full to capacity (the phone after months). False: both empty, so no
    /// trim deletes anything and every page is in the cache; what is left is the cost of binding
    /// and running the statements themselves.
    /// </summary>
    [Params(true, false)]
    public bool FullTables { get; set; } = true;

    [GlobalSetup]
    public void Setup()
    {
        Directory.CreateDirectory(_directory);
        File.Copy(Template(FullTables), Path.Combine(_directory, PhoneDatabase.FileName));
        var database = new PhoneDatabase(_directory);
        database.Initialize();
        _connection = WriterConnection.Open(database);
        Execute(_connection, $"PRAGMA synchronous={Synchronous};");
        _statements = new BatchStatements(_connection, Options, new FeatureStateValidator());
        for (var b = 0; b < DistinctBatches; b++)
        {
            _batches[b] = Batch(b);
        }
        Console.WriteLine(Describe());
    }

    /// <summary>One batch of 50 NOTIFYs' rows (200 rows), written and committed.</summary>
    [Benchmark]
    public int WriteBatchOf50Notifies()
    {
        if (_next % CpuSample == 0)
        {
            SampleCpu();
        }
        var batch = _batches[_next++ % DistinctBatches];
        using var transaction = _connection.BeginTransaction();
        var skipped = _statements.Write(batch, transaction);
        transaction.Commit();
        return skipped;
    }

    /// <summary>
    /// Set up with full tables, run <paramref name="pragmas"/> on the writer's connection, then write
    /// <paramref name="batches"/> batches, printing the CPU time per batch.
    /// </summary>
    internal static void Loop(int batches, string synchronous, string[] pragmas)
    {
        var bench = new BatchWriteBenchmarks { Synchronous = synchronous, FullTables = true };
        bench.Setup();
        foreach (var pragma in pragmas)
        {
            Execute(bench._connection, pragma);
        }
        Console.WriteLine("set up; writing");
        for (var i = 0; i < batches; i++)
        {
            bench.WriteBatchOf50Notifies();
        }
        bench.Cleanup();
    }

    private void SampleCpu()
    {
        var cpu = Process.GetCurrentProcess().TotalProcessorTime;
        if (_next > 0)
        {
            _cpuPerBatch.Add((cpu - _cpuAtSample).TotalMicroseconds / CpuSample);
        }
        _cpuAtSample = cpu;
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        // The second half of the samples: past the pilot, the warm-up and JIT tiering.
        var measured = _cpuPerBatch.Skip(_cpuPerBatch.Count / 2).Order().ToList();
        if (measured.Count > 0)
        {
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"cpu-us-per-batch synchronous={Synchronous} fullTables={FullTables}: median {measured[measured.Count / 2]:F0}, p10 {measured[measured.Count / 10]:F0}, p90 {measured[measured.Count * 9 / 10]:F0} over {measured.Count} samples of {CpuSample} batches"));
        }
        _statements.Dispose();
        _connection.Dispose();
        SqliteConnection.ClearAllPools();
        Directory.Delete(_directory, recursive: true);
    }

    // Batch b holds lines b+1, b+21, b+41, ...: 50 lines spread over the whole table, as 1,000
    // lines' NOTIFYs arrive in no particular order, and every line is written once per 20 batches.
    private static WriteBatch Batch(int b)
    {
        var batch = new WriteBatch();
        for (var i = 0; i < NotifiesPerBatch; i++)
        {
            var line = b + 1 + i * DistinctBatches;
            var on = i % 2 == 0;
            batch.States[(line, FeatureKind.Dnd)] = new FeatureState(FeatureKind.Dnd, on, null, null,
                FeatureStanding.Confirmed, FeatureOrigin.Server, At);
            batch.Log.Add(LogRow(line, on));
            // As the phone queues them: the bytes from the wire (TraceRow.FromWire).
            batch.Trace.Add(TraceRow.FromWire(At, line, SipTraceDirection.In, Server, Phone,
                System.Text.Encoding.UTF8.GetBytes(NotifyText(line, on))));
            batch.Trace.Add(TraceRow.FromWire(At, line, SipTraceDirection.Out, Server, Phone,
                System.Text.Encoding.UTF8.GetBytes(OkText(line))));
        }
        return batch;
    }

    private static readonly SipEndPoint Server = new(SipTransportKind.Udp, new System.Net.IPEndPoint(System.Net.IPAddress.Parse("192.0.2.1"), 5060));
    private static readonly SipEndPoint Phone = new(SipTransportKind.Udp, new System.Net.IPEndPoint(System.Net.IPAddress.Parse("192.0.2.10"), 5060));

    private static SyncLogEntry LogRow(int line, bool on)
    {
        var logEvent = SyncLogEvent.About(SyncLogCode.FeatureReported, FeatureKind.Dnd, new FeatureValue(on));
        return new SyncLogEntry(At, line, SyncLogKind.Feature, FeatureOrigin.Server, SyncOutcome.Success, logEvent.ToString())
        { Event = logEvent };
    }

    private static string NotifyFirstLine(int line) => $"NOTIFY sip:{2000 + line}@192.0.2.10:5060;line=k3f9a2q{line} SIP/2.0";

    // About 700 bytes: a BroadWorks as-feature-event NOTIFY with a DoNotDisturbEvent body.
    private static string NotifyText(int line, bool on) => NotifyFirstLine(line) + "\r\n" +
        "Via: SIP/2.0/UDP 192.0.2.1:5060;branch=z9hG4bK-as-7f3a91c2;rport\r\n" +
        "Max-Forwards: 70\r\n" +
        $"From: <sip:{2000 + line}@as.example.com>;tag=as-{line}\r\n" +
        $"To: <sip:{2000 + line}@as.example.com>;tag=ph-{line}\r\n" +
        $"Call-ID: sub-{line}-5f1c2a9e0b@192.0.2.10\r\n" +
        "CSeq: 12 NOTIFY\r\n" +
        "Contact: <sip:as@192.0.2.1:5060>\r\n" +
        "Event: as-feature-event\r\n" +
        "Subscription-State: active;expires=3542\r\n" +
        "User-Agent: BroadWorks\r\n" +
        "Content-Type: application/x-as-feature-event+xml\r\n" +
        "Content-Length: 254\r\n\r\n" +
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n" +
        "<DoNotDisturbEvent xmlns=\"http://www.ecma-international.org/standards/ecma-323/csta/ed3\">\n" +
        $"<device>{2000 + line}</device><doNotDisturbOn>{(on ? "true" : "false")}</doNotDisturbOn></DoNotDisturbEvent>";

    // About 300 bytes.
    private static string OkText(int line) => "SIP/2.0 200 OK\r\n" +
        "Via: SIP/2.0/UDP 192.0.2.1:5060;branch=z9hG4bK-as-7f3a91c2;rport=5060\r\n" +
        $"From: <sip:{2000 + line}@as.example.com>;tag=as-{line}\r\n" +
        $"To: <sip:{2000 + line}@as.example.com>;tag=ph-{line}\r\n" +
        $"Call-ID: sub-{line}-5f1c2a9e0b@192.0.2.10\r\n" +
        "CSeq: 12 NOTIFY\r\n" +
        "Content-Length: 0\r\n\r\n";

    /// <summary>
    /// A migrated file with 1,000 lines, a DND state each, and when <paramref name="full"/> every
    /// line's sync log at its default capacity (2,000 rows, ids interleaved across lines as a running
    /// phone writes them) and the trace at its capacity (5,000 messages). Built once per template version (it takes a while)
    /// and copied for each run, so every run starts from the same file.
    /// </summary>
    private static string Template(bool full)
    {
        var folder = Path.Combine(Path.GetTempPath(), "featuresync-batch-bench-template-" + TemplateVersion + (full ? "" : "-empty"));
        var file = Path.Combine(folder, PhoneDatabase.FileName);
        if (File.Exists(file))
        {
            return file;
        }
        var building = folder + ".building-" + Guid.NewGuid().ToString("N");
        var database = new PhoneDatabase(building);
        database.Initialize();
        using (var connection = database.Open())
        {
            using var transaction = connection.BeginTransaction();
            LineSql.EnsureLines(connection, transaction, Lines);
            using (var fill = connection.CreateCommand())
            {
                fill.Transaction = transaction;
                fill.CommandText = """
                    INSERT INTO feature_state (line, kind, enabled, target, ring_count, standing, origin, changed_at, detail)
                    SELECT number, 'Dnd', 0, NULL, NULL, 'Confirmed', 'Server', @time, NULL FROM line;
                    WITH RECURSIVE n(x) AS (SELECT 0 UNION ALL SELECT x + 1 FROM n WHERE x < @logRows - 1)
                    INSERT INTO sync_log (time, line, kind, origin, outcome, text, code, args)
                    SELECT @time, x % @lines + 1, 'Feature', 'Server', 'Success', @logText, 'FeatureReported', @logArgs FROM n;
                    WITH RECURSIVE n(x) AS (SELECT 0 UNION ALL SELECT x + 1 FROM n WHERE x < @traceRows - 1)
                    INSERT INTO sip_trace (time, line, direction, remote, local, first_line, text)
                    SELECT @time, x / 2 % @lines + 1, CASE x % 2 WHEN 0 THEN 'In' ELSE 'Out' END, 'UDP:192.0.2.1:5060',
                           'UDP:192.0.2.10:5060', CASE x % 2 WHEN 0 THEN @notifyFirst ELSE 'SIP/2.0 200 OK' END,
                           CASE x % 2 WHEN 0 THEN @notify ELSE @ok END FROM n;
                    """;
                var log = LogRow(1, true);
                fill.Parameters.AddWithValue("@time", At.ToString("O", CultureInfo.InvariantCulture));
                fill.Parameters.AddWithValue("@lines", Lines);
                // The recursive counters need at least one row; an empty table is emptied again below.
                fill.Parameters.AddWithValue("@logRows", full ? Lines * Options.SyncLogCapacity : 1);
                fill.Parameters.AddWithValue("@traceRows", full ? Options.SipTraceCapacity : 1);
                fill.Parameters.AddWithValue("@logText", log.Text);
                fill.Parameters.AddWithValue("@logArgs", SyncLogArgsJson.Write(log.Event!.Args));
                fill.Parameters.AddWithValue("@notifyFirst", NotifyFirstLine(1));
                fill.Parameters.AddWithValue("@notify", NotifyText(1, true));
                fill.Parameters.AddWithValue("@ok", OkText(1));
                fill.ExecuteNonQuery();
            }
            if (!full)
            {
                using var empty = connection.CreateCommand();
                empty.Transaction = transaction;
                empty.CommandText = "DELETE FROM sync_log; DELETE FROM sip_trace;";
                empty.ExecuteNonQuery();
            }
            transaction.Commit();
            Execute(connection, "PRAGMA wal_checkpoint(TRUNCATE);");
        }
        SqliteConnection.ClearAllPools();
        Directory.CreateDirectory(folder);
        File.Move(Path.Combine(building, PhoneDatabase.FileName), file);
        Directory.Delete(building, recursive: true);
        return file;
    }

    private static void Execute(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    // How large the trace rows are, printed once so the figures can be read against them.
    private static string Describe() => string.Create(CultureInfo.InvariantCulture,
        $"NOTIFY trace text {Encoding.UTF8.GetByteCount(NotifyText(1000, false))} B, 200 OK {Encoding.UTF8.GetByteCount(OkText(1000))} B");
}
