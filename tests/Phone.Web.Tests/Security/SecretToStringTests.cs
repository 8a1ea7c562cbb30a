using System.Reflection;
using System.Runtime.CompilerServices;
using System.Text.RegularExpressions;
using Phone.SipCore.Auth;
using Phone.SipCore.Configuration;
using Phone.SipCore.Messages;
using Phone.SipCore.Usages;
using Phone.Storage;

namespace Phone.Web.Tests.Security;

/// <summary>
/// Every type of the three projects that holds a password or secret in a string property keeps
/// it out of ToString(), where logs and exception texts would pick it up (records print every
/// member unless told otherwise). New types are found by reflection, not listed by hand.
/// </summary>
public sealed partial class SecretToStringTests(ITestOutputHelper output)
{
    private const string Secret = "S3cret-Pa55-9f8e2d";

    // Types whose text is deliberately what they hold, and why.
    private static readonly Dictionary<Type, string> Exempt = new()
    {
        [typeof(SipUri)] = "prints the URI as written, which is its wire form; a password in a SIP URI comes from the peer " +
            "and is deprecated (RFC 3261 19.1.1)",
    };

    [Fact]
    public void No_type_holding_a_password_or_secret_prints_it()
    {
        var candidates = new[] { typeof(SipAccount).Assembly, typeof(PhoneDatabase).Assembly, typeof(Program).Assembly }
            .SelectMany(a => a.GetTypes())
            .Where(t => t is { IsAbstract: false, IsInterface: false, IsEnum: false, ContainsGenericParameters: false }
                && !t.IsDefined(typeof(CompilerGeneratedAttribute)) && !t.Name.Contains('<', StringComparison.Ordinal))
            .Where(t => SecretProperties(t).Any())
            .OrderBy(t => t.FullName, StringComparer.Ordinal)
            .ToList();
        var checkedTypes = new List<string>();
        var leaking = new List<string>();
        var notBuilt = new List<string>();
        foreach (var type in candidates.Where(t => !Exempt.ContainsKey(t)))
        {
            if (Build(type) is not { } instance)
            {
                notBuilt.Add(type.FullName!);
                continue;
            }
            checkedTypes.Add(type.FullName!);
            var text = instance.ToString() ?? "";
            if (text.Contains(Secret, StringComparison.Ordinal))
            {
                leaking.Add($"{type.FullName}: {text}");
            }
        }

        var report = $"checked: {string.Join(", ", checkedTypes)}\n" +
            $"leaking: {string.Join("\n  ", leaking)}\n" +
            $"could not be built (add a way or an exemption): {string.Join(", ", notBuilt)}\n" +
            $"exempt: {string.Join("; ", Exempt.Select(e => $"{e.Key.FullName} ({e.Value})"))}";
        output.WriteLine(report);
        Assert.True(leaking.Count == 0 && notBuilt.Count == 0, report);
        // The scan must see the known holders, or it proves nothing.
        foreach (var known in new[] { typeof(SipAccount), typeof(DigestCredentials), typeof(LineSettings), typeof(Phone.Storage.Lines.SipCredentials) })
        {
            Assert.True(checkedTypes.Contains(known.FullName!), $"{known.FullName} was not checked. {report}");
        }
    }

    private static IEnumerable<PropertyInfo> SecretProperties(Type type) =>
        type.GetProperties(BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic)
            .Where(p => p.PropertyType == typeof(string) && p.GetIndexParameters().Length == 0 && SecretName().IsMatch(p.Name));

    /// <summary>
    /// An instance with the secret in every password/secret member: through the constructor's
    /// parameters of that name, then every settable string property (init setters included).
    /// Null when no constructor can be called with what is known here.
    /// </summary>
    private static object? Build(Type type)
    {
        if (type.IsValueType)
        {
            return Fill(type, Activator.CreateInstance(type)!);
        }
        foreach (var constructor in type.GetConstructors(BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic)
            .Where(c => c.GetParameters().All(p => p.ParameterType != type)) // not a record's copy constructor
            .OrderByDescending(c => c.GetParameters().Length))
        {
            object instance;
            try
            {
                instance = constructor.Invoke(constructor.GetParameters().Select(ValueFor).ToArray());
            }
            catch (TargetInvocationException)
            {
                continue;
            }
            return Fill(type, instance);
        }
        return null;
    }

    private static object Fill(Type type, object instance)
    {
        foreach (var property in type.GetProperties(BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic)
            .Where(p => p.PropertyType == typeof(string) && p.GetIndexParameters().Length == 0 && p.GetSetMethod(nonPublic: true) is not null))
        {
            property.SetValue(instance, SecretName().IsMatch(property.Name) ? Secret : "x");
        }
        return instance;
    }

    private static object? ValueFor(ParameterInfo parameter) =>
        parameter.ParameterType == typeof(string) ? (SecretName().IsMatch(parameter.Name ?? "") ? Secret : "x")
        : parameter.ParameterType.IsValueType ? Activator.CreateInstance(parameter.ParameterType)
        : null;

    [GeneratedRegex("password|secret", RegexOptions.IgnoreCase)]
    private static partial Regex SecretName();
}
