using System.Globalization;
using System.Reflection;
using System.Resources;
using Phone.SipCore.Lines.Diagnosis;

namespace Phone.Web.Tests.Localization;

/// <summary>Every code a diagnosis can produce has its sentence in English and in Chinese.</summary>
public sealed class DiagnosisTextTests
{
    private static readonly ResourceManager Texts = new(typeof(Phone.Web.Resources.DiagnosisText));

    public static TheoryData<string> Keys()
    {
        var data = new TheoryData<string>();
        foreach (var (type, prefix) in new[]
                 {
                     (typeof(DiagnosisCodes.Steps), "Step"), (typeof(DiagnosisCodes.Details), "Detail"), (typeof(DiagnosisCodes.Verdicts), "Verdict"),
                 })
        {
            foreach (var field in type.GetFields(BindingFlags.Public | BindingFlags.Static))
            {
                data.Add($"{prefix}.{field.GetRawConstantValue()}");
            }
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(Keys))]
    public void Each_code_has_an_english_and_a_chinese_sentence(string key)
    {
        var english = Texts.GetString(key, CultureInfo.InvariantCulture);
        var chinese = Texts.GetString(key, CultureInfo.GetCultureInfo("zh-CN"));

        Assert.False(string.IsNullOrWhiteSpace(english), key);
        Assert.False(string.IsNullOrWhiteSpace(chinese), key);
        Assert.NotEqual(english, chinese);
    }

    [Fact]
    public void The_issue_s_two_verdicts_read_as_the_issue_writes_them()
    {
        var works = string.Format(CultureInfo.InvariantCulture, Texts.GetString("Verdict.works", CultureInfo.InvariantCulture)!, "84");
        var notOffered = string.Format(CultureInfo.InvariantCulture, Texts.GetString("Verdict.notOffered", CultureInfo.InvariantCulture)!,
            "2001", "489 Bad Event", "as-feature-event");

        Assert.Equal("Feature sync works: the server confirmed DND in 84 ms", works);
        Assert.StartsWith("This server does not support as-feature-event for 2001 (489 Bad Event): enable Device Feature Key Synchronization for the user", notOffered);
    }
}
