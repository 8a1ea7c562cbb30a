using System.Reflection;
using Mono.Cecil;

namespace Phone.Architecture.Tests;

/// <summary>
/// Says what each type that failed a NetArchTest dependency rule actually uses, so a failure
/// names the offending references (NetArchTest only names the types).
/// </summary>
internal static class DependencyReport
{
    /// <param name="assembly">The assembly the rule looked at.</param>
    /// <param name="failing">NetArchTest's failing type names (null when the rule passed).</param>
    /// <param name="forbidden">The forbidden namespaces or type names.</param>
    public static IReadOnlyList<string> Explain(Assembly assembly, IEnumerable<string>? failing, string[] forbidden)
    {
        var names = new HashSet<string>((failing ?? []).Select(Normalize), StringComparer.Ordinal);
        using var module = ModuleDefinition.ReadModule(ProductionAssemblies.PathOf(assembly), new ReaderParameters { ReadSymbols = false });
        var lines = new List<string>();
        foreach (var type in module.GetTypes().Where(t => names.Contains(Normalize(t.FullName))).OrderBy(t => t.FullName, StringComparer.Ordinal))
        {
            var used = UsedTypeNames(type).Where(n => IsForbidden(n, forbidden)).Distinct(StringComparer.Ordinal)
                .Order(StringComparer.Ordinal).ToList();
            var name = Normalize(type.FullName);
            lines.Add(used.Count == 0 ? name : $"{name} uses {string.Join(", ", used)}");
        }
        // Names the module did not resolve (should not happen) are still listed.
        lines.AddRange(names.Where(n => !lines.Any(l => l == n || l.StartsWith(n + " uses ", StringComparison.Ordinal))));
        return lines;
    }

    /// <summary>Cecil writes nested types Outer/Inner, reflection Outer+Inner.</summary>
    private static string Normalize(string name) => name.Replace('/', '+');

    private static bool IsForbidden(string typeName, string[] forbidden) =>
        forbidden.Any(f => typeName.Equals(f, StringComparison.Ordinal) || typeName.StartsWith(f + ".", StringComparison.Ordinal));

    /// <summary>
    /// Every type named in the type's signature, members and method bodies (generic arguments
    /// included), and in its nested types: lambdas and state machines live there.
    /// </summary>
    private static IEnumerable<string> UsedTypeNames(TypeDefinition type) =>
        OwnUsedTypeNames(type).Concat(type.NestedTypes.SelectMany(UsedTypeNames));

    private static IEnumerable<string> OwnUsedTypeNames(TypeDefinition type)
    {
        var found = new List<TypeReference?> { type.BaseType };
        found.AddRange(type.Interfaces.Select(i => i.InterfaceType));
        found.AddRange(type.Fields.Select(f => f.FieldType));
        found.AddRange(type.Properties.Select(p => p.PropertyType));
        found.AddRange(type.Events.Select(e => e.EventType));
        foreach (var method in type.Methods)
        {
            found.Add(method.ReturnType);
            found.AddRange(method.Parameters.Select(p => p.ParameterType));
            if (!method.HasBody)
            {
                continue;
            }
            found.AddRange(method.Body.Variables.Select(v => v.VariableType));
            foreach (var instruction in method.Body.Instructions)
            {
                switch (instruction.Operand)
                {
                    case TypeReference t:
                        found.Add(t);
                        break;
                    case MethodReference m:
                        found.Add(m.DeclaringType);
                        found.Add(m.ReturnType);
                        found.AddRange(m.Parameters.Select(p => p.ParameterType));
                        if (m is GenericInstanceMethod g)
                        {
                            found.AddRange(g.GenericArguments);
                        }
                        break;
                    case FieldReference f:
                        found.Add(f.DeclaringType);
                        found.Add(f.FieldType);
                        break;
                }
            }
        }
        return found.SelectMany(Flatten).Select(Name);
    }

    private static IEnumerable<TypeReference> Flatten(TypeReference? type)
    {
        if (type is null)
        {
            yield break;
        }
        if (type is GenericInstanceType generic)
        {
            foreach (var argument in generic.GenericArguments.SelectMany(Flatten))
            {
                yield return argument;
            }
        }
        if (type is TypeSpecification specification)
        {
            foreach (var element in Flatten(specification.ElementType))
            {
                yield return element;
            }
            yield break;
        }
        yield return type;
    }

    /// <summary>Namespace-qualified name; nested types use their outermost type's namespace and '+'.</summary>
    private static string Name(TypeReference type) =>
        type.DeclaringType is { } outer ? Name(outer) + "+" + type.Name : type.FullName;
}
