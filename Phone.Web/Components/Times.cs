using System.Globalization;

namespace Phone.Web.Components;

/// <summary>How pages show times: the server's local time, to the second, the same in every language.</summary>
public static class Times
{
    public static string Show(DateTimeOffset time) =>
        time.ToLocalTime().ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture);
}
