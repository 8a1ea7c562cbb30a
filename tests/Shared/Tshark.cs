using System.Diagnostics;

namespace Phone.TestSupport;

/// <summary>
/// Debian's tshark reading a capture file, as Wireshark would dissect it: checksums verified,
/// one line per packet with the asked fields separated by '|'.
/// </summary>
public static class Tshark
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(60);

    /// <summary>tshark's fields (e.g. <c>sip.Method</c>) for every packet of <paramref name="file"/>, in order.</summary>
    public static async Task<IReadOnlyList<string[]>> FieldsAsync(string file, params string[] fields)
    {
        var info = new ProcessStartInfo("tshark")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var arg in new[]
                 {
                     "-r", file, "-n",
                     "-o", "ip.check_checksum:TRUE", "-o", "udp.check_checksum:TRUE", "-o", "tcp.check_checksum:TRUE",
                     "-T", "fields", "-E", "separator=|", "-E", "occurrence=f",
                 })
        {
            info.ArgumentList.Add(arg);
        }
        foreach (var field in fields)
        {
            info.ArgumentList.Add("-e");
            info.ArgumentList.Add(field);
        }
        using var process = Process.Start(info) ?? throw new InvalidOperationException("tshark did not start; is the tshark package installed?");
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        using var bound = new CancellationTokenSource(Bound);
        await process.WaitForExitAsync(bound.Token);
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"tshark failed ({process.ExitCode}): {await errors}");
        }
        return (await output).Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.TrimEnd('\r').Split('|')).ToList();
    }

    /// <summary>What tshark dissects as SIP, one item per message: the method of a request, the status code of a response.</summary>
    public static async Task<IReadOnlyList<string>> SipSequenceAsync(string file)
    {
        var rows = await FieldsAsync(file, "sip.Method", "sip.Status-Code");
        return rows.Select(r => r[0].Length > 0 ? r[0] : r[1]).Where(s => s.Length > 0).ToList();
    }
}
