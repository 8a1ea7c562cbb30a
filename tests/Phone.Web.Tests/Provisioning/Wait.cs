namespace Phone.Web.Tests.Provisioning;

/// <summary>Waits for a condition with a bound (never a bare sleep): polls briefly, fails after the bound.</summary>
internal static class Wait
{
    public static Task UntilAsync(Func<bool> condition, int seconds = 10) => UntilAsync(() => Task.FromResult(condition()), seconds);

    public static async Task UntilAsync(Func<Task<bool>> condition, int seconds = 10)
    {
        using var bound = new CancellationTokenSource(TimeSpan.FromSeconds(seconds));
        while (!await condition())
        {
            if (bound.IsCancellationRequested)
            {
                Assert.Fail($"The condition did not hold within {seconds} s.");
            }
            await Task.Delay(20, CancellationToken.None);
        }
    }
}
