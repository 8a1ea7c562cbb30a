namespace Phone.SipCore.Messages;

/// <summary>One ";name=value" (or valueless ";name") parameter, value unquoted.</summary>
public readonly record struct SipParameter(string Name, string? Value);
