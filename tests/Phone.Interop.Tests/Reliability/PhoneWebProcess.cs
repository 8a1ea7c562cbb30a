using System.Diagnostics;
using System.Net.Sockets;
using System.Text;
using Phone.Interop.Tests.Sipp;
using Phone.TestSupport;

namespace Phone.Interop.Tests.Reliability;

/// <summary>
/// The real Phone.Web as a child process (<c>dotnet Phone.Web.dll</c>) on loopback, with its
/// own data directory, so a test can kill it with SIGKILL as a power cut would and start it
/// again on the same data.
/// </summary>
public sealed class PhoneWebProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _output = new();

    private PhoneWebProcess(Process process, Uri address)
    {
        _process = process;
        Address = address;
        Client = new HttpClient { BaseAddress = address, Timeout = TimeSpan.FromSeconds(30) };
        Client.DefaultRequestHeaders.Authorization = PhoneWebFactory.BasicHeader();
    }

    public Uri Address { get; }

    /// <summary>The HTTPS address beside <see cref="Address"/> when started with <c>https: true</c>.</summary>
    public Uri? HttpsAddress { get; private init; }

    /// <summary>Sends the admin's Basic credentials with every request.</summary>
    public HttpClient Client { get; }

    public int ProcessId => _process.Id;

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

    /// <summary>Phone.Web.dll as built beside this test (same configuration).</summary>
    public static string WebDll
    {
        get
        {
            var configuration = AppContext.BaseDirectory.Contains("/Release/", StringComparison.Ordinal) ? "Release" : "Debug";
            return Path.Combine(RepositoryRoot.Path, "Phone.Web", "bin", configuration, "net10.0", "Phone.Web.dll");
        }
    }

    /// <summary>
    /// Starts the process; with <paramref name="waitUntilHealthy"/> returns once /healthz answers 200.
    /// With <paramref name="https"/> it also listens on a free HTTPS port (<see cref="HttpsAddress"/>).
    /// </summary>
    public static async Task<PhoneWebProcess> StartAsync(string dataDirectory, IReadOnlyDictionary<string, string>? settings = null,
        bool waitUntilHealthy = true, bool https = false)
    {
        var port = SippProcess.FreePort(SocketType.Stream);
        var httpsPort = port;
        while (https && httpsPort == port)
        {
            httpsPort = SippProcess.FreePort(SocketType.Stream);
        }
        var urls = https ? $"http://127.0.0.1:{port};https://127.0.0.1:{httpsPort}" : $"http://127.0.0.1:{port}";
        var info = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = Path.GetDirectoryName(WebDll)!,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        var all = new Dictionary<string, string>
        {
            ["urls"] = urls,
            ["FeatureSync:DataDirectory"] = dataDirectory,
            ["FeatureSync:Sip:Address"] = "127.0.0.1",
            ["FeatureSync:Sip:Port"] = "0",
            ["FeatureSync:AdminPassword"] = PhoneWebFactory.AdminPassword,
            ["Logging:LogLevel:Default"] = "Warning",
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string>())
        {
            all[key] = value;
        }
        info.ArgumentList.Add(WebDll);
        foreach (var (key, value) in all)
        {
            info.ArgumentList.Add($"--{key}={value}");
        }
        var process = Process.Start(info) ?? throw new InvalidOperationException("dotnet did not start");
        var web = new PhoneWebProcess(process, new Uri($"http://127.0.0.1:{port}"))
        {
            HttpsAddress = https ? new Uri($"https://127.0.0.1:{httpsPort}") : null,
        };
        process.OutputDataReceived += (_, e) => web.Append(e.Data);
        process.ErrorDataReceived += (_, e) => web.Append(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        if (waitUntilHealthy)
        {
            await web.WaitUntilHealthyAsync(TimeSpan.FromSeconds(60));
        }
        return web;
    }

    private static async Task<bool> AcceptsAsync(Uri address, CancellationToken cancellationToken)
    {
        using var probe = new System.Net.Sockets.TcpClient();
        try
        {
            await probe.ConnectAsync(address.Host, address.Port, cancellationToken);
            return true;
        }
        catch (System.Net.Sockets.SocketException)
        {
            return false;
        }
    }

    /// <summary>Polls /healthz (and the HTTPS port, when there is one) until it answers, the process dies, or the bound passes.</summary>
    public async Task WaitUntilHealthyAsync(TimeSpan within)
    {
        using var timeout = new CancellationTokenSource(within);
        while (true)
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"Phone.Web exited with {_process.ExitCode}.\n{Output}");
            }
            try
            {
                using var response = await Client.GetAsync("/healthz", timeout.Token);
                // Kestrel binds its endpoints one after another and serves the first while it binds
                // the next: healthy over HTTP is not yet listening on HTTPS.
                if (response.IsSuccessStatusCode && (HttpsAddress is null || await AcceptsAsync(HttpsAddress, timeout.Token)))
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }
            catch (OperationCanceledException)
            {
                throw new TimeoutException($"Phone.Web not healthy within {within}.\n{Output}");
            }
            // A connection refused comes back at once; pace the retries (bounded by the timeout above).
            await Task.Delay(50, timeout.Token).ConfigureAwait(false);
        }
    }

    /// <summary>Waits for the process to end by itself (a start-up that fails); returns its exit code.</summary>
    public async Task<int> WaitForExitAsync(TimeSpan within)
    {
        using var timeout = new CancellationTokenSource(within);
        try
        {
            await _process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            throw new TimeoutException($"Phone.Web still running after {within}.\n{Output}");
        }
        return _process.ExitCode;
    }

    /// <summary>SIGKILL: no shutdown code runs, as on a power cut.</summary>
    public async Task KillAsync()
    {
        _process.Kill(entireProcessTree: false);
        await _process.WaitForExitAsync();
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
        Client.Dispose();
        if (!_process.HasExited)
        {
            _process.Kill();
            await _process.WaitForExitAsync();
        }
        _process.Dispose();
    }
}
