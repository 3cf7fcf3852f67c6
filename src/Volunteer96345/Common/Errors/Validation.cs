using Microsoft.Extensions.Localization;
using Volunteer96345.Common.Localization;
using Volunteer96345.Common.Text;

namespace Volunteer96345.Common.Errors;

/// <summary>Collects field errors with localized messages. Field keys are the camelCase names the API uses.</summary>
internal sealed class Validation(IStringLocalizer<SharedResource> localizer)
{
    private readonly Dictionary<string, List<string>> _errors = [];

    public bool IsValid => _errors.Count == 0;

    /// <summary>Required unless told otherwise, at most <paramref name="maxLength"/> long, and no U+0000 (PostgreSQL cannot store it).</summary>
    public Validation Text(string field, string? value, int maxLength, bool required = true)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            if (required)
            {
                Add(field, localizer["Validation.Required", Label(field)]);
            }
        }
        else if (value.Length > maxLength)
        {
            Add(field, localizer["Validation.TooLong", Label(field), maxLength]);
        }
        else if (value.Contains('\0', StringComparison.Ordinal))
        {
            Add(field, localizer["Validation.NulCharacter", Label(field)]);
        }

        return this;
    }

    /// <summary>
    /// A name or a title: <see cref="Text"/>, and one line with no control character and nothing XML cannot carry
    /// (such a value would go into feeds, calendars and spreadsheets).
    /// </summary>
    public Validation Line(string field, string? value, int maxLength, bool required = true)
    {
        Text(field, value, maxLength, required);
        if (!SafeText.IsCleanLine(value) && !value!.Contains('\0', StringComparison.Ordinal))
        {
            Add(field, localizer["Validation.ControlCharacters", Label(field)]);
        }

        return this;
    }

    public Validation Required<T>(string field, T? value)
        where T : struct
    {
        if (value is null)
        {
            Add(field, localizer["Validation.Required", Label(field)]);
        }

        return this;
    }

    public Validation Range(string field, double? value, double min, double max)
    {
        if (value is null)
        {
            Add(field, localizer["Validation.Required", Label(field)]);
        }
        else if (double.IsNaN(value.Value) || value < min || value > max)
        {
            Add(field, localizer["Validation.Range", Label(field), min, max]);
        }

        return this;
    }

    public Validation Range(string field, long? value, long min, long max)
    {
        if (value is null)
        {
            Add(field, localizer["Validation.Required", Label(field)]);
        }
        else if (value < min || value > max)
        {
            Add(field, localizer["Validation.Range", Label(field), min, max]);
        }

        return this;
    }

    public Validation Defined<TEnum>(string field, TEnum? value)
        where TEnum : struct, Enum
    {
        if (value is null)
        {
            Add(field, localizer["Validation.Required", Label(field)]);
        }
        else if (!Enum.IsDefined(value.Value))
        {
            Add(field, localizer["Validation.Invalid", Label(field)]);
        }

        return this;
    }

    public Validation Items(string field, IReadOnlyCollection<string>? values, int maxCount, int maxLength)
    {
        if (values is null)
        {
            return this;
        }

        if (values.Count > maxCount)
        {
            Add(field, localizer["Validation.TooMany", Label(field), maxCount]);
        }
        else if (values.Any(v => string.IsNullOrWhiteSpace(v) || v.Length > maxLength))
        {
            Add(field, localizer["Validation.ItemTooLong", Label(field), maxLength]);
        }

        return this;
    }

    /// <summary>A required mainland mobile number; <paramref name="mobile"/> is it in its 11 digits, or null when it is not one.</summary>
    public Validation Mobile(string field, string? value, out string? mobile)
    {
        mobile = Privacy.ChinesePhone.Normalize(value);
        if (mobile is null)
        {
            Add(field, string.IsNullOrWhiteSpace(value) ? localizer["Validation.Required", Label(field)] : localizer["Validation.Mobile"]);
        }

        return this;
    }

    /// <summary>
    /// A resident identity number (GB 11643, check character included); <paramref name="id"/> is it normalized (upper-case X),
    /// or null when none was written or it is not one. Required only when <paramref name="required"/>.
    /// </summary>
    public Validation IdNumber(string field, string? value, bool required, out string? id)
    {
        id = null;
        if (string.IsNullOrWhiteSpace(value))
        {
            if (required)
            {
                Add(field, localizer["Validation.Required", Label(field)]);
            }

            return this;
        }

        var normalized = Privacy.ChineseId.Normalize(value);
        if (Privacy.ChineseId.IsValid(normalized))
        {
            id = normalized;
        }
        else
        {
            Add(field, localizer["Volunteer.InvalidIdNumber"]);
        }

        return this;
    }

    public Validation Check(bool condition, string field, string messageKey, params object[] arguments)
    {
        if (!condition)
        {
            Add(field, localizer[messageKey, arguments]);
        }

        return this;
    }

    public void Add(string field, string message)
    {
        if (!_errors.TryGetValue(field, out var list))
        {
            _errors[field] = list = [];
        }

        list.Add(message);
    }

    public AppError ToError() =>
        new(ErrorKind.Validation, localizer["Validation.Title"], _errors.ToDictionary(e => e.Key, e => e.Value.ToArray()));

    // "items[2].note" is labelled as "note": the index is shown by where the message stands.
    private string Label(string field) => localizer["Field." + field[(field.LastIndexOf('.') + 1)..]];
}
