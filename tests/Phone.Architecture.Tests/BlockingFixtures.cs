using System.Runtime.CompilerServices;

namespace Phone.Architecture.Tests;

/// <summary>
/// Code the blocking-call checks must find (and must not find), compiled into this test
/// assembly so the IL scanner is tested on what the C# compiler really emits. Never run.
/// </summary>
internal static class BlockingFixtures
{
    public static void WaitOnTask(Task task) => task.Wait();

    public static bool WaitWithTimeout(Task task) => task.Wait(TimeSpan.FromSeconds(1));

    public static void WaitAll(Task a, Task b) => Task.WaitAll(a, b);

    public static int WaitAny(Task a, Task b) => Task.WaitAny(a, b);

    public static int ResultOfTask(Task<int> task) => task.Result;

    public static int ResultOfValueTask(ValueTask<int> task) => task.Result;

    public static void GetResultOfTask(Task task) => task.GetAwaiter().GetResult();

    public static int GetResultOfTaskOfT(Task<int> task) => task.GetAwaiter().GetResult();

    public static void GetResultOfValueTask(ValueTask task) => task.GetAwaiter().GetResult();

    public static int GetResultOfValueTaskOfT(ValueTask<int> task) => task.GetAwaiter().GetResult();

    public static void GetResultConfigured(Task task) => task.ConfigureAwait(false).GetAwaiter().GetResult();

    public static int GetResultConfiguredOfT(Task<int> task) => task.ConfigureAwait(false).GetAwaiter().GetResult();

    public static void GetResultConfiguredValueTask(ValueTask task) => task.ConfigureAwait(false).GetAwaiter().GetResult();

    public static int GetResultConfiguredValueTaskOfT(ValueTask<int> task) => task.ConfigureAwait(false).GetAwaiter().GetResult();

    public static Task<int> ResultInContinuation(Task<int> task) => task.ContinueWith(t => t.Result + 1, TaskScheduler.Default);

    /// <summary>await compiles to awaiter.GetResult() in a state machine: not an offender.</summary>
    public static async Task<int> AwaitIsFine(Task<int> task, ValueTask<int> other) =>
        await task.ConfigureAwait(false) + await other.ConfigureAwait(false) + await task;

    /// <summary>Result inside an async method is still a blocking read, state machine or not.</summary>
    public static async Task<int> ResultInsideAsync(Task<int> first, Task<int> second)
    {
        await Task.Yield();
        return first.Result + await second.ConfigureAwait(false);
    }

    /// <summary>Not a task: a Result property of another type is never an offender.</summary>
    public static int ResultOfSomethingElse(StrongBox<int> box, Lazy<int> lazy) => box.Value + lazy.Value;
}
