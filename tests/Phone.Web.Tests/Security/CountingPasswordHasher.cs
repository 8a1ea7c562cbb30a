using Microsoft.AspNetCore.Identity;
using Phone.Web.Security;

namespace Phone.Web.Tests.Security;

/// <summary>The real hasher, counting how many times a password was checked against a hash.</summary>
internal sealed class CountingPasswordHasher : IPasswordHasher<AdminAccount>
{
    private readonly PasswordHasher<AdminAccount> _inner = new();
    private int _evaluations;

    public int Evaluations => Volatile.Read(ref _evaluations);

    public string HashPassword(AdminAccount user, string password) => _inner.HashPassword(user, password);

    public PasswordVerificationResult VerifyHashedPassword(AdminAccount user, string hashedPassword, string providedPassword)
    {
        Interlocked.Increment(ref _evaluations);
        return _inner.VerifyHashedPassword(user, hashedPassword, providedPassword);
    }
}
