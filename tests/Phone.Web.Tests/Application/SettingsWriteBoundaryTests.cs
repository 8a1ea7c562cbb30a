using System.Reflection;
using System.Reflection.Emit;
using Phone.Storage.ConfigFile;
using Phone.Storage.Lines;
using Phone.Storage.Profiles;
using Phone.Web.Application;
using Phone.Web.Sip;

namespace Phone.Web.Tests.Application;

/// <summary>
/// Endpoints and pages write settings only through <see cref="SettingsService"/>: one code path
/// per use case, so a write is never left without its validation or its re-application. Read
/// from the compiled IL, so lambdas, async state machines and Razor components all count.
/// </summary>
public sealed class SettingsWriteBoundaryTests
{
    private static readonly string[] CallerNamespaces = ["Phone.Web.Api", "Phone.Web.Components"];

    [Fact]
    public void No_endpoint_or_page_writes_settings_or_reapplies_lines_itself()
    {
        var offences = CallsInto(CallerNamespaces)
            .Where(c => IsSettingsWrite(c.Callee))
            .Select(c => $"{c.Caller} calls {c.Callee.DeclaringType!.Name}.{c.Callee.Name}")
            .Distinct()
            .ToList();

        Assert.True(offences.Count == 0,
            "Call SettingsService instead of writing or re-applying directly:\n" + string.Join("\n", offences));
    }

    [Fact]
    public void The_check_sees_the_writes_the_service_makes()
    {
        // Without this the first test would pass on a scanner that finds nothing.
        var seen = CallsInto(["Phone.Web.Application"])
            .Where(c => IsSettingsWrite(c.Callee))
            .Select(c => $"{c.Callee.DeclaringType!.Name}.{c.Callee.Name}")
            .ToHashSet();

        Assert.Superset(new HashSet<string>
        {
            "LineRepository.SaveAsync",
            "PbxProfileRepository.CreateAsync",
            "PbxProfileRepository.CreateFromPresetAsync",
            "PbxProfileRepository.UpdateAsync",
            "PbxProfileRepository.DeleteAsync",
            "ConfigFileImporter.ImportAsync",
            "LineSettingsApplier.LinesChangedAsync",
        }, seen);
        Assert.DoesNotContain("LineRepository.GetAsync", seen);
    }

    /// <summary>
    /// A repository method that is not a read, anything on the applier, or the supervisor's
    /// re-apply. An allow-list of reads, so a write method added later is covered too.
    /// </summary>
    private static bool IsSettingsWrite(MethodBase callee)
    {
        var type = callee.DeclaringType;
        if (type == typeof(LineRepository) || type == typeof(PbxProfileRepository) || type == typeof(ConfigFileImporter))
        {
            return !(callee.Name.StartsWith("Get", StringComparison.Ordinal)
                || callee.Name.StartsWith("get_", StringComparison.Ordinal)
                || callee.Name.StartsWith("Validate", StringComparison.Ordinal));
        }
        return type == typeof(LineSettingsApplier)
            || (type == typeof(LineSupervisor) && callee.Name.StartsWith("Apply", StringComparison.Ordinal));
    }

    private static IEnumerable<(string Caller, MethodBase Callee)> CallsInto(string[] namespaces) =>
        from type in typeof(SettingsService).Assembly.GetTypes()
        where namespaces.Any(n => type.Namespace == n || type.Namespace?.StartsWith(n + ".", StringComparison.Ordinal) == true)
        from method in type.GetMethods(AllDeclared).Cast<MethodBase>().Concat(type.GetConstructors(AllDeclared))
        from callee in IlCalls.Of(method)
        select ($"{type.FullName}.{method.Name}", callee);

    private const BindingFlags AllDeclared =
        BindingFlags.DeclaredOnly | BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance | BindingFlags.Static;

    /// <summary>The methods a method body calls, constructs or takes a delegate to.</summary>
    private static class IlCalls
    {
        private static readonly Dictionary<short, OpCode> ByValue = typeof(OpCodes)
            .GetFields(BindingFlags.Public | BindingFlags.Static)
            .Select(f => (OpCode)f.GetValue(null)!)
            .ToDictionary(o => o.Value);

        public static IEnumerable<MethodBase> Of(MethodBase method)
        {
            var il = method.GetMethodBody()?.GetILAsByteArray();
            if (il is null)
            {
                yield break;
            }
            var typeArguments = method.DeclaringType!.IsGenericType ? method.DeclaringType.GetGenericArguments() : null;
            var methodArguments = method.IsGenericMethod ? method.GetGenericArguments() : null;
            for (var at = 0; at < il.Length;)
            {
                // Two-byte opcodes start with 0xFE (ECMA-335 III.1.2.1).
                var value = il[at] == 0xFE ? unchecked((short)(0xFE00 | il[at + 1])) : il[at];
                var opCode = ByValue[value];
                at += opCode.Size;
                if (opCode.OperandType == OperandType.InlineMethod)
                {
                    yield return method.Module.ResolveMethod(BitConverter.ToInt32(il, at), typeArguments, methodArguments)!;
                }
                at += OperandSize(opCode.OperandType, il, at);
            }
        }

        private static int OperandSize(OperandType type, byte[] il, int at) => type switch
        {
            OperandType.InlineNone => 0,
            OperandType.ShortInlineBrTarget or OperandType.ShortInlineI or OperandType.ShortInlineVar => 1,
            OperandType.InlineVar => 2,
            OperandType.InlineI8 or OperandType.InlineR => 8,
            OperandType.InlineSwitch => 4 + (4 * BitConverter.ToInt32(il, at)),
            _ => 4,
        };
    }
}
