using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using Phone.TestSupport;

namespace Phone.Web.Tests.Provisioning;

/// <summary>
/// Debian's nginx (/usr/sbin/nginx, installed by test.sh) as a child process in the foreground,
/// with a generated configuration in its own temporary directory (pid, logs and every temp path
/// inside it): a root of per-device files over HTTP on a free loopback port, Basic auth under
/// <c>/secure/</c> ({PLAIN} user file), and the same root over HTTPS on a second free port with
/// a certificate signed by a CA made here (<see cref="CaCertificatePem"/> is what the phone is handed).
/// Runs without a master process, so it never changes user and never touches the system service.
/// </summary>
public sealed class NginxServer : IAsyncDisposable
{
    public const string Executable = "/usr/sbin/nginx";
    public const string User = "fleet";
    public const string Password = "fleet-pw";

    private readonly Process _process;
    private readonly string _directory;
    private readonly StringBuilder _output = new();

    private NginxServer(Process process, string directory, int httpPort, int httpsPort, string caPem)
    {
        _process = process;
        _directory = directory;
        Http = new Uri($"http://127.0.0.1:{httpPort}/");
        Https = new Uri($"https://127.0.0.1:{httpsPort}/");
        CaCertificatePem = caPem;
    }

    public Uri Http { get; }

    public Uri Https { get; }

    /// <summary>The test CA that signed the HTTPS certificate (for 127.0.0.1 and localhost), as PEM.</summary>
    public string CaCertificatePem { get; }

    public string Root => Path.Combine(_directory, "www");

