using System.Globalization;

namespace Phone.SipCore.FeatureSync.Documents;

/// <summary>
/// Turns a root name and its children's text into a document, or the reason it is refused.
/// Both readers (<see cref="FlatFeatureXml"/> and the XmlReader path) end here, so a value error
/// such as a bad boolean reads the same whichever of them scanned the markup.
/// </summary>
internal static class FeatureDocumentBuilder
{
    public static FeatureDocumentResult Build(string root, in FeatureFields f)
    {
        // Device is set in each initializer, not by a `with` afterwards, which would copy the record.
        var device = f.Device ?? "";
        try
        {
            FeatureDocument document = root switch
            {
                DoNotDisturbEvent.Name => new DoNotDisturbEvent(Bool(f.DoNotDisturbOn, "doNotDisturbOn")) { Device = device },
                SetDoNotDisturb.Name => new SetDoNotDisturb(Bool(f.DoNotDisturbOn, "doNotDisturbOn")) { Device = device },
                ForwardingEvent.Name => new ForwardingEvent(
                    Type(f.ForwardingType), Bool(f.ForwardStatus, "forwardStatus"), Text(f.ForwardTo), RingCount(f.RingCount)) { Device = device },
                SetForwarding.Name => new SetForwarding(
                    Type(f.ForwardingType), Bool(f.ActivateForward, "activateForward"), Text(f.ForwardDn), RingCount(f.RingCount)) { Device = device },
                _ => new UnknownDocument(root) { Device = device },
            };
            return FeatureDocumentResult.Ok(document);
        }
        catch (FormatException ex)
        {
            return FeatureDocumentResult.Fail($"{root}: {ex.Message}");
        }
    }

    private static bool Bool(string? text, string name)
    {
        if (text is null)
        {
            throw new FormatException($"<{name}> is missing");
        }
        return text.ToLowerInvariant() switch
        {
            "true" or "1" => true,
            "false" or "0" => false,
            _ => throw new FormatException($"<{name}> is '{Clip(text)}', expected true or false"),
        };
    }

    private static ForwardingType Type(string? text)
    {
        if (text is null)
        {
            throw new FormatException("<forwardingType> is missing");
        }
        return FeatureXml.TryParseForwardingType(text, out var type)
            ? type
            : throw new FormatException($"<forwardingType> '{Clip(text)}' is not forwardImmediate, forwardBusy or forwardNoAns");
    }

    private static string? Text(string? text) => text is { Length: > 0 } ? text : null;

    /// <summary>Missing or empty means "not given" (null): the known ring count stays.</summary>
    private static int? RingCount(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return null;
        }
        if (!int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var count))
        {
            throw new FormatException($"<ringCount> '{Clip(text)}' is not a number");
        }
        return count <= FeatureXml.MaxRingCount
            ? count
            : throw new FormatException($"<ringCount> {count} is outside 0..{FeatureXml.MaxRingCount}");
    }

    /// <summary>Keeps hostile values short in log lines.</summary>
    private static string Clip(string text) => text.Length <= 40 ? text : text[..40] + "...";
}
