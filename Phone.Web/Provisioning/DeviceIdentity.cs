using System.Net.NetworkInformation;

namespace Phone.Web.Provisioning;

/// <summary>
/// The phone's MAC address as 12 lower-case hex digits (the first non-loopback interface that
/// is up): the <c>{mac}</c> of the provisioning URL and the default device id, as desk phones
/// name their files (e.g. <c>001565a1b2c3.cfg</c>).
/// </summary>
public sealed class DeviceIdentity
{
    private const string Unknown = "000000000000";

    public string Mac { get; } = FirstMac();

    /// <summary>The id <c>{id}</c> stands for: the configured one, else the MAC.</summary>
    public string DeviceId(string configured) => string.IsNullOrWhiteSpace(configured) ? Mac : configured.Trim();

    private static string FirstMac()
    {
        try
        {
            return NetworkInterface.GetAllNetworkInterfaces()
                .Where(n => n.OperationalStatus == OperationalStatus.Up && n.NetworkInterfaceType != NetworkInterfaceType.Loopback)
                .Select(n => n.GetPhysicalAddress().GetAddressBytes())
                .Where(bytes => bytes.Length == 6 && bytes.Any(b => b != 0))
                .Select(bytes => Convert.ToHexStringLower(bytes))
                .FirstOrDefault() ?? Unknown;
        }
        catch (NetworkInformationException)
        {
            // A container without /sys/class/net still gets an id; the admin can set one.
            return Unknown;
        }
    }
}
