using System.Text;
using Phone.Storage.Lines;
using Phone.Storage.Profiles;

namespace Phone.Storage.ConfigFile;

/// <summary>
/// Writes the provisioning file: every line (<c>SIP&lt;n&gt; Key :value</c>) and every PBX
/// profile (<c>PBX&lt;id&gt; Key :value</c>). Passwords are never written.
/// </summary>
public sealed class ConfigFileExporter(LineRepository lines, PbxProfileRepository profiles)
{
    public async Task<string> ExportAsync(CancellationToken cancellationToken = default)
    {
        var writer = new StringWriter { NewLine = "\n" };
        await ExportAsync(writer, cancellationToken).ConfigureAwait(false);
        return writer.ToString();
    }

    public async Task ExportAsync(TextWriter writer, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(writer);
        var allLines = await lines.GetAllAsync(cancellationToken).ConfigureAwait(false);
        var allProfiles = await profiles.GetAllAsync(cancellationToken).ConfigureAwait(false);
        var text = new StringBuilder();

        text.Append("--").Append(ConfigFileSyntax.LineSection).Append("-- :\n");
        foreach (var line in allLines)
        {
            var settings = line.ToSettings();
            foreach (var key in ConfigFileKeys.Line)
            {
                if (key.Export(settings) is { } value)
                {
                    text.Append(ConfigFileSyntax.LinePrefix).Append(line.Number).Append(' ').Append(key.Name)
                        .Append(" :").Append(value).Append('\n');
                }
            }
        }

        text.Append("--").Append(ConfigFileSyntax.ProfileSection).Append("-- :\n");
        foreach (var profile in allProfiles)
        {
            foreach (var key in ConfigFileKeys.Profile)
            {
                if (key.Export(profile) is { } value)
                {
                    text.Append(ConfigFileSyntax.ProfilePrefix).Append(profile.Id).Append(' ').Append(key.Name)
                        .Append(" :").Append(value).Append('\n');
                }
            }
        }
        cancellationToken.ThrowIfCancellationRequested();
        await writer.WriteAsync(text, cancellationToken).ConfigureAwait(false);
    }
}
