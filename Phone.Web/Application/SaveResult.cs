using System.Diagnostics.CodeAnalysis;
using FluentValidation.Results;

namespace Phone.Web.Application;

/// <summary>
/// The outcome of a settings write: the stored value, or the failures by field (property
/// names of the settings record, so an endpoint maps them to its JSON names and a form
/// shows them beside its inputs), or not found.
/// </summary>
public sealed record SaveResult<T>
    where T : class
{
    private SaveResult(SaveOutcome outcome, T? value, IReadOnlyList<ValidationFailure> errors)
    {
        Outcome = outcome;
        Value = value;
        Errors = errors;
    }

    public SaveOutcome Outcome { get; }

    /// <summary>What was stored; set only when <see cref="Outcome"/> is <see cref="SaveOutcome.Saved"/>.</summary>
    public T? Value { get; }

    /// <summary>Every broken rule; empty unless <see cref="Outcome"/> is <see cref="SaveOutcome.Invalid"/>.</summary>
    public IReadOnlyList<ValidationFailure> Errors { get; }

    [MemberNotNullWhen(true, nameof(Value))]
    public bool IsSaved => Outcome == SaveOutcome.Saved;

    public static SaveResult<T> Saved(T value) => new(SaveOutcome.Saved, value ?? throw new ArgumentNullException(nameof(value)), []);

    public static SaveResult<T> Invalid(IEnumerable<ValidationFailure> errors) => new(SaveOutcome.Invalid, null, [.. errors]);

    public static SaveResult<T> NotFound { get; } = new(SaveOutcome.NotFound, null, []);

    /// <summary>The stored value; for callers (start-up code) to which a refusal is a bug.</summary>
    /// <remarks>
    /// The exception's text stays English on purpose: it only reaches the process log (start-up
    /// code such as the demo setup), never a page or an API answer, which word
    /// <see cref="Errors"/> through ValidationMessages in the reader's language.
    /// </remarks>
    /// <exception cref="InvalidOperationException">Nothing was stored.</exception>
    public T ValueOrThrow() => IsSaved
        ? Value
        : throw new InvalidOperationException(Outcome == SaveOutcome.NotFound
            ? "Nothing was saved: not found."
            : $"Nothing was saved: {string.Join(" ", Errors.Select(e => e.ErrorMessage))}");
}
