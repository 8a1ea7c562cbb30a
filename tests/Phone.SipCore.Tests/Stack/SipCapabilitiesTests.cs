using Phone.SipCore.Stack;

namespace Phone.SipCore.Tests.Stack;

public sealed class SipCapabilitiesTests
{
    [Fact]
    public void Overlapping_usages_are_counted_and_each_change_shows_in_the_header_values()
    {
        var capabilities = new SipCapabilities();
        Assert.Equal("ACK, CANCEL, OPTIONS", capabilities.Allow);
        Assert.Null(capabilities.AllowEvents);

        var subscription = capabilities.Add(["NOTIFY"], ["as-feature-event"]);
        var calls = capabilities.Add(["INVITE", "notify"], ["dialog", "AS-FEATURE-EVENT"]);
        Assert.Equal("ACK, CANCEL, OPTIONS, INVITE, NOTIFY", capabilities.Allow);
        Assert.Equal("as-feature-event, dialog", capabilities.AllowEvents);

        // The package both took stays while one of them still holds it.
        subscription.Dispose();
        Assert.Equal("ACK, CANCEL, OPTIONS, INVITE, NOTIFY", capabilities.Allow);
        Assert.Equal("as-feature-event, dialog", capabilities.AllowEvents);

        calls.Dispose();
        calls.Dispose(); // a second dispose takes nothing away twice
        Assert.Equal("ACK, CANCEL, OPTIONS", capabilities.Allow);
        Assert.Null(capabilities.AllowEvents);
    }
}
