using Microsoft.Extensions.Hosting;
using Phone.SipCore.Transport;

namespace Phone.SipCore.Hosting;

/// <summary>Starts the SIP listener with the host and closes it on shutdown.</summary>
internal sealed class SipCoreHostedService(SipListener listener) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        listener.Start();
        return Task.CompletedTask;
    }

    public async Task StopAsync(CancellationToken cancellationToken) => await listener.DisposeAsync();
}
