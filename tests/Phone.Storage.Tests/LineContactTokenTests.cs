using Dapper;
using Phone.SipCore.Configuration;
using Phone.SipCore.FeatureSync.Model;
using Phone.Storage.ConfigFile;
using Phone.Storage.Features;
using Phone.Storage.Lines;

namespace Phone.Storage.Tests;

/// <summary>
/// Each line's Contact URI token (<c>;line=k3f9a2</c>): given by storage, distinct, and never
/// changed, because the server keys the line's registration on it.
/// </summary>
public sealed class LineContactTokenTests : IAsyncLifetime
{
    private const string TokenPattern = "^[a-z0-9]{8}$";

    private TestStorage _storage = null!;

    public async ValueTask InitializeAsync() => _storage = await TestStorage.StartAsync();

    public async ValueTask DisposeAsync() => await _storage.DisposeAsync();

    private LineRepository Lines => _storage.Get<LineRepository>();

    [Fact]
    public async Task A_fresh_database_gives_lines_1_to_16_distinct_tokens()
    {
        var all = await Lines.GetAllAsync();

        Assert.Equal(Enumerable.Range(1, 16), all.Select(l => l.Number));
        Assert.All(all, l => Assert.Matches(TokenPattern, l.ContactToken));
        Assert.Equal(16, all.Select(l => l.ContactToken).Distinct(StringComparer.Ordinal).Count());
    }

    [Fact]
    public async Task The_token_survives_saving_the_line_and_reopening_the_database()
    {
        var before = (await Lines.GetAsync(2))!.ContactToken;

        var saved = await Lines.SaveAsync(new LineSettings
        {
            Number = 2, Enabled = true, User = "2001", RegistrarHost = "pbx.example.com", Password = "s3cret",
        });
        await _storage.ReopenAsync();

        Assert.Equal(before, saved.ContactToken);
        Assert.Equal(before, (await _storage.Get<LineRepository>().GetAsync(2))!.ContactToken);
    }

    [Fact]
    public async Task The_tokens_survive_a_config_import_and_changes_of_max_lines()
    {
        var before = await Tokens(Lines);
        var result = await _storage.Get<ConfigFileImporter>().ImportAsync("""
            SIP1 User :2001
            SIP1 Registrar :pbx-a.example.com
            SIP2 User :2001
            SIP2 Registrar :pbx-b.example.com
            """);
        Assert.True(result.Applied, string.Join("\n", result.Errors));
        Assert.Equal(before, await Tokens(Lines));

        await _storage.ReopenAsync(new Dictionary<string, string?> { [StorageOptions.MaxLinesKey] = "20" });
        var raised = await Tokens(_storage.Get<LineRepository>());
        Assert.Equal(before, raised.Take(16));
        Assert.All(raised, t => Assert.Matches(TokenPattern, t));
        Assert.Equal(20, raised.Distinct(StringComparer.Ordinal).Count());

        await _storage.ReopenAsync(new Dictionary<string, string?> { [StorageOptions.MaxLinesKey] = "4" });
        await _storage.ReopenAsync(new Dictionary<string, string?> { [StorageOptions.MaxLinesKey] = "20" });
        Assert.Equal(raised, await Tokens(_storage.Get<LineRepository>()));
    }

    [Fact]
    public async Task A_line_row_first_created_by_a_feature_state_gets_a_token()
    {
        using (var connection = _storage.Database.Open())
        {
            connection.Execute("DELETE FROM line WHERE number = 9;");
        }

        await _storage.Get<FeatureStateRepository>().SaveAsync(9, new FeatureState(FeatureKind.Dnd, true, null, null,
            FeatureStanding.Confirmed, FeatureOrigin.Server, DateTimeOffset.UnixEpoch));

        var token = (await Lines.GetAsync(9))!.ContactToken;
        Assert.Matches(TokenPattern, token);
        Assert.Single(await Lines.GetAllAsync(), l => l.ContactToken == token);
    }

    private static async Task<List<string>> Tokens(LineRepository lines) =>
        (await lines.GetAllAsync()).Select(l => l.ContactToken).ToList();
}
