using System.Globalization;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Phone.SipCore.Lines.Diagnosis;
using Phone.Web.Diagnosis;
using Phone.Web.Resources;

namespace Phone.Interop.Tests.Diagnosis;

/// <summary>A diagnosis as the administrator reads it in English: the web layer's own renderer over the real resx files.</summary>
internal static class EnglishDiagnosis
{
    public static DiagnosisModel Render(LineDiagnosis diagnosis)
    {
        var factory = new ResourceManagerStringLocalizerFactory(Options.Create(new LocalizationOptions()), NullLoggerFactory.Instance);
        var words = new Phone.Web.Localization.SyncLogRenderer(new StringLocalizer<SyncLogText>(factory), new StringLocalizer<PageText>(factory),
            new Phone.Web.Localization.ValidationMessages(new StringLocalizer<ValidationText>(factory)));
        var renderer = new DiagnosisRenderer(new StringLocalizer<DiagnosisText>(factory), words);
        var before = CultureInfo.CurrentUICulture;
        CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo("en");
        try
        {
            return renderer.Render(diagnosis);
        }
        finally
        {
            CultureInfo.CurrentUICulture = before;
        }
    }

    public static DiagnosisStepModel StepOf(DiagnosisModel model, string code) => Assert.Single(model.Steps, s => s.Code == code);
}
