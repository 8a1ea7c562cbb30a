using System.Diagnostics;
using System.Globalization;
using System.Reflection;
using Dapper;

namespace Phone.Storage.Tests;

/// <summary>
/// A writer process killed with SIGKILL in the middle of a burst of commits must leave a
/// database that opens, passes integrity_check, and holds every commit it reported.
/// </summary>
public sealed class CrashTests : IDisposable
{
    private const int Lines = 16;
    private const int CommitsBeforeKill = 2000;

    private readonly string _directory = TestStorage.NewDirectory();

    public void Dispose() => TestStorage.DeleteDirectory(_directory);

    [Fact]
    public async Task Killed_writer_leaves_a_sound_database_with_every_committed_change()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(90));
        var committed = new List<long>();
        using (var writer = StartWriter())
        {
            try
            {
                await CollectCommitsThenKillAsync(writer, committed, timeout.Token);
            }
            finally
            {
                // Never leave a writer running when the test fails before its own kill.
                if (!writer.HasExited)
                {
                    writer.Kill(entireProcessTree: true);
                }
            }
        }

        var database = new PhoneDatabase(_directory);
        Assert.Equal(SchemaMigrator.LatestVersion, database.Initialize());
        using var connection = database.Open();
        Assert.Equal("ok", connection.ExecuteScalar<string>("PRAGMA integrity_check;"));

        var logged = connection.Query<string>("SELECT text FROM sync_log;")
            .Select(t => long.Parse(t, CultureInfo.InvariantCulture)).ToHashSet();
        Assert.All(committed, sequence => Assert.Contains(sequence, logged));

        // The state row of each line holds its last committed write, or the one in flight.
        var states = connection.Query<(long Line, string Detail)>("SELECT line, detail FROM feature_state;")
            .ToDictionary(r => (int)r.Line, r => long.Parse(r.Detail, CultureInfo.InvariantCulture));
        foreach (var group in committed.GroupBy(s => (int)(s % Lines) + 1))
        {
            Assert.True(states[group.Key] >= group.Max(), $"line {group.Key}: stored {states[group.Key]}, committed {group.Max()}");
        }
    }

    private static async Task CollectCommitsThenKillAsync(Process writer, List<long> committed, CancellationToken cancellationToken)
    {
        var stderr = writer.StandardError.ReadToEndAsync(cancellationToken);
        while (committed.Count < CommitsBeforeKill)
        {
            var line = await writer.StandardOutput.ReadLineAsync(cancellationToken)
                ?? throw new Xunit.Sdk.XunitException($"Writer exited early ({committed.Count} commits): {await stderr}");
            if (line != "ready")
            {
                committed.Add(long.Parse(line, CultureInfo.InvariantCulture));
            }
        }

        writer.Kill(); // SIGKILL on Unix: no finally blocks, no disposal, no checkpoint.
        await writer.WaitForExitAsync(cancellationToken);
        Assert.NotEqual(0, writer.ExitCode);
        // Lines still in the pipe were written, hence committed, before the kill.
        while (await writer.StandardOutput.ReadLineAsync(cancellationToken) is { } rest)
        {
            committed.Add(long.Parse(rest, CultureInfo.InvariantCulture));
        }
    }

    private Process StartWriter()
    {
        var path = typeof(CrashTests).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
            .Single(a => a.Key == "CrashWriterPath").Value!;
        Assert.True(File.Exists(path), $"CrashWriter not built at {path}");
        // Run with the same dotnet host as the test, when the test runs under one.
        var host = Environment.ProcessPath is { } p && Path.GetFileNameWithoutExtension(p) == "dotnet" ? p : "dotnet";
        var start = new ProcessStartInfo(host)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(path);
        start.ArgumentList.Add(_directory);
        start.ArgumentList.Add(Lines.ToString(CultureInfo.InvariantCulture));
        return Process.Start(start) ?? throw new InvalidOperationException("Could not start the CrashWriter.");
    }
}
