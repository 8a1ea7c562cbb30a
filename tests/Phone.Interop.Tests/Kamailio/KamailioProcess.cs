using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;
using Phone.Interop.Tests.Sipp;
using Phone.TestSupport;

namespace Phone.Interop.Tests.Kamailio;

/// <summary>
/// Debian's kamailio as a second real registrar: digest auth with a fixed password
/// (auth module, no database), bindings in memory, listening on 127.0.0.1 only.
/// </summary>
public sealed class KamailioProcess : IAsyncDisposable
{
    public const string Executable = "/usr/sbin/kamailio";
    private readonly Process _process;
    private readonly StringBuilder _output = new();

    private KamailioProcess(Process process, int port, string directory)
    {
        _process = process;
        Port = port;
        Directory = directory;
    }

    public int Port { get; }

    public string Directory { get; }

    public string Output
    {
        get
        {
            lock (_output)
            {
                return _output.ToString();
            }
        }
    }

    /// <summary>Starts kamailio on a free loopback port and waits until it answers SIP.</summary>
    public static async Task<KamailioProcess> StartAsync(string password)
    {
        RequiredTool.SkipUnlessInstalled(Executable, "kamailio");
        var port = SippProcess.FreePort(SocketType.Dgram);
        var directory = System.IO.Directory.CreateTempSubdirectory("kamailio-").FullName;
        var config = Path.Combine(directory, "kamailio.cfg");
        await File.WriteAllTextAsync(config, Config(port, password));
        var info = new ProcessStartInfo(Executable)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = directory,
        };
        // -DD: stay in the foreground so the test owns the process tree; -E: log to stderr.
        foreach (var arg in new[] { "-f", config, "-DD", "-E", "-Y", directory, "-P", Path.Combine(directory, "kamailio.pid") })
        {
            info.ArgumentList.Add(arg);
        }
        var process = Process.Start(info) ?? throw new InvalidOperationException("kamailio did not start");
        var kamailio = new KamailioProcess(process, port, directory);
        process.OutputDataReceived += (_, e) => kamailio.Append(e.Data);
        process.ErrorDataReceived += (_, e) => kamailio.Append(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        await kamailio.WaitUntilAnsweringAsync(TimeSpan.FromSeconds(15));
        return kamailio;
    }

    private static string Config(int port, string password) => $$"""
        #!KAMAILIO
        debug=2
        log_stderror=yes
        children=1
        tcp_children=1
        auto_aliases=no
        listen=udp:127.0.0.1:{{port.ToString(CultureInfo.InvariantCulture)}}
        mpath="/usr/lib/x86_64-linux-gnu/kamailio/modules/"
        loadmodule "tm.so"
        loadmodule "sl.so"
        loadmodule "pv.so"
        loadmodule "maxfwd.so"
        loadmodule "textops.so"
        loadmodule "siputils.so"
        loadmodule "usrloc.so"
        loadmodule "registrar.so"
        loadmodule "auth.so"
        modparam("usrloc", "db_mode", 0)
        request_route {
            if (!mf_process_maxfwd_header("10")) { sl_send_reply("483", "Too Many Hops"); exit; }
            if (is_method("REGISTER")) {
                if (!pv_www_authenticate("$td", "{{password}}", "0")) {
                    www_challenge("$td", "0");
                    exit;
                }
                if (!save("location")) { sl_reply_error(); }
                exit;
            }
            sl_send_reply("404", "Not Here");
        }
        """;

    /// <summary>Sends OPTIONS until kamailio answers (it says 404), within a bound.</summary>
    private async Task WaitUntilAnsweringAsync(TimeSpan within)
    {
        using var probe = new UdpClient(new IPEndPoint(IPAddress.Loopback, 0));
        var local = (IPEndPoint)probe.Client.LocalEndPoint!;
        var options = Encoding.ASCII.GetBytes(
            $"OPTIONS sip:probe@127.0.0.1:{Port} SIP/2.0\r\nVia: SIP/2.0/UDP {local};branch=z9hG4bK-probe\r\nMax-Forwards: 70\r\n" +
            $"From: <sip:probe@{local}>;tag=p\r\nTo: <sip:probe@127.0.0.1>\r\nCall-ID: probe@test\r\nCSeq: 1 OPTIONS\r\nContent-Length: 0\r\n\r\n");
        using var deadline = new CancellationTokenSource(within);
        while (true)
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"kamailio exited with {_process.ExitCode}:\n{Output}");
            }
            await probe.SendAsync(options, new IPEndPoint(IPAddress.Loopback, Port), deadline.Token);
            using var wait = CancellationTokenSource.CreateLinkedTokenSource(deadline.Token);
            wait.CancelAfter(TimeSpan.FromMilliseconds(300));
            try
            {
                var answer = await probe.ReceiveAsync(wait.Token);
                if (Encoding.ASCII.GetString(answer.Buffer).StartsWith("SIP/2.0 ", StringComparison.Ordinal))
                {
                    return;
                }
            }
            catch (OperationCanceledException) when (!deadline.IsCancellationRequested)
            {
            }
            catch (OperationCanceledException)
            {
                throw new TimeoutException($"kamailio did not answer within {within}:\n{Output}");
            }
        }
    }

    private void Append(string? line)
    {
        if (line is null)
        {
            return;
        }
        lock (_output)
        {
            if (_output.Length < 100_000)
            {
                _output.AppendLine(line);
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            // SIGTERM lets kamailio stop and reap its own children; SIGKILL only if it does not.
            using (var term = Process.Start("kill", ["-TERM", _process.Id.ToString(CultureInfo.InvariantCulture)]))
            {
                await term.WaitForExitAsync();
            }
            using var grace = new CancellationTokenSource(TimeSpan.FromSeconds(5));
            try
            {
                await _process.WaitForExitAsync(grace.Token);
            }
            catch (OperationCanceledException)
            {
                _process.Kill(entireProcessTree: true);
                await _process.WaitForExitAsync();
            }
        }
        _process.Dispose();
        try
        {
            System.IO.Directory.Delete(Directory, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
