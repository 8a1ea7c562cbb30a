using System.Text.Json.Serialization;

namespace Phone.SipCore.SyncLog;

/// <summary>Source-generated JSON for <see cref="StatusPhrase"/>'s and <see cref="ValidationArg"/>'s encoded forms (no reflection on the SIP core's paths).</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase)]
[JsonSerializable(typeof(StatusPhrase.Encoded))]
[JsonSerializable(typeof(ValidationArg.EncodedFailure[]), TypeInfoPropertyName = "EncodedArray")]
internal sealed partial class StatusPhraseJson : JsonSerializerContext;
