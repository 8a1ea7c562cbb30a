using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;
using Phone.TestSupport;

namespace Phone.Interop.Tests.Sipp;

/// <summary>
/// Runs one sipp scenario as a real SIP peer on loopback. sipp binds only 127.0.0.1, stops
/// by itself (<c>-m</c> calls, <c>-timeout</c>), and is killed on dispose if still running.
/// </summary>
public sealed class SippProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _output = new();
    private readonly TaskCompletionSource<int> _exited = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private SippProcess(Process process, int port, string workDirectory)
    {
        _process = process;
        Port = port;
        WorkDirectory = workDirectory;
    }

    /// <summary>The loopback port sipp listens on.</summary>
    public int Port { get; }

    public IPEndPoint EndPoint => new(IPAddress.Loopback, Port);

    /// <summary>Holds sipp's logs (<c>-trace_err</c>, <c>-trace_msg</c>) for failure messages.</summary>
    public string WorkDirectory { get; }

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

    /// <param name="scenario">File name under Scenarios/.</param>
    /// <param name="transport">sipp's <c>-t</c>: <c>u1</c> (UDP) or <c>t1</c> (TCP).</param>
    /// <param name="calls">Calls after which sipp exits (<c>-m</c>).</param>
    /// <param name="extraArgs">More sipp switches, e.g. <c>-key</c> values or a remote host for a client.</param>
    public static SippProcess Start(string scenario, string transport = "u1", int calls = 1,
        TimeSpan? timeout = null, params string[] extraArgs)
    {
        RequiredTool.SkipUnlessOnPath("sipp", "sip-tester");
        var scenarioPath = Path.Combine(AppContext.BaseDirectory, "Scenarios", scenario);
        if (!File.Exists(scenarioPath))
        {
            throw new FileNotFoundException($"sipp scenario {scenario} is not beside the tests", scenarioPath);
        }
        var port = FreePort(transport.StartsWith('t') ? SocketType.Stream : SocketType.Dgram);
        var work = Directory.CreateTempSubdirectory("sipp-").FullName;
        var info = new ProcessStartInfo("sipp")
        {
            WorkingDirectory = work,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = false,
            UseShellExecute = false,
        };
        foreach (var arg in new[]
                 {
                     "-sf", scenarioPath, "-i", "127.0.0.1", "-p", port.ToString(System.Globalization.CultureInfo.InvariantCulture),
                     "-t", transport, "-m", calls.ToString(System.Globalization.CultureInfo.InvariantCulture),
                     "-timeout", $"{(int)(timeout ?? TimeSpan.FromSeconds(60)).TotalSeconds}s", "-timeout_error",
                     "-nostdin", "-trace_err", "-trace_msg", "-message_file", Path.Combine(work, "messages.log"),
                     "-error_file", Path.Combine(work, "errors.log"),
                 }.Concat(extraArgs))
        {
            info.ArgumentList.Add(arg);
        }
        var process = new Process { StartInfo = info, EnableRaisingEvents = true };
        var sipp = new SippProcess(process, port, work);
        process.OutputDataReceived += (_, e) => sipp.Append(e.Data);
        process.ErrorDataReceived += (_, e) => sipp.Append(e.Data);
        process.Exited += (_, _) => sipp._exited.TrySetResult(process.ExitCode);
        if (!process.Start())
        {
            throw new InvalidOperationException("sipp did not start; is the sip-tester package installed?");
        }
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return sipp;
    }

    /// <summary>Waits for sipp to finish its calls; returns its exit code (0 = every call passed).</summary>
    public async Task<int> WaitForExitAsync(TimeSpan within)
    {
        var finished = await Task.WhenAny(_exited.Task, Task.Delay(within)).ConfigureAwait(false);
        if (finished != _exited.Task)
        {
            throw new TimeoutException($"sipp still running after {within}.\n{Describe()}");
        }
        return await _exited.Task.ConfigureAwait(false);
    }

    /// <summary>Asserts sipp ended with every call successful, showing its logs otherwise.</summary>
    public async Task AssertPassedAsync(TimeSpan within)
    {
        var code = await WaitForExitAsync(within).ConfigureAwait(false);
        if (code != 0)
        {
            throw new Xunit.Sdk.XunitException($"sipp exited with {code}.\n{Describe()}");
        }
    }

    /// <summary>What sipp said and logged, for a failure message.</summary>
    public string Describe()
    {
        var text = new StringBuilder(Output);
        foreach (var log in new[] { "errors.log", "messages.log" })
        {
            var path = Path.Combine(WorkDirectory, log);
            if (File.Exists(path))
            {
                var content = File.ReadAllText(path);
                text.Append("\n--- ").Append(log).Append(" ---\n").Append(content.Length > 20_000 ? content[^20_000..] : content);
            }
        }
        return text.ToString();
    }

    /// <summary>sipp's message log so far: what it received and sent.</summary>
    public string MessageLog()
    {
        var path = Path.Combine(WorkDirectory, "messages.log");
        if (!File.Exists(path))
        {
            return "";
        }
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }

    private void Append(string? line)
    {
        if (line is null)
        {
            return;
        }
        lock (_output)
        {
            if (_output.Length < 200_000)
            {
                _output.AppendLine(line);
            }
        }
    }

    /// <summary>A free loopback port (the OS picks; a tiny race with other processes is accepted).</summary>
    public static int FreePort(SocketType type)
    {
        using var socket = new Socket(AddressFamily.InterNetwork, type, type == SocketType.Stream ? ProtocolType.Tcp : ProtocolType.Udp);
        socket.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        return ((IPEndPoint)socket.LocalEndPoint!).Port;
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync().ConfigureAwait(false);
        }
        _process.Dispose();
        try
        {
            Directory.Delete(WorkDirectory, recursive: true);
        }
        catch (IOException)
        {
            // sipp may still flush a log; the temp cleaner gets it.
        }
    }
}
