using System.Collections.Concurrent;
using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Phone.Storage;
using Phone.TestSupport;
using Phone.Web.Sip;
using Phone.Web.Tests.Api;

namespace Phone.Web.Tests.Hosting;

/// <summary>
/// The start logs one line for all lines at Information and each line at Debug: 1,000 console
/// lines written while the lines register cost the start time (performance.md, target 5). A
/// line an admin changes later still gets its own Information line.
/// </summary>
public sealed class LineStartLogTests
{
    private readonly string _data = Path.Combine(Path.GetTempPath(), "featuresync-tests", Guid.NewGuid().ToString("N"));

    [Fact]
    public async Task A_start_logs_one_summary_and_each_line_at_debug()
    {
        using (var first = Host(new CapturingLoggerProvider()))
        {
            using var client = first.CreateAdminClient();
            foreach (var (line, enabled) in new[] { (1, true), (2, true), (3, false) })
            {
                var saved = await client.PutJsonAsync($"/api/lines/{line}", new
                {
                    enabled, user = $"200{line}", password = "secret", registrar = "127.0.0.1", port = 9, transport = "udp", expires = 600,
                });
                Assert.Equal(HttpStatusCode.OK, saved.StatusCode);
            }
        }

        var log = new CapturingLoggerProvider();
        using (var restarted = Host(log))
        {
            using var client = restarted.CreateAdminClient();
            Assert.True((await client.GetAsync("/healthz")).IsSuccessStatusCode);

            var supervisor = log.Entries(typeof(LineSupervisor).FullName!);
            var summary = Assert.Single(supervisor, e => e.Level == LogLevel.Information);
            // Every line slot gets its agent; only the enabled ones register.
            Assert.Equal($"{StorageOptions.DefaultMaxLines} lines started: 2 enabled, 0 of them with feature sync", summary.Message);
            Assert.Equal(StorageOptions.DefaultMaxLines, supervisor.Count(e => e.Level == LogLevel.Debug && e.Message.StartsWith("Line ", StringComparison.Ordinal)));

            // A line the admin changes afterwards is logged at Information, as before.
            var changed = await client.PutJsonAsync("/api/lines/3", new
            {
                enabled = true, user = "2003", password = "secret", registrar = "127.0.0.1", port = 9, transport = "udp", expires = 600,
            });
            Assert.Equal(HttpStatusCode.OK, changed.StatusCode);
            Assert.Contains(log.Entries(typeof(LineSupervisor).FullName!),
                e => e.Level == LogLevel.Information && e.Message.StartsWith("Line 3 started (enabled", StringComparison.Ordinal));
        }
    }

    private PhoneWebFactory Host(CapturingLoggerProvider log) => new PhoneWebFactory()
        .WithSetting("FeatureSync:DataDirectory", _data)
        .WithSetting("Logging:LogLevel:" + typeof(LineSupervisor).FullName, "Debug")
        .WithServices(services => services.AddSingleton<ILoggerProvider>(log));

    private sealed record Entry(string Category, LogLevel Level, string Message);

    /// <summary>Keeps every entry the host's filters let through.</summary>
    private sealed class CapturingLoggerProvider : ILoggerProvider
    {
        private readonly ConcurrentQueue<Entry> _entries = new();

        public IReadOnlyList<Entry> Entries(string category) => _entries.Where(e => e.Category == category).ToList();

        public ILogger CreateLogger(string categoryName) => new Logger(categoryName, _entries);

        public void Dispose()
        {
        }

        private sealed class Logger(string category, ConcurrentQueue<Entry> entries) : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

            public bool IsEnabled(LogLevel logLevel) => true;

            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
                entries.Enqueue(new Entry(category, logLevel, formatter(state, exception)));
        }
    }
}
