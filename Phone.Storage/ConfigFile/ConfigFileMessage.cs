namespace Phone.Storage.ConfigFile;

/// <summary>An error or warning about one line of a config file (1-based; 0 for the whole file).</summary>
public sealed record ConfigFileMessage(int LineNumber, string Message)
{
    public override string ToString() => LineNumber > 0 ? $"line {LineNumber}: {Message}" : Message;
}
