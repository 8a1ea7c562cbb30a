using System.Net;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Phone.TestSupport;
using Phone.Web.Security;

namespace Phone.Web.Tests.Security;

/// <summary>The login throttle holds when the guesses arrive all at once.</summary>
public sealed class ParallelSignInTests
{
    private const int Parallel = 20;

    [Fact]
    public async Task Twenty_parallel_wrong_basic_passwords_are_hashed_at_most_five_times_and_the_rest_get_429()
    {
        var hasher = new CountingPasswordHasher();
        using var factory = Counting(hasher);
        using var client = factory.CreateAnonymousClient();
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/healthz")).StatusCode);
        Assert.Equal(0, hasher.Evaluations);

        var responses = await Task.WhenAll(Enumerable.Range(0, Parallel).Select(async i =>
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, "/api/status");
            request.Headers.Authorization = PhoneWebFactory.BasicHeader(password: $"wrong-{i}");
            return (await client.SendAsync(request)).StatusCode;
        }));

        Assert.InRange(hasher.Evaluations, 1, LoginThrottle.MaxFailures);
        Assert.Equal(hasher.Evaluations, responses.Count(s => s == HttpStatusCode.Unauthorized));
        Assert.Equal(Parallel - hasher.Evaluations, responses.Count(s => s == HttpStatusCode.TooManyRequests));
    }

    [Fact]
    public async Task Twenty_parallel_wrong_form_passwords_are_hashed_at_most_five_times()
    {
        var hasher = new CountingPasswordHasher();
        using var factory = Counting(hasher);
        using var client = factory.CreateClient(new() { AllowAutoRedirect = false, HandleCookies = true });
        // One antiforgery cookie first, so the twenty forms carry tokens for the same cookie.
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/login")).StatusCode);

        var responses = await Task.WhenAll(Enumerable.Range(0, Parallel)
            .Select(i => PhoneWebFactory.PostLoginAsync(client, PhoneWebFactory.AdminUser, $"wrong-{i}")));

        Assert.InRange(hasher.Evaluations, 1, LoginThrottle.MaxFailures);
        Assert.Equal(Parallel - hasher.Evaluations, responses.Count(r => r.StatusCode == HttpStatusCode.TooManyRequests));
        Assert.DoesNotContain(responses, r => r.StatusCode == HttpStatusCode.Redirect);
    }

    [Fact]
    public async Task A_remembered_right_password_takes_no_place_so_parallel_scripts_are_not_refused()
    {
        var hasher = new CountingPasswordHasher();
        using var factory = Counting(hasher);
        using var client = factory.CreateAdminClient();
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/status")).StatusCode);

        var responses = await Task.WhenAll(Enumerable.Range(0, Parallel).Select(_ => client.GetAsync("/api/status")));

        Assert.All(responses, r => Assert.Equal(HttpStatusCode.OK, r.StatusCode));
        Assert.Equal(1, hasher.Evaluations);
    }

    private static PhoneWebFactory Counting(CountingPasswordHasher hasher) =>
        new PhoneWebFactory().WithServices(s => s.AddSingleton<IPasswordHasher<AdminAccount>>(hasher));

    [Fact]
    public void Attempts_in_flight_hold_places_until_they_end()
    {
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var throttle = new LoginThrottle(time);
        var address = IPAddress.Parse("192.0.2.9");

        for (var i = 0; i < LoginThrottle.MaxFailures; i++)
        {
            Assert.True(throttle.TryBegin(address, out _));
        }
        Assert.False(throttle.TryBegin(address, out var busy));
        Assert.Equal(LoginThrottle.BusyRetry, busy);
        Assert.True(throttle.TryBegin(IPAddress.Parse("192.0.2.10"), out _));

        // One right password frees its place and forgets the failures; the others still count.
        throttle.End(address, succeeded: true);
        Assert.True(throttle.TryBegin(address, out _));
        for (var i = 0; i < LoginThrottle.MaxFailures; i++)
        {
            throttle.End(address, succeeded: false);
        }
        Assert.Equal(LoginThrottle.Window, throttle.RetryAfter(address));
        Assert.False(throttle.TryBegin(address, out var blocked));
        Assert.Equal(LoginThrottle.Window, blocked);

        time.Advance(LoginThrottle.Window);
        Assert.True(throttle.TryBegin(address, out _));
    }
}
