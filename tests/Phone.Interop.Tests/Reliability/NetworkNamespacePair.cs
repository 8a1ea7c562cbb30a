using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Runtime.InteropServices;

namespace Phone.Interop.Tests.Reliability;

/// <summary>
/// Two network namespaces made by the test, joined by a veth pair with <c>tc netem</c> loss on
/// both ends, so packets are lost both ways while nothing outside the test's own namespaces
/// is touched. Sockets are opened inside a namespace by a short-lived thread that enters it
/// with setns(2): a socket stays in the namespace it was created in, so the rest of the
/// process uses it normally. Needs root (CAP_NET_ADMIN) and iproute2; <see cref="TryCreate"/> returns null,
/// with the step that failed and what it said, when any step fails.
/// </summary>
public sealed class NetworkNamespacePair : IDisposable
{
    private const int CloneNewNet = 0x40000000;
    private static int _counter;

    private NetworkNamespacePair(string a, string b, IPAddress addressA, IPAddress addressB)
    {
        NameA = a;
        NameB = b;
        AddressA = addressA;
        AddressB = addressB;
    }

    public string NameA { get; }

    public string NameB { get; }

    public IPAddress AddressA { get; }

    public IPAddress AddressB { get; }

    /// <summary>
    /// Creates the pair with <paramref name="lossPercent"/> loss on each direction, or null when
    /// namespaces are not possible here; then <paramref name="failure"/> says which step failed and why.
    /// </summary>
    public static NetworkNamespacePair? TryCreate(int lossPercent, out string? failure)
    {
        if (!OperatingSystem.IsLinux())
        {
            failure = "network namespaces need Linux";
            return null;
        }
        // Unique names and a private /30 per pair, so parallel tests and a leftover never collide.
        var id = $"{Environment.ProcessId % 10000}x{Interlocked.Increment(ref _counter)}";
        var subnet = (Environment.ProcessId + _counter) % 250 + 1;
        var a = $"fsA{id}";
        var b = $"fsB{id}";
        var pair = new NetworkNamespacePair(a, b, IPAddress.Parse($"10.213.{subnet}.1"), IPAddress.Parse($"10.213.{subnet}.2"));
        var loss = lossPercent.ToString(CultureInfo.InvariantCulture) + "%";
        string[][] commands =
        [
            ["ip", "netns", "add", a],
            ["ip", "netns", "add", b],
            ["ip", "link", "add", "va", "netns", a, "type", "veth", "peer", "name", "vb", "netns", b],
            ["ip", "-n", a, "addr", "add", $"{pair.AddressA}/30", "dev", "va"],
            ["ip", "-n", b, "addr", "add", $"{pair.AddressB}/30", "dev", "vb"],
            ["ip", "-n", a, "link", "set", "va", "up"],
            ["ip", "-n", b, "link", "set", "vb", "up"],
            ["tc", "-n", a, "qdisc", "add", "dev", "va", "root", "netem", "loss", loss],
            ["tc", "-n", b, "qdisc", "add", "dev", "vb", "root", "netem", "loss", loss],
        ];
        // Loss 0 builds the plumbing only (no netem needed), which proves the namespaces and sockets work.
        foreach (var command in lossPercent == 0 ? commands[..^2] : commands)
        {
            failure = Run(command);
            if (failure is not null)
            {
                pair.Dispose();
                return null;
            }
        }
        failure = null;
        return pair;
    }

    /// <summary>A UDP socket bound to <paramref name="address"/>:0 inside namespace <paramref name="name"/>.</summary>
    public static Socket OpenUdp(string name, IPAddress address)
    {
        Socket? socket = null;
        Exception? error = null;
        var thread = new Thread(() =>
        {
            try
            {
                using var handle = File.OpenHandle($"/var/run/netns/{name}");
                // Only this thread moves; it ends right after, so no other code runs in the namespace.
                if (setns((int)handle.DangerousGetHandle(), CloneNewNet) != 0)
                {
                    throw new InvalidOperationException($"setns failed: errno {Marshal.GetLastPInvokeError()}");
                }
                var s = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
                s.Bind(new IPEndPoint(address, 0));
                socket = s;
            }
            catch (Exception ex)
            {
                error = ex;
            }
        });
        thread.Start();
        thread.Join();
        return socket ?? throw new InvalidOperationException($"could not open a socket in {name}", error);
    }

    /// <summary>netem's counters on both ends (sent, dropped), for the test's output.</summary>
    public string Statistics() =>
        $"{NameA}: {Capture(["tc", "-n", NameA, "-s", "qdisc", "show", "dev", "va"])}\n{NameB}: {Capture(["tc", "-n", NameB, "-s", "qdisc", "show", "dev", "vb"])}";

    private static string Capture(string[] command)
    {
        var info = new ProcessStartInfo(command[0]) { RedirectStandardOutput = true };
        foreach (var arg in command[1..])
        {
            info.ArgumentList.Add(arg);
        }
        using var process = Process.Start(info)!;
        var text = process.StandardOutput.ReadToEnd();
        process.WaitForExit(10_000);
        return text.Trim();
    }

    /// <summary>Runs one command; null when it succeeded, else the command and what it said.</summary>
    private static string? Run(string[] command)
    {
        var info = new ProcessStartInfo(command[0]) { RedirectStandardError = true, RedirectStandardOutput = true };
        foreach (var arg in command[1..])
        {
            info.ArgumentList.Add(arg);
        }
        Process process;
        try
        {
            process = Process.Start(info)!;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return $"'{command[0]}' cannot be started: iproute2 is not installed (./test.sh installs it)";
        }
        using var _ = process;
        if (!process.WaitForExit(10_000))
        {
            process.Kill();
            return $"'{string.Join(' ', command)}' did not finish in 10 s";
        }
        return process.ExitCode == 0 ? null : $"'{string.Join(' ', command)}' exited with {process.ExitCode}: {process.StandardError.ReadToEnd().Trim()}";
    }

    [DllImport("libc", SetLastError = true)]
    private static extern int setns(int fd, int nstype);

    public void Dispose()
    {
        // Deleting a namespace deletes its end of the veth, and with it the peer.
        Run(["ip", "netns", "del", NameA]);
        Run(["ip", "netns", "del", NameB]);
    }
}
