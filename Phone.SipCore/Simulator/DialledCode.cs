namespace Phone.SipCore.Simulator;

/// <summary>The last code a user dialled, what the simulated PBX made of it and how it answered.</summary>
/// <param name="Dialled">The Request-URI user, unescaped (e.g. <c>*712424</c>).</param>
/// <param name="Meaning">"ForwardAlways on to 2424", "unknown code"...</param>
/// <param name="Status">The final status the INVITE got (200, 403, 404).</param>
public sealed record DialledCode(string Dialled, string Meaning, int Status, DateTimeOffset At);
