using System.Reflection;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Localization;
using Volunteer96345.Common.Auth;
using Volunteer96345.Common.Errors;
using Volunteer96345.Common.Localization;

namespace Volunteer96345.Accounts.Passwords;

/// <summary>
/// The password policy, the same on activation, change and reset (MLPS 2.0 level 3 asks for complexity; ASVS for a
/// check against common passwords): at least 8 characters of at least 3 kinds (upper case, lower case, digits,
/// symbols), at most 128, not the user name or the mobile number in any form, not a common password.
/// </summary>
internal static class PasswordRules
{
    public const int MinLength = 8;
    public const int MaxLength = 128;

    private static readonly (HashSet<string> Exact, HashSet<string> BaseWords) Common = Load();

    /// <summary>The localisation key of the first rule the password breaks, or null when it is acceptable.</summary>
    public static string? Problem(string? password, params string?[] personal)
    {
        if (string.IsNullOrEmpty(password))
        {
            return "Password.Required";
        }

        if (password.Length < MinLength || password.Length > MaxLength)
        {
            return "Password.Length";
        }

        var kinds = (password.Any(char.IsUpper) ? 1 : 0) + (password.Any(char.IsLower) ? 1 : 0) + (password.Any(char.IsDigit) ? 1 : 0)
                    + (password.Any(c => !char.IsLetterOrDigit(c)) ? 1 : 0);
        if (kinds < 3)
        {
            return "Password.Kinds";
        }

        var lower = password.ToLowerInvariant();
        foreach (var value in personal)
        {
            var item = value?.Trim().ToLowerInvariant();
            if (item is { Length: >= 4 } && (lower.Contains(item, StringComparison.Ordinal) || lower.Contains(new string([.. item.Reverse()]), StringComparison.Ordinal)))
            {
                return "Password.Personal";
            }
        }

        return IsCommon(lower) ? "Password.Common" : null;
    }

    /// <summary>The rules and the typed confirmation, as field errors (password, confirm); null when both are fine.</summary>
    public static AppError? Check(IStringLocalizer<SharedResource> localizer, AppUser account, string? password, string? confirm)
    {
        var v = new Validation(localizer);
        if (Problem(password, account.UserName, account.PhoneNumber) is { } problem)
        {
            v.Add("password", localizer[problem, MinLength]);
        }
        else if (confirm != password)
        {
            v.Add("confirm", localizer["Password.Mismatch"]);
        }

        return v.IsValid ? null : v.ToError();
    }

    /// <summary>Sets a checked password: a new security stamp ends cookies issued before it, and a first password activates the account.</summary>
    public static void Set(IPasswordHasher<AppUser> hasher, AppUser account, string password, DateTime now)
    {
        account.PasswordHash = hasher.HashPassword(account, password);
        account.PasswordChangedAt = now;
        account.ActivatedAt ??= now;
        account.SecurityStamp = Guid.NewGuid().ToString("N").ToUpperInvariant();
    }

    private static bool IsCommon(string lower)
    {
        if (Common.Exact.Contains(lower))
        {
            return true;
        }

        // Both readings: the letters as typed (Qwerty2026!) and with the usual substitutions (P@ssw0rd).
        static string Letters(string text) => new([.. text.Where(char.IsAsciiLetter)]);
        return Common.BaseWords.Contains(Letters(lower)) || Common.BaseWords.Contains(Letters(lower.Replace('@', 'a').Replace('0', 'o').Replace('$', 's')));
    }

    private static (HashSet<string>, HashSet<string>) Load()
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream("Volunteer96345.Accounts.Passwords.common-passwords.txt")
                           ?? throw new InvalidOperationException("The common password list is not embedded.");
        using var reader = new StreamReader(stream);
        var exact = new HashSet<string>(StringComparer.Ordinal);
        var words = new HashSet<string>(StringComparer.Ordinal);
        while (reader.ReadLine() is { } line)
        {
            var entry = line.Trim();
            if (entry.Length == 0 || entry[0] == '#')
            {
                continue;
            }

            if (entry[0] == '*')
            {
                words.Add(entry[1..]);
            }
            else
            {
                exact.Add(entry);
            }
        }

        return (exact, words);
    }
}

/// <summary>Identity's hook for the same rules, so that no path that sets a password (the first admin's too) skips them.</summary>
internal sealed class PasswordRulesValidator(IStringLocalizer<SharedResource> localizer) : IPasswordValidator<AppUser>
{
    public Task<IdentityResult> ValidateAsync(UserManager<AppUser> manager, AppUser user, string? password) =>
        Task.FromResult(PasswordRules.Problem(password, user.UserName, user.PhoneNumber) is { } problem
            ? IdentityResult.Failed(new IdentityError { Code = problem, Description = localizer[problem, PasswordRules.MinLength] })
            : IdentityResult.Success);
}
