using System.Net;
using System.Net.Sockets;
using Dapper;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Phone.Storage;
using Phone.TestSupport;

namespace Phone.Web.Tests.Api;

/// <summary>
/// Issue 14: the API answers 202 for a feature change only once it is committed to the
/// database, and a change the database cannot store is not acknowledged.
/// </summary>
public sealed class DurableFeatureChangeTests
{
    [Fact]
    public async Task A_202_means_the_change_is_already_in_the_database_file()
    {
        using var factory = new PhoneWebFactory();
        using var client = factory.CreateAdminClient();
        await EnableLocalLineAsync(client);
        using var reader = OpenFile(factory);

        for (var i = 1; i <= 20; i++)
        {
            var target = (30_000 + i).ToString(System.Globalization.CultureInfo.InvariantCulture);
            var response = await client.PostJsonAsync("/api/lines/1/forward/always", new { enabled = true, target });

            Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
            // Read through a separate handle on the file the moment the 202 arrives.
            Assert.Equal(target, reader.ExecuteScalar<string>(
                "SELECT target FROM feature_state WHERE line = 1 AND kind = 'ForwardAlways';"));
        }
    }

    [Fact]
    public async Task A_change_the_database_cannot_store_is_answered_503_naming_the_storage_failure()
    {
        using var factory = new PhoneWebFactory();
        using var client = factory.CreateAdminClient();
        await EnableLocalLineAsync(client);
        using var admin = factory.Services.GetRequiredService<PhoneDatabase>().Open();
        admin.Execute("ALTER TABLE feature_state RENAME TO feature_state_away;");

        var refused = await client.PostJsonAsync("/api/lines/1/dnd", new { enabled = true });

        Assert.Equal(HttpStatusCode.ServiceUnavailable, refused.StatusCode);
        var problem = await refused.ReadNodeAsync();
        Assert.Equal(503, (int)problem["status"]!);
        Assert.Contains("feature_state", (string)problem["detail"]!, StringComparison.Ordinal);

        // Once the database can store again, the next change is acknowledged.
        admin.Execute("ALTER TABLE feature_state_away RENAME TO feature_state;");
        var accepted = await client.PostJsonAsync("/api/lines/1/dnd", new { enabled = false });
        Assert.Equal(HttpStatusCode.Accepted, accepted.StatusCode);
    }

    /// <summary>Line 1 on, feature sync off: a change is executed by the phone and only stored.</summary>
    private static async Task EnableLocalLineAsync(HttpClient client)
    {
        // A registrar port nobody answers on: the line is enabled, its registration just retries.
        using var silent = new UdpClient(new IPEndPoint(IPAddress.Loopback, 0));
        var port = ((IPEndPoint)silent.Client.LocalEndPoint!).Port;
        var put = await client.PutJsonAsync("/api/lines/1", new
        {
            enabled = true, user = "2001", registrar = "127.0.0.1", port, featureSync = false,
        });
        Assert.Equal(HttpStatusCode.OK, put.StatusCode);
    }

    private static SqliteConnection OpenFile(PhoneWebFactory factory)
    {
        var connection = new SqliteConnection(new SqliteConnectionStringBuilder
        {
            DataSource = factory.Services.GetRequiredService<PhoneDatabase>().FilePath,
            Mode = SqliteOpenMode.ReadOnly,
            Pooling = false,
        }.ToString());
        connection.Open();
        return connection;
    }
}
