using AntDesign;
using Microsoft.Extensions.Localization;
using Volunteer96345.Common.Errors;
using Volunteer96345.Common.Localization;
using Volunteer96345.Common.Web;

namespace Volunteer96345.Components.Ui;

/// <summary>
/// A back-office page's change, written once: run the handler (<see cref="Operations"/>), put its error where the page
/// shows errors, and on success close (<c>saved</c>), toast, then reload. The order is what the person sees: the dialog
/// closes at once, and the page reloads when the toast has gone (AntDesign's toast task ends with the toast).
/// Transient: every page that injects it has its own <see cref="Busy"/>.
/// </summary>
internal sealed class PageChanges(Operations ops, IMessageService message, IStringLocalizer<SharedResource> localizer)
{
    /// <summary>True while a <see cref="Save{THandler, T}"/> runs its handler: the form's OK button spins.</summary>
    public bool Busy { get; private set; }

    /// <summary>A form's change: <see cref="Busy"/> while the handler runs, then as <see cref="Act{THandler, T}"/>.</summary>
    public async Task<Result<T>> Save<THandler, T>(Func<THandler, Task<Result<T>>> change, Action<AppError?>? error = null,
        Action<T>? saved = null, Func<T, string>? toast = null, Func<Task>? reload = null, string? errorField = null)
        where THandler : notnull
    {
        Busy = true;
        var result = await ops.Run(change);
        Busy = false;
        return await ShowAsync(result, error, saved, toast, reload, errorField);
    }

    /// <summary>
    /// A button's change (nothing spins). <paramref name="error"/> receives the error, or null on success, to show beside
    /// the form's fields; without it the error is a toast (the message for <paramref name="errorField"/> if there is one).
    /// On success: <paramref name="saved"/> (close the dialog), the toast (<paramref name="toast"/>, else "saved"), then
    /// <paramref name="reload"/>.
    /// </summary>
    public async Task<Result<T>> Act<THandler, T>(Func<THandler, Task<Result<T>>> change, Action<AppError?>? error = null,
        Action<T>? saved = null, Func<T, string>? toast = null, Func<Task>? reload = null, string? errorField = null)
        where THandler : notnull =>
        await ShowAsync(await ops.Run(change), error, saved, toast, reload, errorField);

    private async Task<Result<T>> ShowAsync<T>(Result<T> result, Action<AppError?>? error, Action<T>? saved,
        Func<T, string>? toast, Func<Task>? reload, string? errorField)
    {
        error?.Invoke(result.Error);
        if (result.Error is { } refused)
        {
            if (error is null)
            {
                await message.ErrorAsync((errorField is null ? null : refused.For(errorField)) ?? refused.Message);
            }

            return result;
        }

        saved?.Invoke(result.Value);
        await message.SuccessAsync(toast?.Invoke(result.Value) ?? localizer["Common.Saved"].Value);
        if (reload is not null)
        {
            await reload();
        }

        return result;
    }
}
