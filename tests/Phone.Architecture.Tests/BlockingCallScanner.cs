using Mono.Cecil;
using Mono.Cecil.Cil;

namespace Phone.Architecture.Tests;

/// <summary>
/// Finds, in an assembly's IL, calls that block a thread on a task: Task.Wait/WaitAll/WaitAny,
/// Task&lt;T&gt;.Result, ValueTask&lt;T&gt;.Result and GetResult on any task awaiter.
/// <para>
/// <c>await</c> itself compiles to awaiter.GetResult() inside a compiler-generated async state
/// machine (a type implementing IAsyncStateMachine), after the awaiter reports completion, so
/// awaiter GetResult calls there are not blocking and are skipped. Task.Wait and .Result are
/// reported even there: the compiler never writes them, so a person did.
/// </para>
/// </summary>
internal static class BlockingCallScanner
{
    private const string AsyncStateMachine = "System.Runtime.CompilerServices.IAsyncStateMachine";
    private const string Tasks = "System.Threading.Tasks.";
    private const string CompilerServices = "System.Runtime.CompilerServices.";

    /// <summary>Declaring type (open generic, Cecil spelling) -> blocking members.</summary>
    private static readonly Dictionary<string, string[]> BlockingMembers = new(StringComparer.Ordinal)
    {
        [Tasks + "Task"] = ["Wait", "WaitAll", "WaitAny"],
        [Tasks + "Task`1"] = ["get_Result"],
        [Tasks + "ValueTask`1"] = ["get_Result"],
    };

    /// <summary>Awaiters whose GetResult blocks until the task completes.</summary>
    private static readonly HashSet<string> Awaiters = new(StringComparer.Ordinal)
    {
        CompilerServices + "TaskAwaiter",
        CompilerServices + "TaskAwaiter`1",
        CompilerServices + "ValueTaskAwaiter",
        CompilerServices + "ValueTaskAwaiter`1",
        CompilerServices + "ConfiguredTaskAwaitable/ConfiguredTaskAwaiter",
        CompilerServices + "ConfiguredTaskAwaitable`1/ConfiguredTaskAwaiter",
        CompilerServices + "ConfiguredValueTaskAwaitable/ConfiguredValueTaskAwaiter",
        CompilerServices + "ConfiguredValueTaskAwaitable`1/ConfiguredValueTaskAwaiter",
    };

    /// <summary>One line per offending call: "Type::Method calls Callee".</summary>
    public static IReadOnlyList<string> Scan(string assemblyPath)
    {
        var offenders = new List<string>();
        using var module = ModuleDefinition.ReadModule(assemblyPath, new ReaderParameters { ReadSymbols = false });
        foreach (var type in module.GetTypes())
        {
            var isStateMachine = type.Interfaces.Any(i => i.InterfaceType.FullName == AsyncStateMachine);
            foreach (var method in type.Methods.Where(m => m.HasBody))
            {
                foreach (var instruction in method.Body.Instructions)
                {
                    if (instruction.OpCode.Code is not (Code.Call or Code.Callvirt or Code.Ldftn or Code.Ldvirtftn)
                        || instruction.Operand is not MethodReference callee)
                    {
                        continue;
                    }
                    var declaring = callee.DeclaringType.GetElementType().FullName;
                    var isAwaiterResult = callee.Name == "GetResult" && Awaiters.Contains(declaring);
                    var isBlockingMember = BlockingMembers.TryGetValue(declaring, out var members) && members.Contains(callee.Name);
                    if (isBlockingMember || (isAwaiterResult && !isStateMachine))
                    {
                        offenders.Add($"{SourceName(type, method)} calls {Describe(callee, declaring)}");
                    }
                }
            }
        }
        return offenders.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
    }

    /// <summary>
    /// Type::Method as a person wrote it: a lambda, local function or state machine is named by
    /// the method it sits in, with the compiler's name after it.
    /// </summary>
    private static string SourceName(TypeDefinition type, MethodDefinition method)
    {
        var owner = type;
        while (owner.DeclaringType is not null && IsCompilerGenerated(owner))
        {
            owner = owner.DeclaringType;
        }
        var ownerName = owner.FullName.Replace('/', '+');
        // <Outer>b__12_0 (lambda), <Outer>g__Local|12_0 (local function), <Outer>d__12::MoveNext (state machine).
        var source = Inner(method.Name) ?? (IsCompilerGenerated(type) ? Inner(type.Name) : null) ?? method.Name;
        var compiled = ReferenceEquals(owner, type) && method.Name == source ? "" : $" ({type.Name}::{method.Name})";
        return $"{ownerName}::{source}{compiled}";
    }

    /// <summary>"Outer" of a compiler-generated "&lt;Outer&gt;..." name; null for other names and "&lt;&gt;c".</summary>
    private static string? Inner(string name)
    {
        var close = name.IndexOf('>', StringComparison.Ordinal);
        return name.StartsWith('<') && close > 1 ? name[1..close] : null;
    }

    private static bool IsCompilerGenerated(TypeDefinition type) =>
        type.Name.StartsWith('<') || type.CustomAttributes.Any(a =>
            a.AttributeType.FullName == CompilerServices + "CompilerGeneratedAttribute");

    /// <summary>C#-like short name: TimeSpan, Task[], ReadOnlySpan&lt;Task&gt;.</summary>
    private static string ShortName(TypeReference type)
    {
        if (type is GenericInstanceType generic)
        {
            var name = generic.ElementType.Name;
            var tick = name.IndexOf('`', StringComparison.Ordinal);
            return $"{(tick < 0 ? name : name[..tick])}<{string.Join(", ", generic.GenericArguments.Select(ShortName))}>";
        }
        return type is ArrayType array ? ShortName(array.ElementType) + "[]" : type.Name;
    }

    private static string Describe(MethodReference callee, string declaring)
    {
        var parameters = string.Join(", ", callee.Parameters.Select(p => ShortName(p.ParameterType)));
        var name = callee.Name.StartsWith("get_", StringComparison.Ordinal) ? callee.Name[4..] : $"{callee.Name}({parameters})";
        return $"{declaring.Replace('/', '+')}.{name}";
    }
}
