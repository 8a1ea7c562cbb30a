using System.Text.Json.Serialization;

namespace Phone.SipCore.SyncLog;

/// <summary>Source-generated JSON for <see cref="StatusPhrase"/>'s encoded form (no reflection on the SIP core's paths).</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase)]
[JsonSerializable(typeof(StatusPhrase.Encoded))]
internal sealed partial class StatusPhraseJson : JsonSerializerContext;
