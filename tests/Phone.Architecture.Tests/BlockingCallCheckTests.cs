namespace Phone.Architecture.Tests;

/// <summary>The blocking-call checks themselves: what they find, and what they leave alone.</summary>
public sealed class BlockingCallCheckTests
{
    private const string Fixtures = "Phone.Architecture.Tests.BlockingFixtures::";

    [Fact]
    public void The_IL_scan_finds_every_blocking_form_and_skips_await()
    {
        var found = BlockingCallScanner.Scan(typeof(BlockingFixtures).Assembly.Location)
            .Where(o => o.StartsWith(Fixtures, StringComparison.Ordinal))
            .Select(o => WithoutCompiledName(o[Fixtures.Length..]))
            .ToList();

        string[] expected =
        [
            "GetResultConfigured calls System.Runtime.CompilerServices.ConfiguredTaskAwaitable+ConfiguredTaskAwaiter.GetResult()",
            "GetResultConfiguredOfT calls System.Runtime.CompilerServices.ConfiguredTaskAwaitable`1+ConfiguredTaskAwaiter.GetResult()",
            "GetResultConfiguredValueTask calls System.Runtime.CompilerServices.ConfiguredValueTaskAwaitable+ConfiguredValueTaskAwaiter.GetResult()",
            "GetResultConfiguredValueTaskOfT calls System.Runtime.CompilerServices.ConfiguredValueTaskAwaitable`1+ConfiguredValueTaskAwaiter.GetResult()",
            "GetResultOfTask calls System.Runtime.CompilerServices.TaskAwaiter.GetResult()",
            "GetResultOfTaskOfT calls System.Runtime.CompilerServices.TaskAwaiter`1.GetResult()",
            "GetResultOfValueTask calls System.Runtime.CompilerServices.ValueTaskAwaiter.GetResult()",
            "GetResultOfValueTaskOfT calls System.Runtime.CompilerServices.ValueTaskAwaiter`1.GetResult()",
            "ResultInContinuation calls System.Threading.Tasks.Task`1.Result",
            "ResultInsideAsync calls System.Threading.Tasks.Task`1.Result",
            "ResultOfTask calls System.Threading.Tasks.Task`1.Result",
            "ResultOfValueTask calls System.Threading.Tasks.ValueTask`1.Result",
            "WaitAll calls System.Threading.Tasks.Task.WaitAll(ReadOnlySpan<Task>)",
            "WaitAny calls System.Threading.Tasks.Task.WaitAny(Task[])",
            "WaitOnTask calls System.Threading.Tasks.Task.Wait()",
            "WaitWithTimeout calls System.Threading.Tasks.Task.Wait(TimeSpan)",
        ];
        Assert.Equal(expected, found);
    }

    [Fact]
    public void The_IL_scan_names_a_lambda_by_the_method_it_is_written_in()
    {
        var found = BlockingCallScanner.Scan(typeof(BlockingFixtures).Assembly.Location)
            .Single(o => o.StartsWith(Fixtures + "ResultInContinuation", StringComparison.Ordinal));

        // The compiler's own name follows, so the IL can be found too.
        Assert.Matches(@"^\S+::ResultInContinuation \(<>c::<ResultInContinuation>b__\d+_\d+\) calls ", found);
    }

    /// <summary>"M (compiled::name) calls X" -> "M calls X": the compiler's numbering changes with any edit.</summary>
    private static string WithoutCompiledName(string offender) =>
        System.Text.RegularExpressions.Regex.Replace(offender, @"^(\S+) \([^)]*\) calls ", "$1 calls ");

    [Theory]
    [InlineData("_work.Writer.WriteAsync(work).AsTask().GetAwaiter().GetResult();")]
    [InlineData("var ok = _queue.InvokeAsync(() => Apply(d)).Wait(TimeSpan.FromSeconds(2));")]
    [InlineData("task.Wait(TimeSpan.FromSeconds(2));")]
    [InlineData("StartAsync(token).Wait();")]
    [InlineData("Task.WaitAll(a, b);")]
    [InlineData("var x = LoadAsync(id, ct).Result;")]
    [InlineData("var y = channel.Writer.WriteAsync(item).AsTask().Result;")]
    public void The_source_grep_finds_blocking_forms(string line)
    {
        Assert.Single(BlockingCallGrep.ScanFile("x.cs", ["class C", "{", line, "}"]));
    }

    [Fact]
    public void The_source_grep_finds_the_task_result_inside_a_continuation()
    {
        string[] lines =
        [
            "_ = transaction.Completion.ContinueWith(t =>",
            "{",
            "    var response = t.Result.Response;",
            "});",
        ];

        var found = Assert.Single(BlockingCallGrep.ScanFile("x.cs", lines));
        Assert.StartsWith("x.cs:3:", found, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("var parsed = SipParser.TryParse(data); if (!parsed.Success) return;")]
    [InlineData("SipParseResult result = SipParseResult.Fail(error);")]
    [InlineData("public static SipParseError Validate(in StartLineParser.Result start)")]
    [InlineData("var result = selected.GetResult();")]
    [InlineData("var status = outcome.Result;")]
    [InlineData("await semaphore.WaitAsync(ct).ConfigureAwait(false);")]
    [InlineData("_gate.Wait();")]
    [InlineData("// never write task.GetAwaiter().GetResult() here")]
    [InlineData("/// <summary>Blocks with .Wait(TimeSpan) no more.</summary>")]
    [InlineData("var text = await ReadAsync(ct).ConfigureAwait(false);")]
    public void The_source_grep_leaves_other_results_and_waits_alone(string line)
    {
        Assert.Empty(BlockingCallGrep.ScanFile("x.cs", ["class C", "{", line, "}"]));
    }
}
