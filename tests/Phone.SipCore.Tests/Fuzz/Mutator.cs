namespace Phone.SipCore.Tests.Fuzz;

/// <summary>
/// Deterministic byte-level mutations of a seed input: flips, inserts, deletions, splices, repeats.
/// <paramref name="extraTokens"/> adds fragments worth inserting for one kind of input;
/// <paramref name="maxEdits"/> bounds the edits an input gets (fewer keep more inputs nearly valid).
/// </summary>
internal sealed class Mutator(int seed, byte[][]? extraTokens = null, int maxEdits = 8)
{
    private static readonly byte[][] Tokens =
    [
        "\r\n"u8.ToArray(), ":"u8.ToArray(), ";"u8.ToArray(), ","u8.ToArray(), "<"u8.ToArray(), ">"u8.ToArray(), "\""u8.ToArray(),
        "\\"u8.ToArray(), " "u8.ToArray(), "\t"u8.ToArray(), "%"u8.ToArray(), "Content-Length: 99999\r\n"u8.ToArray(),
        "<!DOCTYPE x [<!ENTITY a \"b\">]>"u8.ToArray(), "&a;"u8.ToArray(), "<![CDATA["u8.ToArray(), "]]>"u8.ToArray(),
        "--boundary1"u8.ToArray(), "\0"u8.ToArray(), [0xFF, 0xFE],
    ];

    private readonly Random _random = new(seed);

    private readonly byte[][] _tokens = extraTokens is null ? Tokens : [.. Tokens, .. extraTokens];

    public byte[] Mutate(byte[] input)
    {
        var data = new List<byte>(input);
        var edits = 1 + _random.Next(maxEdits);
        for (var i = 0; i < edits; i++)
        {
            var at = data.Count == 0 ? 0 : _random.Next(data.Count);
            switch (_random.Next(6))
            {
                case 0 when data.Count > 0:
                    data[at] = (byte)_random.Next(256);
                    break;
                case 1:
                    data.InsertRange(at, _tokens[_random.Next(_tokens.Length)]);
                    break;
                case 2 when data.Count > 0:
                    data.RemoveRange(at, Math.Min(data.Count - at, 1 + _random.Next(16)));
                    break;
                case 3 when data.Count > 0:
                    // Duplicate a slice somewhere else (repeated headers, nested elements).
                    var length = Math.Min(data.Count - at, 1 + _random.Next(64));
                    data.InsertRange(_random.Next(data.Count), data.GetRange(at, length));
                    break;
                case 4 when data.Count > 0:
                    data.RemoveRange(at, data.Count - at); // truncate
                    break;
                default:
                    data.Insert(at, (byte)_random.Next(32)); // control characters
                    break;
            }
        }
        return data.ToArray();
    }
}
