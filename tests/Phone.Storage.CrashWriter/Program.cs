using Phone.SipCore.Lines;
using System.Globalization;
using Phone.SipCore.Configuration;
using Phone.SipCore.FeatureSync.Model;
using Phone.Storage;
using Phone.Storage.Features;
using Phone.Storage.Logs;

// Usage: Phone.Storage.CrashWriter <data directory> <line count>
// Each iteration commits one feature-state row and one sync-log row, then prints the
// sequence number: a printed number is a promise that both rows are committed.
if (args.Length != 2)
{
    Console.Error.WriteLine("usage: Phone.Storage.CrashWriter <data directory> <line count>");
    return 2;
}
var lines = int.Parse(args[1], CultureInfo.InvariantCulture);
var database = new PhoneDatabase(args[0]);
database.Initialize();
var options = new StorageOptions { MaxLines = lines, SyncLogCapacity = 10_000_000 };
var states = new FeatureStateRepository(database, options, new FeatureStateValidator(), TimeProvider.System);
var log = new SyncLogRepository(database, options);
Console.WriteLine("ready");

for (long sequence = 1; ; sequence++)
{
    var line = (int)(sequence % lines) + 1;
    var text = sequence.ToString(CultureInfo.InvariantCulture);
    var now = DateTimeOffset.UtcNow;
    await states.SaveAsync(line, new FeatureState(FeatureKind.ForwardAlways, sequence % 2 == 0, "2424", null,
        FeatureStanding.Confirmed, FeatureOrigin.Server, now, text));
    await log.AppendAsync(new SyncLogEntry(now, line, SyncLogKind.Feature, FeatureOrigin.Server, SyncOutcome.Success, text));
    // Unbuffered line by line, so the parent never sees a number before it is committed.
    Console.WriteLine(text);
}
