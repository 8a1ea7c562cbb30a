using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Phone.SipCore.Transport;

namespace Phone.SipCore.Hosting;

public static class SipCoreHostingExtensions
{
    /// <summary>
    /// Registers the SIP core: listen options from <c>FeatureSync:Sip:Address</c> and
    /// <c>FeatureSync:Sip:Port</c>, the listener, and the hosted service that starts it.
    /// </summary>
    public static IHostApplicationBuilder AddPhoneSipCore(this IHostApplicationBuilder builder)
    {
        var options = SipListenOptions.Parse(
            builder.Configuration["FeatureSync:Sip:Address"],
            builder.Configuration["FeatureSync:Sip:Port"]);
        builder.Services.AddSingleton(options);
        builder.Services.TryAddSingleton(TimeProvider.System);
        builder.Services.AddSingleton<SipListener>();
        builder.Services.AddSingleton<Lines.LineStatusFeed>();
        builder.Services.AddSingleton<Lines.ILineStatusFeed>(sp => sp.GetRequiredService<Lines.LineStatusFeed>());
        builder.Services.AddHostedService<SipCoreHostedService>();
        return builder;
    }
}
