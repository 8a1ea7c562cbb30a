using FluentValidation;
using FluentValidation.Results;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Forms;

namespace Phone.Web.Components.Forms;

/// <summary>
/// Puts FluentValidation failures into the enclosing <see cref="EditForm"/>, so
/// <c>ValidationMessage</c> shows each beside its field. The validated object may differ
/// from the form model (an immutable settings record built from a mutable form); failures
/// are matched to form fields by property name.
/// </summary>
public sealed class FluentValidationRules : ComponentBase, IDisposable
{
    private EditContext? _context;
    private ValidationMessageStore? _store;

    [CascadingParameter] private EditContext? CurrentEditContext { get; set; }

    /// <summary>Words each failure in the page's language.</summary>
    [Inject] private Phone.Web.Localization.ValidationMessages Messages { get; set; } = null!;

    [Parameter, EditorRequired] public IValidator Validator { get; set; } = null!;

    /// <summary>What to validate; the form model when not set.</summary>
    [Parameter] public Func<object>? Instance { get; set; }

    protected override void OnParametersSet()
    {
        if (CurrentEditContext is null)
        {
            throw new InvalidOperationException($"{nameof(FluentValidationRules)} must be placed inside an EditForm.");
        }
        if (ReferenceEquals(CurrentEditContext, _context))
        {
            return;
        }
        Detach();
        _context = CurrentEditContext;
        _store = new ValidationMessageStore(_context);
        _context.OnValidationRequested += OnValidationRequested;
        _context.OnFieldChanged += OnFieldChanged;
    }

    /// <summary>Shows failures found elsewhere (e.g. by the repository on save) beside their fields.</summary>
    public void ShowFailures(IEnumerable<ValidationFailure> failures)
    {
        ArgumentNullException.ThrowIfNull(failures);
        if (_context is null || _store is null)
        {
            return;
        }
        foreach (var failure in failures)
        {
            _store.Add(Field(failure.PropertyName), Messages.Of(failure));
        }
        _context.NotifyValidationStateChanged();
    }

    private void OnValidationRequested(object? sender, ValidationRequestedEventArgs e)
    {
        _store!.Clear();
        foreach (var failure in Run().Errors)
        {
            _store.Add(Field(failure.PropertyName), Messages.Of(failure));
        }
        _context!.NotifyValidationStateChanged();
    }

    private void OnFieldChanged(object? sender, FieldChangedEventArgs e)
    {
        // Re-check the whole object (rules span fields), but only re-report the edited field,
        // so untouched fields do not light up while the user is still typing elsewhere.
        _store!.Clear(e.FieldIdentifier);
        foreach (var failure in Run().Errors.Where(f => f.PropertyName == e.FieldIdentifier.FieldName))
        {
            _store.Add(e.FieldIdentifier, Messages.Of(failure));
        }
        _context!.NotifyValidationStateChanged();
    }

    private ValidationResult Run() =>
        Validator.Validate(new ValidationContext<object>(Instance?.Invoke() ?? _context!.Model));

    private FieldIdentifier Field(string propertyName) => new(_context!.Model, propertyName);

    private void Detach()
    {
        if (_context is not null)
        {
            _context.OnValidationRequested -= OnValidationRequested;
            _context.OnFieldChanged -= OnFieldChanged;
            _store?.Clear();
        }
    }

    public void Dispose() => Detach();
}
