using Phone.Storage;

namespace Phone.Web.Security;

/// <summary>
/// <c>&lt;data&gt;/initial-admin-password</c>: the generated first password, for whoever set the
/// phone up without watching its console. Readable by the service's user only (0600), written
/// once when the account is created and removed when the password is first changed.
/// </summary>
public sealed class InitialPasswordFile(PhoneDatabase database, ILogger<InitialPasswordFile> logger)
{
    public const string FileName = "initial-admin-password";

    public string Path { get; } = System.IO.Path.Combine(database.DataDirectory, FileName);

    /// <summary>Writes the password; false (logged) when the data directory does not take it.</summary>
    public bool Write(string password)
    {
        ArgumentNullException.ThrowIfNull(password);
        try
        {
            // A file left from an earlier install would keep its old mode: start from none.
            File.Delete(Path);
            var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write, Share = FileShare.None };
            if (!OperatingSystem.IsWindows())
            {
                // Set at creation, so the password is never readable by others, not even briefly.
                options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
            }
            using var stream = new FileStream(Path, options);
            using var writer = new StreamWriter(stream);
            writer.WriteLine(password);
            return true;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            logger.LogWarning("Could not write {File}: {Reason}", Path, ex.Message);
            return false;
        }
    }

    public void Delete()
    {
        try
        {
            File.Delete(Path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // The password it holds no longer works; say so rather than fail the change.
            logger.LogWarning("Could not remove {File}: {Reason}", Path, ex.Message);
        }
    }
}
