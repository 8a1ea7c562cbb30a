using Microsoft.AspNetCore.DataProtection;

namespace Phone.Storage;

/// <summary>
/// Encrypts SIP passwords at rest with ASP.NET Data Protection. The purpose string isolates
/// these ciphertexts from any other protected payload of the application.
/// </summary>
public sealed class SipPasswordProtector(IDataProtectionProvider provider)
{
    private const string Purpose = "Phone.Storage.SipPassword.v1";

    private readonly IDataProtector _protector = provider.CreateProtector(Purpose);

    public string Protect(string password)
    {
        ArgumentNullException.ThrowIfNull(password);
        return _protector.Protect(password);
    }

    public string Unprotect(string protectedPassword)
    {
        ArgumentNullException.ThrowIfNull(protectedPassword);
        return _protector.Unprotect(protectedPassword);
    }
}
