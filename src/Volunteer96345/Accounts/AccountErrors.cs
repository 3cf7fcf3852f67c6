using Microsoft.Extensions.Localization;
using Volunteer96345.Common.Errors;
using Volunteer96345.Common.Localization;

namespace Volunteer96345.Accounts;

internal static class AccountErrors
{
    /// <summary>A guess refused because its key waits: the same answer whatever was guessed.</summary>
    public static AppError TooMany(IStringLocalizer<SharedResource> localizer, string field, TimeSpan wait) =>
        AppError.Invalid(field, localizer["Guess.Wait", Math.Max(1, (int)Math.Ceiling(wait.TotalSeconds))]);
}