    /// <summary>Writes a file under the served root, e.g. <c>Put("cfg/desk1.cfg", text)</c>.</summary>
    public void Put(string relativePath, string text)
    {
        var path = Path.Combine(Root, relativePath);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, text);
    }

    /// <summary>The requests nginx logged for a path, as (status) in order.</summary>
    public IReadOnlyList<int> Requests(string path)
    {
        var log = Path.Combine(_directory, "access.log");
        if (!File.Exists(log))
        {
            return [];
        }
        using var stream = new FileStream(log, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
        using var reader = new StreamReader(stream);
        var statuses = new List<int>();
        while (reader.ReadLine() is { } line)
        {
            // log_format plain: "<method> <uri> <status>"
            var parts = line.Split(' ');
            if (parts.Length == 3 && parts[1] == path)
            {
                statuses.Add(int.Parse(parts[2], System.Globalization.CultureInfo.InvariantCulture));
            }
        }
        return statuses;
    }

    public static async Task<NginxServer> StartAsync()
    {
        RequiredTool.SkipUnlessInstalled(Executable, "nginx");
        var directory = Directory.CreateTempSubdirectory("featuresync-nginx-").FullName;
        var caPem = WriteCertificates(directory);
        Directory.CreateDirectory(Path.Combine(directory, "www"));
        File.WriteAllText(Path.Combine(directory, "htpasswd"), $"{User}:{{PLAIN}}{Password}\n");
        var httpPort = FreePort();
        var httpsPort = FreePort();
        while (httpsPort == httpPort)
        {
            httpsPort = FreePort();
        }
        File.WriteAllText(Path.Combine(directory, "nginx.conf"), Config(directory, httpPort, httpsPort));

        var info = new ProcessStartInfo(Executable)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[]
                 {
                     "-g", "daemon off;", "-p", directory + "/", "-c", Path.Combine(directory, "nginx.conf"),
                     "-e", Path.Combine(directory, "error.log"),
                 })
        {
            info.ArgumentList.Add(argument);
        }
        var process = Process.Start(info) ?? throw new InvalidOperationException("nginx did not start");
        var server = new NginxServer(process, directory, httpPort, httpsPort, caPem);
        process.OutputDataReceived += (_, e) => server.Append(e.Data);
        process.ErrorDataReceived += (_, e) => server.Append(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            await server.WaitReadyAsync(TimeSpan.FromSeconds(15));
        }
        catch
        {
            await server.DisposeAsync();
            throw;
        }
        return server;
    }

    private static string Config(string directory, int httpPort, int httpsPort) => $$"""
        master_process off;
        worker_processes 1;
        pid {{directory}}/nginx.pid;
        error_log {{directory}}/error.log info;
        events { worker_connections 64; }
        http {
            client_body_temp_path {{directory}}/client_body_temp;
            proxy_temp_path {{directory}}/proxy_temp;
            fastcgi_temp_path {{directory}}/fastcgi_temp;
            uwsgi_temp_path {{directory}}/uwsgi_temp;
            scgi_temp_path {{directory}}/scgi_temp;
            log_format plain '$request_method $uri $status';
            access_log {{directory}}/access.log plain;
            default_type text/plain;
            charset utf-8;
            server {
                listen 127.0.0.1:{{httpPort}};
                root {{directory}}/www;
                location /secure/ {
                    auth_basic "provisioning";
                    auth_basic_user_file {{directory}}/htpasswd;
                }
            }
            server {
                listen 127.0.0.1:{{httpsPort}} ssl;
                ssl_certificate {{directory}}/server.pem;
                ssl_certificate_key {{directory}}/server.key;
                root {{directory}}/www;
            }
        }
        """;

    /// <summary>Makes the CA and the server certificate (127.0.0.1, localhost) and writes them as PEM; returns the CA's PEM.</summary>
    private static string WriteCertificates(string directory)
    {
        var now = DateTimeOffset.UtcNow;
        using var caKey = RSA.Create(2048);
        var caRequest = new CertificateRequest("CN=FeatureSync Test nginx CA", caKey, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        caRequest.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        caRequest.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, true));
        caRequest.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(caRequest.PublicKey, false));
        using var ca = caRequest.CreateSelfSigned(now.AddDays(-1), now.AddDays(30));

        using var key = RSA.Create(2048);
        var request = new CertificateRequest("CN=localhost", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        var names = new SubjectAlternativeNameBuilder();
        names.AddDnsName("localhost");
        names.AddIpAddress(IPAddress.Loopback);
        request.CertificateExtensions.Add(names.Build());
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, false));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.1")], false));
        using var leaf = request.Create(ca, now.AddDays(-1), now.AddDays(10), RandomNumberGenerator.GetBytes(8));

        var caPem = ca.ExportCertificatePem();
        File.WriteAllText(Path.Combine(directory, "server.pem"), leaf.ExportCertificatePem() + "\n" + caPem + "\n");
        File.WriteAllText(Path.Combine(directory, "server.key"), key.ExportPkcs8PrivateKeyPem() + "\n");
        File.WriteAllText(Path.Combine(directory, "ca.pem"), caPem + "\n");
        return caPem;
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>Polls a TCP connect to both ports until they accept, nginx exits, or the bound passes.</summary>
    private async Task WaitReadyAsync(TimeSpan within)
    {
        using var bound = new CancellationTokenSource(within);
        foreach (var port in new[] { Http.Port, Https.Port })
        {
            while (true)
            {
                if (_process.HasExited)
                {
                    throw new InvalidOperationException($"nginx exited with {_process.ExitCode}.\n{Output}\n{ErrorLog()}");
                }
                using var probe = new TcpClient();
                try
                {
                    await probe.ConnectAsync(IPAddress.Loopback, port, bound.Token);
                    break;
                }
                catch (SocketException)
                {
                    // Not listening yet.
                }
                catch (OperationCanceledException)
                {
                    throw new TimeoutException($"nginx not listening on 127.0.0.1:{port} within {within}.\n{Output}\n{ErrorLog()}");
                }
                try
                {
                    await Task.Delay(20, bound.Token);
                }
                catch (OperationCanceledException)
                {
                    throw new TimeoutException($"nginx not listening on 127.0.0.1:{port} within {within}.\n{Output}\n{ErrorLog()}");
                }
            }
        }
    }

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

    public string ErrorLog()
    {
        var path = Path.Combine(_directory, "error.log");
        try
        {
            return File.Exists(path) ? File.ReadAllText(path) : "";
        }
        catch (IOException)
        {
            return "";
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
            _process.Kill(entireProcessTree: true);
        }
        using (var bound = new CancellationTokenSource(TimeSpan.FromSeconds(10)))
        {
            try
            {
                await _process.WaitForExitAsync(bound.Token);
            }
            catch (OperationCanceledException)
            {
                // Killed; the OS reaps it.
            }
        }
        _process.Dispose();
        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
            // Best effort.
        }
    }
}
